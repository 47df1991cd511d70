extension FuzzModel {
    /// The valid message: the base tree with every relation recomputed.
    public func renderBase() -> [UInt8] {
        render(root, lies: [])
    }

    /// Renders `tree` to bytes: first every relation is recomputed in declared order (a lied-
    /// about relation gets its lie instead), then the tree is serialised with the delimiters
    /// and the escaping scheme.
    public func render(_ tree: ModelNode, lies: [(relation: Int, lie: RelationLie)]) -> [UInt8] {
        render(tree, lies: lies, context: baseContext)
    }

    /// ``render(_:lies:)`` with the delimiters of `context`.
    func render(_ tree: ModelNode, lies: [(relation: Int, lie: RelationLie)], context: RenderContext) -> [UInt8] {
        var context = context
        // Each relation's value is its leaf's new content for the relations after it (a
        // checksum covers a length computed before it), exactly as if written into the tree.
        for index in relations.indices {
            var lie: RelationLie?
            for entry in lies where entry.relation == index { lie = entry.lie }
            let value = relationValue(index, in: tree, lie: lie, context: context)
            let target = relationTargets[index]
            guard let path = locate(target, in: tree) else { continue }
            context.overrides.append(.init(id: target, path: path, value: value))
        }
        var out: [UInt8] = []
        out.reserveCapacity(baseByteCount + 256)
        var path: [Int] = []
        path.reserveCapacity(16)
        write(tree, path: &path, context, into: &out)
        if out.count > Self.maxRenderedBytes { out.removeSubrange(Self.maxRenderedBytes...) }
        return out
    }

    /// The most bytes a case renders to; the rest is cut. Stacked structural anomalies can
    /// multiply (a segment copied 100 times, holding a field repeated 1000 times, holding a
    /// 64 KiB value would be 6.5 GB), and the harness must not run out of memory on a case.
    /// Cutting is deterministic, so the case stays a pure function of its address. 2 MiB is
    /// past the frame limit of any MLLP receiver met so far (the harness's own default is
    /// 1 MiB), so oversize cases still cross it.
    public static let maxRenderedBytes = 2 << 20

    /// The bytes of relation `index` in `tree`, honest or lying.
    func relationValue(_ index: Int, in tree: ModelNode, lie: RelationLie?, context: RenderContext) -> [UInt8] {
        let relation = relations[index]
        if case .bytes(let bytes)? = lie { return bytes }
        let truth: UInt64
        switch relation.rule {
        case .framing(let bytes):
            return bytes
        case .delimiterDeclaration(let roles):
            var out: [UInt8] = []
            for role in roles where context.delimiters.indices.contains(role) { out += context.delimiters[role] }
            return out
        case .lengthOf(_, _, let adjust):
            var total: Int64 = 0
            for source in relationSources[index] {
                if let bytes = writeFirst(source, in: tree, context) { total += Int64(bytes.count) }
            }
            truth = UInt64(bitPattern: total &+ adjust)
        case .countOf:
            let source = relationSources[index][0]
            let path = locate(source, in: tree)
            truth = UInt64(path.map { tree.childCount(at: $0[...]) } ?? 0)
        case .checksumOf(_, let kind, _):
            var acc: UInt8 = 0
            for source in relationSources[index] {
                guard let bytes = writeFirst(source, in: tree, context) else { continue }
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

    /// The bytes of the first node with `id` in `tree` (relation values so far in place).
    func writeFirst(_ id: Int32, in tree: ModelNode, _ context: RenderContext) -> [UInt8]? {
        guard var path = locate(id, in: tree) else { return nil }
        var out: [UInt8] = []
        tree.withNode(at: path[...]) { node in write(node, path: &path, context, into: &out) }
        return out
    }

    /// Appends the wire bytes of `node` with the model's delimiters and escaping.
    public func serialize(_ node: ModelNode, into out: inout [UInt8]) {
        var path: [Int] = []
        write(node, path: &path, baseContext, into: &out)
    }

    /// Appends the wire bytes of `node`, which sits at index `path` of the rendered tree
    /// (the path is how relation values find their leaf; it is restored on return).
    func write(_ node: borrowing ModelNode, path: inout [Int], _ context: RenderContext, into out: inout [UInt8]) {
        withUnsafePointer(to: node) { write($0, path: &path, context, into: &out) }
    }

    // Nodes are reached through pointers: passing a child read from the children array (even
    // through a buffer pointer) made the compiler copy it, retaining and releasing its label,
    // bytes and children, which cost more than writing the bytes themselves.
    func write(_ node: UnsafePointer<ModelNode>, path: inout [Int], _ context: RenderContext, into out: inout [UInt8]) {
        // Past the cap nothing more is written (``maxRenderedBytes``); the caller cuts the rest.
        if out.count > Self.maxRenderedBytes { return }
        let id = node.pointee.id
        if context.splices, id >= 0, let entry = splices.entries[Int(id)], entry.matches(node) {
            out += splices.bytes[entry.start..<entry.end]
            return
        }
        if node.pointee.isLeaf {
            if id >= 0, isRelationTarget[Int(id)], let value = context.override(for: id, at: path) {
                out += value
            } else if node.pointee.encoding == .wire || escaping == nil {
                if context.translatesWire {
                    appendTranslated(node.pointee.bytes, context, into: &out)
                } else {
                    out += node.pointee.bytes
                }
            } else {
                appendEscaped(node.pointee.bytes, context, into: &out)
            }
            return
        }
        node.pointee.children.withUnsafeBufferPointer { children in
            guard let first = children.baseAddress else { return }
            let count = children.count
            var separator: [UInt8] = []
            var separatedFrom = count
            var terminator: [UInt8] = []
            switch node.pointee.joiner {
            case .concatenated:
                break
            case .separated(let role, let firstSeparated):
                if context.delimiters.indices.contains(role) { separator = context.delimiters[role] }
                separatedFrom = max(firstSeparated, 1)
            case .terminated(let role):
                if context.delimiters.indices.contains(role) { terminator = context.delimiters[role] }
            }
            for index in 0..<count {
                let child = first + index
                if index >= separatedFrom, !(child - 1).pointee.glued { out += separator }
                path.append(index)
                write(child, path: &path, context, into: &out)
                path.removeLast()
                if !terminator.isEmpty, !child.pointee.glued { out += terminator }
            }
        }
    }

    /// Appends `bytes` escaped; copies runs without special bytes in one go, because long
    /// text values (64 KiB strings) would otherwise cost a table lookup per byte. The scan
    /// reads through buffer pointers: it is the one loop that runs per byte.
    func appendEscaped(_ bytes: [UInt8], _ context: RenderContext, into out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { source in
            context.needsEscape.withUnsafeBufferPointer { special in
                var runStart = 0
                var index = 0
                let count = source.count
                while index < count {
                    if special[Int(source[index])] {
                        if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index])) }
                        if let sequence = context.escapeTable[Int(source[index])] { out += sequence }
                        runStart = index + 1
                    }
                    index += 1
                }
                if runStart < count { out.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<count])) }
            }
        }
    }
}
