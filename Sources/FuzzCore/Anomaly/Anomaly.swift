/// Where inserted bytes go inside a leaf.
public enum InsertPosition: Sendable, Equatable {
    /// Before the first byte.
    case start
    /// After the last byte.
    case end
    /// A byte offset, clamped to the leaf's length.
    case offset(Int)
}

/// One change to the tree. Structural changes keep relations honest (they are recomputed);
/// only ``lie(_:)`` and raw (`.wire`) text break a declared invariant.
public enum Mutation: Sendable, Equatable {
    /// Replaces a leaf's value.
    case replace([UInt8], LeafEncoding)
    /// Inserts bytes into a leaf; `.wire` bytes are written raw (a lie about escaping).
    case insert([UInt8], InsertPosition, LeafEncoding)
    /// Keeps only the first `keep` bytes of a leaf.
    case truncate(keep: Int)
    /// Removes the node.
    case delete
    /// Adds `copies` copies of the node right after it.
    case duplicate(copies: Int)
    /// Inserts a new node after this one.
    case insertSiblingAfter(ModelNode)
    /// Swaps the node with its next sibling.
    case swapWithNext
    /// Leaves out the delimiter between the node and its next sibling.
    case glueToNext
    /// Writes this lie instead of the truth for the relation whose target is the node.
    case lie(RelationLie)
    /// Re-declares delimiters for the whole message, consistently: joiners, escaping and the
    /// declaration relation use the new bytes, and wire leaves are translated so that every
    /// value reads the same. A correct receiver parses the same message. The target only
    /// names where the declaration lives; models without those roles render unchanged.
    case redeclare([DelimiterChange])
    /// Puts `node` at child position `index` of a branch, replacing the child there; a shorter
    /// branch is first padded with copies of `filler` (an HL7 field beyond the last one sent).
    case setChild(index: Int, node: ModelNode, filler: ModelNode)
}

/// One anomaly of a case: an operator applied to a node of the base tree.
public struct Anomaly: Sendable, Equatable {
    /// The target node's id in the base tree.
    public var target: Int32
    /// The target's path (for records and failure signatures).
    public var path: String
    /// The operator's name.
    public var operatorName: String
    /// The library index in the enumerated tier (or the library value a sampler chose); nil
    /// when the value was sampled from a parameter range.
    public var libraryIndex: Int?
    /// The change.
    public var mutation: Mutation
    /// The name of the relation this anomaly lies about, if any.
    public var lie: String?

    /// An anomaly.
    public init(target: Int32, path: String, operatorName: String, libraryIndex: Int?, mutation: Mutation, lie: String?) {
        self.target = target
        self.path = path
        self.operatorName = operatorName
        self.libraryIndex = libraryIndex
        self.mutation = mutation
        self.lie = lie
    }
}

extension FuzzModel {
    /// Applies `anomalies` in order to the base tree and renders the result.
    ///
    /// An anomaly whose target no longer exists (an earlier one deleted it) is skipped, so a
    /// reducer may drop any subset of a case's anomalies and still render.
    public func render(anomalies: [Anomaly]) -> [UInt8] {
        render(anomalies: anomalies, bindings: [])
    }

    /// Puts the bindings' values into their leaves, then applies `anomalies` on top of them
    /// (an anomaly on a bound leaf changes the bound value) and renders the result.
    public func render(anomalies: [Anomaly], bindings: [LeafBinding]) -> [UInt8] {
        var tree = root
        bind(bindings, in: &tree)
        var lies: [(relation: Int, lie: RelationLie)] = []
        // Re-declarations hold for the whole render whatever their place in the list, as a
        // message has one declaration.
        var changes: [DelimiterChange] = []
        for anomaly in anomalies {
            if case .redeclare(let list) = anomaly.mutation {
                if nodes.indices.contains(Int(anomaly.target)) { changes += list }
                continue
            }
            apply(anomaly, to: &tree, lies: &lies)
        }
        return render(tree, lies: lies, context: context(redeclaring: changes))
    }

    func apply(_ anomaly: Anomaly, to tree: inout ModelNode, lies: inout [(relation: Int, lie: RelationLie)]) {
        guard nodes.indices.contains(Int(anomaly.target)) else { return }
        let info = nodes[Int(anomaly.target)]
        if case .lie(let lie) = anomaly.mutation {
            if let relation = info.relation { lies.append((relation, lie)) }
            return
        }
        guard let path = locate(anomaly.target, in: tree) else { return }
        switch anomaly.mutation {
        case .replace(let bytes, let encoding):
            tree.modify(at: path[...]) { node in
                guard node.isLeaf else { return }
                node.bytes = bytes
                node.encoding = encoding
            }
        case .insert(let bytes, let position, let encoding):
            let table = escapeTable
            tree.modify(at: path[...]) { node in
                guard node.isLeaf else { return }
                if node.encoding != encoding {
                    // Mixed encodings: bring the existing value to wire form first.
                    if node.encoding == .text { node.bytes = Self.escaped(node.bytes, table) }
                    node.encoding = .wire
                }
                let inserted = encoding == .text && node.encoding == .wire ? Self.escaped(bytes, table) : bytes
                let offset: Int
                switch position {
                case .start: offset = 0
                case .end: offset = node.bytes.count
                case .offset(let value): offset = min(max(value, 0), node.bytes.count)
                }
                node.bytes.insert(contentsOf: inserted, at: offset)
            }
        case .setChild(let index, let child, let filler):
            tree.modify(at: path[...]) { node in
                guard !node.isLeaf, index >= 0 else { return }
                if index < node.children.count {
                    node.children[index] = child
                } else {
                    node.children += repeatElement(filler, count: index - node.children.count)
                    node.children.append(child)
                }
            }
        case .truncate(let keep):
            tree.modify(at: path[...]) { node in
                guard node.isLeaf, keep >= 0, keep < node.bytes.count else { return }
                node.bytes.removeSubrange(keep...)
            }
        case .delete, .duplicate, .insertSiblingAfter, .swapWithNext, .glueToNext:
            guard let last = path.last else {
                // The root has no siblings; only gluing or deleting it would make sense and
                // neither changes anything meaningful, so structural changes skip it.
                return
            }
            tree.modify(at: path.dropLast()[...]) { parent in
                switch anomaly.mutation {
                case .delete:
                    parent.children.remove(at: last)
                case .duplicate(let copies):
                    let copy = parent.children[last]
                    parent.children.insert(contentsOf: repeatElement(copy, count: max(copies, 0)), at: last + 1)
                case .insertSiblingAfter(let node):
                    parent.children.insert(node, at: last + 1)
                case .swapWithNext:
                    if last + 1 < parent.children.count { parent.children.swapAt(last, last + 1) }
                case .glueToNext:
                    parent.children[last].glued = true
                default:
                    break
                }
            }
        case .lie, .redeclare:
            break
        }
    }

    static func escaped(_ bytes: [UInt8], _ table: [[UInt8]?]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for byte in bytes {
            if let sequence = table[Int(byte)] { out += sequence } else { out.append(byte) }
        }
        return out
    }
}
