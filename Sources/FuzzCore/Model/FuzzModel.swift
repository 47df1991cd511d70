import MedConformCore

/// A protocol model: a base tree that renders to a valid message, the delimiter table its
/// joiners use, its escaping scheme and its relations.
///
/// Rendering is pure: the same tree and lies give the same bytes on every machine.
public struct FuzzModel: Sendable {
    /// A name for records (`"hl7v2/ORU^R01"`).
    public let name: String
    /// The valid base tree, ids assigned.
    public let root: ModelNode
    /// The delimiter bytes per role (role = index).
    public let delimiters: [[UInt8]]
    /// The escaping relation, if the protocol has one.
    public let escaping: EscapeScheme?
    /// The relations, evaluated in this order on render (inner ones first).
    public let relations: [Relation]
    /// Every node of the base tree, indexed by id (pre-order).
    public let nodes: [NodeInfo]
    /// SHA-256 over a canonical description of the model; part of every ``RunKey``.
    public let digest: [UInt8]

    let relationTargets: [Int32]
    let relationSources: [[Int32]]
    let escapeTable: [[UInt8]?]
    /// Every node's path with its id, sorted by path (for ``nodeID(path:)``).
    let pathIndex: [(path: String, id: Int32)]
    /// Per node id, one past the last id of its subtree (ids are pre-order).
    let subtreeEnds: [Int32]
    /// Per node id, whether some relation writes that leaf.
    let isRelationTarget: [Bool]
    /// The model's own delimiters, ready for rendering.
    private(set) var baseContext: RenderContext
    /// Rendered base subtrees for renders with the model's own delimiters.
    private(set) var splices = BaseSplices()
    /// The size of the valid message: what a render reserves, so most cases never regrow.
    private(set) var baseByteCount = 0

    /// Builds a model; fails with a message when a relation names a path that does not exist.
    public init(
        name: String, root: ModelNode, delimiters: [[UInt8]] = [], escaping: EscapeScheme? = nil,
        relations: [Relation] = []
    ) throws(FuzzModelError) {
        var tree = root
        var infos: [NodeInfo] = []
        Self.number(&tree, path: "", indexPath: [], siblingIndex: 0, siblingCount: 1, into: &infos)
        var byPath: [(String, Int32)] = infos.map { ($0.path, $0.id) }
        // Ties (labels that collide) go by id, so a lookup always finds the same node.
        byPath.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        func resolve(_ path: String) throws(FuzzModelError) -> Int32 {
            var low = 0
            var high = byPath.count
            while low < high {
                let mid = (low + high) / 2
                if byPath[mid].0 < path { low = mid + 1 } else { high = mid }
            }
            guard low < byPath.count, byPath[low].0 == path else { throw .unknownPath(path) }
            return byPath[low].1
        }
        var targets: [Int32] = []
        var sources: [[Int32]] = []
        for (index, relation) in relations.enumerated() {
            let target = try resolve(relation.target)
            guard infos[Int(target)].isLeaf else { throw .relationTargetNotLeaf(relation.target) }
            infos[Int(target)].relation = index
            targets.append(target)
            var ids: [Int32] = []
            switch relation.rule {
            case .lengthOf(let paths, _, _), .checksumOf(let paths, _, _):
                for path in paths { ids.append(try resolve(path)) }
            case .countOf(let path, _):
                ids.append(try resolve(path))
            case .framing, .delimiterDeclaration:
                break
            }
            sources.append(ids)
        }
        self.name = name
        self.root = tree
        self.delimiters = delimiters
        self.escaping = escaping
        self.relations = relations
        self.nodes = infos
        self.relationTargets = targets
        self.relationSources = sources
        let table = escaping?.table(delimiters: delimiters) ?? [[UInt8]?](repeating: nil, count: 256)
        self.escapeTable = table
        var ends = [Int32](repeating: Int32(truncatingIfNeeded: infos.count), count: infos.count)
        var open: [Int] = []
        for info in infos {
            while let last = open.last, infos[last].indexPath.count >= info.indexPath.count {
                ends[last] = info.id
                open.removeLast()
            }
            open.append(Int(info.id))
        }
        self.subtreeEnds = ends
        self.pathIndex = byPath.map { (path: $0.0, id: $0.1) }
        var targeted = [Bool](repeating: false, count: infos.count)
        for target in targets { targeted[Int(target)] = true }
        self.isRelationTarget = targeted
        self.baseContext = RenderContext(delimiters: delimiters, escapeTable: table, needsEscape: table.map { $0 != nil })
        self.digest = Self.computeDigest(name: name, tree: tree, delimiters: delimiters, escaping: escaping, relations: relations)
        self.splices = BaseSplices(model: self, context: baseContext)
        self.baseContext.splices = true
        self.baseByteCount = renderBase().count
    }

