/// An anomaly operator: which nodes it applies to, its finite value library (enumerated tier)
/// and its sampler (random tier).
///
/// Built from the generic factories below; a protocol adds its own by giving a name, a filter
/// and a library. Closures must be pure: they see only the node and the stream they are given.
public struct AnomalyOperator: Sendable {
    /// A stable name, part of every anomaly record (`"hl7.escape"`).
    public let name: String
    /// The relative weight of this operator in the random tier (fixed, never adaptive).
    public let weight: UInt64
    /// Canonical bytes describing the library; folded into the case space's model digest so
    /// that changing a library renumbers the enumerated tier visibly.
    public let fingerprint: [UInt8]
    /// The library size for a node; 0 when the operator does not apply to it.
    public let librarySize: @Sendable (NodeInfo) -> Int
    /// Library value `index` (< ``librarySize``) for a node.
    public let value: @Sendable (NodeInfo, Int) -> Mutation
    /// A random-tier draw for a node from its path-keyed stream; returns the library index
    /// when the draw is one.
    public let sample: @Sendable (NodeInfo, inout Xoshiro256StarStar) -> (Mutation, Int?)

    /// A custom operator.
    public init(
        name: String, weight: UInt64, fingerprint: [UInt8],
        librarySize: @escaping @Sendable (NodeInfo) -> Int,
        value: @escaping @Sendable (NodeInfo, Int) -> Mutation,
        sample: (@Sendable (NodeInfo, inout Xoshiro256StarStar) -> (Mutation, Int?))? = nil
    ) {
        self.name = name
        self.weight = weight
        self.fingerprint = fingerprint
        self.librarySize = librarySize
        self.value = value
        self.sample = sample ?? { info, rng in
            let size = librarySize(info)
            let index = rng.index(below: size)
            return (value(info, index), index)
        }
    }
}

/// Which nodes an operator may target.
public typealias NodeFilter = @Sendable (NodeInfo) -> Bool

/// Ordinary leaves: not derived by a relation.
public let plainLeaves: NodeFilter = { $0.isLeaf && $0.relation == nil }

extension AnomalyOperator {
    static func fingerprint(_ name: String, _ values: [[UInt8]]) -> [UInt8] {
        var out = Array(name.utf8) + [0]
        for value in values { out += littleEndianBytes(UInt64(value.count)) + value }
        return out
    }

    /// Replaces a leaf's value with each library value (text values are escaped on render).
    public static func replaceLeaf(
        _ name: String, weight: UInt64 = 10, where filter: @escaping NodeFilter = plainLeaves,
        values: [[UInt8]], encoding: LeafEncoding = .text
    ) -> AnomalyOperator {
        AnomalyOperator(
            name: name, weight: weight, fingerprint: fingerprint(name, values) + [encoding.rawValue],
            librarySize: { filter($0) ? values.count : 0 },
            value: { _, index in .replace(values[index], encoding) })
    }

    /// Inserts each library value at the end of a leaf (enumerated) or at a drawn offset
    /// (random tier).
    public static func insertBytes(
        _ name: String, weight: UInt64 = 10, where filter: @escaping NodeFilter = plainLeaves,
        values: [[UInt8]], encoding: LeafEncoding = .wire
    ) -> AnomalyOperator {
        AnomalyOperator(
            name: name, weight: weight, fingerprint: fingerprint(name, values) + [encoding.rawValue],
            librarySize: { filter($0) ? values.count : 0 },
            value: { _, index in .insert(values[index], .end, encoding) },
            sample: { info, rng in
                let index = rng.index(below: values.count)
                let offset = rng.index(below: info.byteCount + 1)
                return (.insert(values[index], .offset(offset), encoding), index)
            })
    }

    /// Truncates a leaf to 0, 1, half and all-but-one of its bytes (those shorter than it).
    public static func truncateLeaf(
        _ name: String = "truncate", weight: UInt64 = 5, where filter: @escaping NodeFilter = plainLeaves
    ) -> AnomalyOperator {
        @Sendable func keeps(_ length: Int) -> [Int] {
            var out: [Int] = []
            for keep in [0, 1, length / 2, length - 1] where keep >= 0 && keep < length && !out.contains(keep) {
                out.append(keep)
            }
            return out
        }
        return AnomalyOperator(
            name: name, weight: weight, fingerprint: Array(name.utf8),
            librarySize: { filter($0) ? keeps($0.byteCount).count : 0 },
            value: { info, index in .truncate(keep: keeps(info.byteCount)[index]) },
            sample: { info, rng in (.truncate(keep: rng.index(below: info.byteCount)), nil) })
    }

    /// Deletes a node.
    public static func deleteNode(_ name: String, weight: UInt64 = 5, where filter: @escaping NodeFilter) -> AnomalyOperator {
        AnomalyOperator(
            name: name, weight: weight, fingerprint: Array(name.utf8),
            librarySize: { filter($0) && $0.siblingCount > 0 && !$0.indexPath.isEmpty ? 1 : 0 },
            value: { _, _ in .delete })
    }

