import FuzzCore

/// Where each node of a model's base tree sits in the base rendering.
///
/// The MDER model's leaves hold their true bytes (lengths and counts included), so the base
/// rendering is the leaves in order and a node's bytes are one range of it. Truncation cuts
/// at these boundaries, and tests use the ranges to check that an anomaly changed only its
/// own field.
public struct PHDLayout: Sendable {
    /// Per node id, the byte range of the node in the base rendering.
    public let ranges: [Range<Int>]
    /// The base rendering's size.
    public let byteCount: Int

    public init(_ model: FuzzModel) {
        var ranges = [Range<Int>](repeating: 0..<0, count: model.nodes.count)
        var offset = 0
        func walk(_ node: ModelNode) {
            let start = offset
            if node.isLeaf {
                offset += node.bytes.count
            } else {
                for child in node.children { walk(child) }
            }
            if node.id >= 0, Int(node.id) < ranges.count { ranges[Int(node.id)] = start..<offset }
        }
        walk(model.root)
        self.ranges = ranges
        self.byteCount = offset
    }

    /// The offsets a truncation may cut at, ascending and distinct: the start of every leaf
    /// (field boundaries, the empty message included) and one byte into every multi-byte
    /// leaf (a field cut in half). The full length is not one: that is no truncation.
    public func cutOffsets(_ model: FuzzModel) -> [Int] {
        var marks = [Bool](repeating: false, count: byteCount)
        for info in model.nodes where info.isLeaf {
            let range = ranges[Int(info.id)]
            if range.lowerBound < byteCount { marks[range.lowerBound] = true }
            if range.count >= 2 { marks[range.lowerBound + 1] = true }
        }
        var out: [Int] = []
        for (offset, marked) in marks.enumerated() where marked { out.append(offset) }
        return out
    }
}