    private static func number(
        _ node: inout ModelNode, path: String, indexPath: [Int], siblingIndex: Int, siblingCount: Int,
        into infos: inout [NodeInfo]
    ) {
        node.id = Int32(truncatingIfNeeded: infos.count)
        let full = path + node.label
        infos.append(
            NodeInfo(
                id: node.id, path: full, tag: node.tag, isLeaf: node.isLeaf, value: node.bytes,
                childCount: node.children.count, siblingIndex: siblingIndex, siblingCount: siblingCount,
                relation: nil, indexPath: indexPath))
        let count = node.children.count
        for index in 0..<count {
            number(&node.children[index], path: full, indexPath: indexPath + [index], siblingIndex: index, siblingCount: count, into: &infos)
        }
    }

    private static func computeDigest(
        name: String, tree: ModelNode, delimiters: [[UInt8]], escaping: EscapeScheme?, relations: [Relation]
    ) -> [UInt8] {
        var hasher = CanonicalHasher()
        hasher.add(text: "medconform/fuzz/model/v1")
        hasher.add(text: name)
        hasher.add(UInt64(delimiters.count))
        for delimiter in delimiters { hasher.add(bytes: delimiter) }
        if let escaping {
            hasher.add(UInt64(escaping.escapeRole))
            for rule in escaping.rules {
                hasher.add(UInt64(rule.role))
                hasher.add(bytes: rule.code)
            }
        }
        func walk(_ node: ModelNode) {
            hasher.add(text: node.label)
            hasher.add(UInt64(node.tag))
            hasher.add(node.isLeaf ? 1 : 0)
            hasher.add(bytes: node.bytes)
            hasher.add(UInt64(node.encoding.rawValue))
            switch node.joiner {
            case .concatenated: hasher.add(0)
            case .separated(let role, let first):
                hasher.add(1)
                hasher.add(UInt64(role))
                hasher.add(UInt64(first))
            case .terminated(let role):
                hasher.add(2)
                hasher.add(UInt64(role))
            }
            hasher.add(UInt64(node.children.count))
            for child in node.children { walk(child) }
        }
        walk(tree)
        for relation in relations {
            hasher.add(text: relation.name)
            hasher.add(text: relation.target)
            switch relation.rule {
            case .lengthOf(let paths, let coding, let adjust):
                hasher.add(text: "length")
                for path in paths { hasher.add(text: path) }
                hasher.add(text: coding.name)
                hasher.add(UInt64(bitPattern: adjust))
            case .countOf(let path, let coding):
                hasher.add(text: "count")
                hasher.add(text: path)
                hasher.add(text: coding.name)
            case .checksumOf(let paths, let kind, let coding):
                hasher.add(text: kind == .sum8 ? "sum8" : "xor8")
                for path in paths { hasher.add(text: path) }
                hasher.add(text: coding.name)
            case .framing(let bytes):
                hasher.add(text: "framing")
                hasher.add(bytes: bytes)
            case .delimiterDeclaration(let roles):
                hasher.add(text: "declaration")
                for role in roles { hasher.add(UInt64(role)) }
            }
        }
        return hasher.finalize()
    }
}

extension FuzzModel {
    /// The index path of node `id` in `tree` (see ``ModelNode/locate(_:hint:ends:)``).
    func locate(_ id: Int32, in tree: ModelNode) -> [Int]? {
        tree.locate(id, hint: nodes[Int(id)].indexPath, ends: subtreeEnds)
    }
}

/// Why a model could not be built.
public enum FuzzModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A relation names a path the tree does not have.
    case unknownPath(String)
    /// A relation's target is a branch; derived values live in leaves.
    case relationTargetNotLeaf(String)
    /// The message cannot be turned into a model.
    case invalidBaseMessage(String)

    /// The message shown to users.
    public var description: String {
        switch self {
        case .unknownPath(let path): "relation names a path that is not in the model: \(path)"
        case .relationTargetNotLeaf(let path): "a relation's target must be a leaf: \(path)"
        case .invalidBaseMessage(let reason): "the base message cannot be modelled: \(reason)"
        }
    }
}