    /// Duplicates a node `copies[i]` times.
    public static func duplicateNode(
        _ name: String, weight: UInt64 = 5, where filter: @escaping NodeFilter, copies: [Int]
    ) -> AnomalyOperator {
        AnomalyOperator(
            name: name, weight: weight, fingerprint: fingerprint(name, copies.map { littleEndianBytes(UInt64($0)) }),
            librarySize: { filter($0) && !$0.indexPath.isEmpty ? copies.count : 0 },
            value: { _, index in .duplicate(copies: copies[index]) })
    }

    /// Inserts each library node after the target.
    public static func insertSibling(
        _ name: String, weight: UInt64 = 5, where filter: @escaping NodeFilter, nodes: [ModelNode]
    ) -> AnomalyOperator {
        var print = Array(name.utf8)
        for node in nodes { print += Array(node.label.utf8) + [0] + node.bytes + [0] }
        return AnomalyOperator(
            name: name, weight: weight, fingerprint: print,
            librarySize: { filter($0) && !$0.indexPath.isEmpty ? nodes.count : 0 },
            value: { _, index in .insertSiblingAfter(nodes[index]) })
    }

    /// Swaps a node with its next sibling (reordering).
    public static func swapWithNext(_ name: String, weight: UInt64 = 5, where filter: @escaping NodeFilter) -> AnomalyOperator {
        AnomalyOperator(
            name: name, weight: weight, fingerprint: Array(name.utf8),
            librarySize: { filter($0) && $0.hasNextSibling ? 1 : 0 },
            value: { _, _ in .swapWithNext })
    }

    /// Leaves out the delimiter after a node (delimiter deletion).
    public static func glueToNext(_ name: String, weight: UInt64 = 5, where filter: @escaping NodeFilter) -> AnomalyOperator {
        AnomalyOperator(
            name: name, weight: weight, fingerprint: Array(name.utf8),
            librarySize: { filter($0) && $0.hasNextSibling ? 1 : 0 },
            value: { _, _ in .glueToNext })
    }

    /// Lies about the relation targeting a leaf: integer relations get −1, +1, 0 and the
    /// coding's maximum; byte relations (framing, declarations) get `byteLies`.
    public static func relationLie(
        _ name: String = "relation.lie", weight: UInt64 = 10, in model: FuzzModel,
        where filter: @escaping NodeFilter = { _ in true }, byteLies: [[UInt8]] = [[]]
    ) -> AnomalyOperator {
        let relations = model.relations
        @Sendable func lies(_ info: NodeInfo) -> [RelationLie] {
            guard let index = info.relation, filter(info) else { return [] }
            let relation = relations[index]
            if let coding = relation.coding {
                return [.offset(-1), .offset(1), .absolute(0), .absolute(coding.maxValue)]
            }
            return byteLies.map { .bytes($0) }
        }
        return AnomalyOperator(
            name: name, weight: weight, fingerprint: fingerprint(name, byteLies),
            librarySize: { lies($0).count },
            value: { info, index in .lie(lies(info)[index]) })
    }

    /// Re-declares the delimiters with each library set, consistently (``Mutation/redeclare(_:)``).
    public static func redeclareDelimiters(
        _ name: String, weight: UInt64 = 3, where filter: @escaping NodeFilter, sets: [[DelimiterChange]]
    ) -> AnomalyOperator {
        var print = Array(name.utf8)
        for set in sets {
            print += littleEndianBytes(UInt64(set.count))
            for change in set { print += littleEndianBytes(UInt64(change.role)) + littleEndianBytes(UInt64(change.bytes.count)) + change.bytes }
        }
        return AnomalyOperator(
            name: name, weight: weight, fingerprint: print,
            librarySize: { filter($0) ? sets.count : 0 },
            value: { _, index in .redeclare(sets[index]) })
    }

    /// Puts each library node at child position `index` of a branch, padding with `filler`
    /// (``Mutation/setChild(index:node:filler:)``).
    public static func setChild(
        _ name: String, weight: UInt64 = 3, where filter: @escaping NodeFilter, index: Int, nodes: [ModelNode],
        filler: ModelNode
    ) -> AnomalyOperator {
        var print = Array(name.utf8) + littleEndianBytes(UInt64(index))
        for node in nodes + [filler] { print += fingerprint(of: node) }
        return AnomalyOperator(
            name: name, weight: weight, fingerprint: print,
            librarySize: { filter($0) && $0.childCount > 0 ? nodes.count : 0 },
            value: { _, position in .setChild(index: index, node: nodes[position], filler: filler) })
    }

    /// Canonical bytes of a library node's whole subtree.
    static func fingerprint(of node: ModelNode) -> [UInt8] {
        var out = Array(node.label.utf8) + [0, node.tag, node.isLeaf ? 1 : 0, node.encoding.rawValue]
        out += littleEndianBytes(UInt64(node.bytes.count)) + node.bytes
        switch node.joiner {
        case .concatenated: out.append(0)
        case .separated(let role, let first): out += [1] + littleEndianBytes(UInt64(role)) + littleEndianBytes(UInt64(first))
        case .terminated(let role): out += [2] + littleEndianBytes(UInt64(role))
        }
        out += littleEndianBytes(UInt64(node.children.count))
        for child in node.children { out += fingerprint(of: child) }
        return out
    }
}
