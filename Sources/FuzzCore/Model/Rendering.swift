extension FuzzModel {
    /// The valid message: the base tree with every relation recomputed.
    public func renderBase() -> [UInt8] {
        render(root, lies: [])
    }

    /// Renders `tree` to bytes: first every relation is recomputed in declared order (a lied-
    /// about relation gets its lie instead), then the tree is serialised with the delimiters
    /// and the escaping scheme.
    public func render(_ tree: ModelNode, lies: [(relation: Int, lie: RelationLie)]) -> [UInt8] {
        var tree = tree
        for index in relations.indices {
            var lie: RelationLie?
            for entry in lies where entry.relation == index { lie = entry.lie }
            let value = relationValue(index, in: tree, lie: lie)
            let target = relationTargets[index]
            guard let path = tree.locate(target, hint: nodes[Int(target)].indexPath) else { continue }
            tree.modify(at: path[...]) { node in
                node.bytes = value
                node.encoding = .wire
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(nodes.count * 4)
        serialize(tree, into: &out)
        return out
    }

    /// The bytes of relation `index` in `tree`, honest or lying.
    func relationValue(_ index: Int, in tree: ModelNode, lie: RelationLie?) -> [UInt8] {
        let relation = relations[index]
        if case .bytes(let bytes)? = lie { return bytes }
        let truth: UInt64
        switch relation.rule {
        case .framing(let bytes):
            return bytes
        case .delimiterDeclaration(let roles):
            var out: [UInt8] = []
            for role in roles where delimiters.indices.contains(role) { out += delimiters[role] }
            return out
        case .lengthOf(_, _, let adjust):
            var total: Int64 = 0
            for source in relationSources[index] {
                if let node = find(source, in: tree) {
                    var bytes: [UInt8] = []
                    serialize(node, into: &bytes)
                    total += Int64(bytes.count)
                }
            }
            truth = UInt64(bitPattern: total &+ adjust)
        case .countOf:
            truth = UInt64(find(relationSources[index][0], in: tree)?.children.count ?? 0)
        case .checksumOf(_, let kind, _):
            var acc: UInt8 = 0
            for source in relationSources[index] {
                guard let node = find(source, in: tree) else { continue }
                var bytes: [UInt8] = []
                serialize(node, into: &bytes)
                for byte in bytes { acc = kind == .sum8 ? acc &+ byte : acc ^ byte }
            }
            truth = UInt64(acc)
        }
        let coding = relation.coding ?? .decimalText
        switch lie {
        case .offset(let delta)?: return coding.encode(truth &+ UInt64(bitPattern: delta))
        case .absolute(let value)?: return coding.encode(value)
        case .bytes, nil: return coding.encode(truth)
        }
    }

    /// The first node with `id` in `tree`.
    func find(_ id: Int32, in tree: ModelNode) -> ModelNode? {
        guard let path = tree.locate(id, hint: nodes[Int(id)].indexPath) else { return nil }
        return tree.node(at: path[...])
    }

    /// Appends the wire bytes of `node`.
    public func serialize(_ node: ModelNode, into out: inout [UInt8]) {
        if node.isLeaf {
            if node.encoding == .wire || escaping == nil {
                out += node.bytes
            } else {
                appendEscaped(node.bytes, into: &out)
            }
            return
        }
        let count = node.children.count
        switch node.joiner {
        case .concatenated:
            for index in 0..<count { serialize(node.children[index], into: &out) }
        case .separated(let role, let firstSeparated):
            let separator = delimiters.indices.contains(role) ? delimiters[role] : []
            for index in 0..<count {
                if index >= firstSeparated, index > 0, !node.children[index - 1].glued { out += separator }
                serialize(node.children[index], into: &out)
            }
        case .terminated(let role):
            let terminator = delimiters.indices.contains(role) ? delimiters[role] : []
            for index in 0..<count {
                serialize(node.children[index], into: &out)
                if !node.children[index].glued { out += terminator }
            }
        }
    }

    /// Appends `bytes` escaped; copies runs without special bytes in one go, because long
    /// text values (64 KiB strings) would otherwise cost a table lookup per byte.
    func appendEscaped(_ bytes: [UInt8], into out: inout [UInt8]) {
        var runStart = 0
        var index = 0
        let count = bytes.count
        while index < count {
            if needsEscape[Int(bytes[index])] {
                if runStart < index { out += bytes[runStart..<index] }
                if let sequence = escapeTable[Int(bytes[index])] { out += sequence }
                runStart = index + 1
            }
            index += 1
        }
        if runStart < count { out += bytes[runStart..<count] }
    }
}
