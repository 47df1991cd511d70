/// How a leaf's bytes reach the wire.
public enum LeafEncoding: UInt8, Sendable, Equatable {
    /// Already in wire form (taken from a valid message, or a deliberate raw injection that
    /// lies about the escaping relation).
    case wire
    /// Data: the renderer escapes it with the model's ``EscapeScheme`` (the escaping relation).
    case text
}

/// How a branch puts its children's bytes together.
public enum Joiner: Sendable, Equatable {
    /// Children back to back (TLV bodies, frames).
    case concatenated
    /// The delimiter of `role` before every child from `firstSeparated` on (1 for an ordinary
    /// list; HL7 MSH uses 3 because MSH-1 and MSH-2 are written without separators).
    case separated(role: Int, firstSeparated: Int)
    /// The delimiter of `role` after every child (HL7 segments end in CR).
    case terminated(role: Int)
}

/// One node of a protocol model tree.
///
/// A value type with stored arrays so that a case copies only the spine it mutates. The `id`
/// is the node's pre-order index in the base tree (assigned by ``FuzzModel``); copies made by
/// anomalies keep it, inserted nodes have -1.
public struct ModelNode: Sendable, Equatable {
    /// The node's own part of its path, written with its separator (`"OBX[2]"`, `".5"`).
    public var label: String
    /// A model-defined kind (HL7: segment, field, ...), used by operators to choose targets.
    public var tag: UInt8
    /// Whether this is a leaf holding ``bytes``.
    public var isLeaf: Bool
    /// The leaf value; empty for branches.
    public var bytes: [UInt8]
    /// How the leaf value is encoded.
    public var encoding: LeafEncoding
    /// The children of a branch, in wire order.
    public var children: [ModelNode]
    /// How the children are joined.
    public var joiner: Joiner
    /// When true, the delimiter between this node and the next sibling is left out.
    public var glued: Bool
    /// The pre-order index in the base tree; -1 for nodes inserted by anomalies.
    public var id: Int32

    /// A leaf.
    public static func leaf(_ label: String, _ bytes: [UInt8], tag: UInt8 = 0, encoding: LeafEncoding = .wire) -> ModelNode {
        ModelNode(
            label: label, tag: tag, isLeaf: true, bytes: bytes, encoding: encoding, children: [],
            joiner: .concatenated, glued: false, id: -1)
    }

    /// A branch.
    public static func branch(_ label: String, tag: UInt8 = 0, joiner: Joiner = .concatenated, _ children: [ModelNode]) -> ModelNode {
        ModelNode(
            label: label, tag: tag, isLeaf: false, bytes: [], encoding: .wire, children: children,
            joiner: joiner, glued: false, id: -1)
    }

    /// The index path of the first node (pre-order) with `id`; tries `hint` first.
    func locate(_ wanted: Int32, hint: [Int]) -> [Int]? {
        if let node = node(at: hint[...]), node.id == wanted { return hint }
        var path: [Int] = []
        return search(wanted, &path) ? path : nil
    }

    private func search(_ wanted: Int32, _ path: inout [Int]) -> Bool {
        if id == wanted { return true }
        for index in children.indices {
            path.append(index)
            if children[index].search(wanted, &path) { return true }
            path.removeLast()
        }
        return false
    }

    /// The node at an index path, or nil when the path leaves the tree.
    func node(at path: ArraySlice<Int>) -> ModelNode? {
        guard let first = path.first else { return self }
        guard children.indices.contains(first) else { return nil }
        return children[first].node(at: path.dropFirst())
    }

    /// Runs `body` on the node at `path` in place; false when the path leaves the tree.
    @discardableResult
    mutating func modify(at path: ArraySlice<Int>, _ body: (inout ModelNode) -> Void) -> Bool {
        guard let first = path.first else {
            body(&self)
            return true
        }
        guard children.indices.contains(first) else { return false }
        return children[first].modify(at: path.dropFirst(), body)
    }
}
