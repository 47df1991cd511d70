/// The rendered bytes of every base subtree that no relation writes into, so that a render
/// copies a subtree the case left alone in one go instead of walking it: a case changes a few
/// nodes of a tree of hundreds.
///
/// "Left alone" is decided by storage identity. Copy-on-write keeps a case's subtree sharing
/// its arrays with the base tree until something inside it changes, and every change makes
/// new arrays along the way down to it; the base tree, held by the model, keeps the old ones
/// alive, so an address is never reused for other content.
///
/// Each byte of the valid message is stored once per ancestor, so the table is about the
/// message's size times the tree's depth (a few KiB for an ordinary HL7 message).
struct BaseSplices: Sendable {
    /// What a node must still match for its base bytes to stand for it.
    struct Entry: Sendable {
        /// ``ModelNode/storageIdentity`` of the base node.
        var identity: UInt
        var isLeaf: Bool
        var encoding: LeafEncoding
        var joiner: Joiner
        /// The node's bytes in ``BaseSplices/bytes``.
        var start: Int
        var end: Int

        func matches(_ node: UnsafePointer<ModelNode>) -> Bool {
            node.pointee.isLeaf == isLeaf && node.pointee.encoding == encoding && node.pointee.joiner == joiner
                && node.pointee.storageIdentity == identity
        }
    }

    /// Per node id, its entry; nil for nodes holding a relation target (their bytes change
    /// with the tree) and before the model has built them.
    var entries: [Entry?] = []
    /// Every entry's bytes, back to back.
    var bytes: [UInt8] = []

    /// Renders each base subtree free of relation targets with `context` (which must not
    /// splice, as the entries do not exist yet).
    init(model: FuzzModel, context: RenderContext) {
        var entries = [Entry?](repeating: nil, count: model.nodes.count)
        var bytes: [UInt8] = []
        var path: [Int] = []
        func visit(_ node: UnsafePointer<ModelNode>) -> Bool {
            let id = node.pointee.id
            var holdsTarget = id >= 0 && model.isRelationTarget[Int(id)]
            node.pointee.children.withUnsafeBufferPointer { children in
                guard let first = children.baseAddress else { return }
                for index in 0..<children.count {
                    path.append(index)
                    if visit(first + index) { holdsTarget = true }
                    path.removeLast()
                }
            }
            if !holdsTarget, id >= 0 {
                let start = bytes.count
                model.write(node, path: &path, context, into: &bytes)
                entries[Int(id)] = Entry(
                    identity: node.pointee.storageIdentity, isLeaf: node.pointee.isLeaf, encoding: node.pointee.encoding,
                    joiner: node.pointee.joiner, start: start, end: bytes.count)
            }
            return holdsTarget
        }
        withUnsafePointer(to: model.root) { _ = visit($0) }
        self.entries = entries
        self.bytes = bytes
    }

    init() {}
}

extension ModelNode {
    /// The address of the array that holds the node's content (children of a branch, bytes
    /// of a leaf); see ``BaseSplices`` for why equal addresses mean equal content.
    var storageIdentity: UInt {
        if isLeaf { return bytes.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } }
        return children.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
    }
}
