import FuzzCore

@testable import FuzzCore

/// The renderer as first written, kept as an oracle: relation values are written into a copy
/// of the tree in declared order, the target found by a plain pre-order search, and the tree
/// is then serialised by a plain recursive walk. Slow and evidently right; the fast renderer
/// (pointers, relation values beside the tree, spliced base bytes, pruned search) must agree
/// with it byte for byte.
enum ReferenceRenderer {
    static func render(_ model: FuzzModel, anomalies: [Anomaly]) -> [UInt8] {
        var tree = model.root
        var lies: [(relation: Int, lie: RelationLie)] = []
        for anomaly in anomalies { model.apply(anomaly, to: &tree, lies: &lies) }
        for index in model.relations.indices {
            var lie: RelationLie?
            for entry in lies where entry.relation == index { lie = entry.lie }
            let value = relationValue(model, index, tree, lie)
            guard let path = locate(model.relationTargets[index], in: tree, model) else { continue }
            tree.modify(at: path[...]) { node in
                node.bytes = value
                node.encoding = .wire
            }
        }
        return serialized(model, tree)
    }

    static func relationValue(_ model: FuzzModel, _ index: Int, _ tree: ModelNode, _ lie: RelationLie?) -> [UInt8] {
        if case .bytes(let bytes)? = lie { return bytes }
        let relation = model.relations[index]
        let sources = model.relationSources[index].compactMap { id in locate(id, in: tree, model).map { node(at: $0, in: tree) } }
        let truth: UInt64
        switch relation.rule {
        case .framing(let bytes): return bytes
        case .delimiterDeclaration(let roles):
            return roles.filter { model.delimiters.indices.contains($0) }.flatMap { model.delimiters[$0] }
        case .lengthOf(_, _, let adjust):
            truth = UInt64(bitPattern: Int64(sources.map { serialized(model, $0).count }.reduce(0, +)) &+ adjust)
        case .countOf:
            truth = UInt64(sources.first?.children.count ?? 0)
        case .checksumOf(_, let kind, _):
            truth = UInt64(sources.flatMap { serialized(model, $0) }.reduce(UInt8(0)) { kind == .sum8 ? $0 &+ $1 : $0 ^ $1 })
        }
        let coding = relation.coding ?? .decimalText
        switch lie {
        case .offset(let delta)?: return coding.encode(truth &+ UInt64(bitPattern: delta))
        case .absolute(let value)?: return coding.encode(value)
        case .bytes, nil: return coding.encode(truth)
        }
    }

    /// The hint path if it holds `id`, else the first pre-order node with it.
    static func locate(_ id: Int32, in tree: ModelNode, _ model: FuzzModel) -> [Int]? {
        let hint = model.nodes[Int(id)].indexPath
        if let found = nodeIfPresent(at: hint, in: tree), found.id == id { return hint }
        func search(_ node: ModelNode, _ path: [Int]) -> [Int]? {
            if node.id == id { return path }
            for (index, child) in node.children.enumerated() {
                if let found = search(child, path + [index]) { return found }
            }
            return nil
        }
        return search(tree, [])
    }

    static func nodeIfPresent(at path: [Int], in tree: ModelNode) -> ModelNode? {
        var node = tree
        for index in path {
            guard node.children.indices.contains(index) else { return nil }
            node = node.children[index]
        }
        return node
    }

    static func node(at path: [Int], in tree: ModelNode) -> ModelNode { nodeIfPresent(at: path, in: tree)! }

    static func serialized(_ model: FuzzModel, _ node: ModelNode) -> [UInt8] {
        if node.isLeaf {
            guard node.encoding == .text, model.escaping != nil else { return node.bytes }
            return node.bytes.flatMap { model.escapeTable[Int($0)] ?? [$0] }
        }
        func delimiter(_ role: Int) -> [UInt8] { model.delimiters.indices.contains(role) ? model.delimiters[role] : [] }
        var out: [UInt8] = []
        for (index, child) in node.children.enumerated() {
            switch node.joiner {
            case .concatenated: break
            case .separated(let role, let first):
                if index >= first, index > 0, !node.children[index - 1].glued { out += delimiter(role) }
            case .terminated: break
            }
            out += serialized(model, child)
            if case .terminated(let role) = node.joiner, !child.glued { out += delimiter(role) }
        }
        return out
    }
}
