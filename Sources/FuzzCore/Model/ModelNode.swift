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
    ///
    /// `ends[i]` is one past the last id of base node `i`'s subtree. Ids stay inside their
    /// base subtree (copies keep their ids, inserted nodes have -1), so the search skips
    /// subtrees whose range cannot hold `wanted`, such as a segment's hundred copies.
    func locate(_ wanted: Int32, hint: [Int], ends: [Int32]) -> [Int]? {
        if id(at: hint[...]) == wanted { return hint }
        var path: [Int] = []
        let found = ends.withUnsafeBufferPointer { search(wanted, $0, &path) }
        return found ? path : nil
    }

    // The readers below go through buffer pointers: subscripting `children` would copy each
    // child visited (retaining its arrays), and they run several times per case.

    private func search(_ wanted: Int32, _ ends: UnsafeBufferPointer<Int32>, _ path: inout [Int]) -> Bool {
        if id == wanted { return true }
        if id >= 0, Int(id) < ends.count, wanted < id || wanted >= ends[Int(id)] { return false }
        return children.withUnsafeBufferPointer { children in
            for index in children.indices {
                path.append(index)
                if children[index].search(wanted, ends, &path) { return true }
                path.removeLast()
            }
            return false
        }
    }

    /// The id of the node at an index path, or nil when the path leaves the tree.
    func id(at path: ArraySlice<Int>) -> Int32? {
        guard let first = path.first else { return id }
        return children.withUnsafeBufferPointer { children in
            children.indices.contains(first) ? children[first].id(at: path.dropFirst()) : nil
        }
    }

    /// The number of children of the node at an index path (0 when the path leaves the tree).
    func childCount(at path: ArraySlice<Int>) -> Int {
        guard let first = path.first else { return children.count }
        return children.withUnsafeBufferPointer { children in
            children.indices.contains(first) ? children[first].childCount(at: path.dropFirst()) : 0
        }
    }

    /// Runs `body` on the node at an index path without copying it; nothing when the path
    /// leaves the tree.
    func withNode(at path: ArraySlice<Int>, _ body: (borrowing ModelNode) -> Void) {
        guard let first = path.first else {
            body(self)
            return
        }
        children.withUnsafeBufferPointer { children in
            if children.indices.contains(first) { children[first].withNode(at: path.dropFirst(), body) }
        }
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
