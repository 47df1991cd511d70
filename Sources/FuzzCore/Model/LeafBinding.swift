/// A session value put into one leaf before anomalies are applied, such as the control ID a
/// device sent, copied into MSA-2 of the acknowledgement that is then mutated.
///
/// Bindings are not part of a case: its address, bytes and digest are computed without them,
/// so the case stays a pure function of the run key; a campaign renders the bound bytes to
/// send them (``FuzzModel/render(anomalies:bindings:)``).
public struct LeafBinding: Sendable, Equatable {
    /// The leaf's path in the model (`"MSA.2[1].1.1"`); a path the model lacks is ignored.
    public var path: String
    /// The new value, in wire form (written as it is, not escaped).
    public var bytes: [UInt8]

    /// A binding.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

extension FuzzModel {
    /// The id of the node with `path`, nil when the model has none.
    public func nodeID(path: String) -> Int32? {
        var low = 0
        var high = pathIndex.count
        while low < high {
            let mid = (low + high) / 2
            if pathIndex[mid].path < path { low = mid + 1 } else { high = mid }
        }
        guard low < pathIndex.count, pathIndex[low].path == path else { return nil }
        return pathIndex[low].id
    }

    /// Writes each binding's bytes into its leaf of `tree` (branches and unknown paths are
    /// left alone).
    func bind(_ bindings: [LeafBinding], in tree: inout ModelNode) {
        for binding in bindings {
            guard let id = nodeID(path: binding.path), let path = locate(id, in: tree) else { continue }
            tree.modify(at: path[...]) { node in
                guard node.isLeaf else { return }
                node.bytes = binding.bytes
                node.encoding = .wire
            }
        }
    }
}
