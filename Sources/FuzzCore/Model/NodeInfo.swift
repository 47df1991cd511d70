/// What operators may know about a node of the base tree when choosing targets and values.
public struct NodeInfo: Sendable, Equatable {
    /// The node's id (its pre-order index).
    public var id: Int32
    /// The stable path, e.g. `OBX[2].5.1.1`.
    public var path: String
    /// The model-defined kind.
    public var tag: UInt8
    /// Whether the node is a leaf.
    public var isLeaf: Bool
    /// The leaf's base value (empty for branches); operators may derive values from it.
    public var value: [UInt8]
    /// The leaf's byte count (0 for branches).
    public var byteCount: Int { value.count }
    /// The number of children (0 for leaves).
    public var childCount: Int
    /// The position among its siblings.
    public var siblingIndex: Int
    /// How many siblings, itself included (1 for the root).
    public var siblingCount: Int
    /// The index of the relation whose target this leaf is, if any.
    public var relation: Int?
    /// The index path from the root in the base tree.
    public var indexPath: [Int]

    /// Whether a next sibling exists (for reorder and delimiter deletion).
    public var hasNextSibling: Bool { siblingIndex + 1 < siblingCount }
}
