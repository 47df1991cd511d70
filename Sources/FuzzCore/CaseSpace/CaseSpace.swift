import MedConformCore

/// The pure case space of one run: case N is a function of (profile digest, model digest,
/// generator version, seed, N) and nothing else — no clock, no history, no shard layout.
///
/// Cases `0..<enumeratedCount` are the enumerated tier (decoded by binary search over prefix
/// sums, fuzzing.md §9.3); every later number is random-tier case `N − enumeratedCount`.
public struct CaseSpace: Sendable {
    /// The model.
    public let model: FuzzModel
    /// The operators in their canonical order.
    public let operators: [AnomalyOperator]
    /// The digest of the model and the operator libraries (the "model digest" of the key).
    public let modelDigest: [UInt8]
    /// The run key.
    public let runKey: RunKey
    /// Weights of stacking depth K = 1, 2, ... in the random tier.
    public let stackWeights: [UInt64]

    /// The default stacking distribution (fuzzing.md §4.5): K=1 60%, 2 25%, 3–4 10%, 5–8 5%.
    public static let defaultStackWeights: [UInt64] = [60, 25, 5, 5, 2, 1, 1, 1]

    struct Entry: Sendable {
        var node: Int32
        var op: Int32
    }

    let entries: [Entry]
    /// prefix[i] = first case number of entries[i]; one extra element holds the total.
    let prefix: [UInt64]
    /// Per operator, the nodes it applies to, in pre-order.
    let eligible: [[Int32]]
    /// Per operator, its random-tier weight, or 0 when it applies to no node.
    let operatorWeights: [UInt64]
    /// The stream purposes of the random tier as bytes, built once: `"anomaly/<j>"` per
    /// stacking depth, and `"/<path>"` per node (a draw's purpose is the two together).
    let anomalyPurposes: [[UInt8]]
    let nodePurposes: [[UInt8]]

    /// Builds the case space; the cost is one pass over nodes × operators.
    public init(
        model: FuzzModel, operators: [AnomalyOperator], profileDigest: [UInt8], generatorVersion: String,
        seed: UInt64, stackWeights: [UInt64] = CaseSpace.defaultStackWeights
    ) {
        var hasher = CanonicalHasher()
        hasher.add(text: "medconform/fuzz/space/v1")
        hasher.add(bytes: model.digest)
        for op in operators {
            hasher.add(text: op.name)
            hasher.add(op.weight)
            hasher.add(bytes: op.fingerprint)
        }
        for weight in stackWeights { hasher.add(weight) }
        let digest = hasher.finalize()
        var entries: [Entry] = []
        var prefix: [UInt64] = [0]
        var eligible = [[Int32]](repeating: [], count: operators.count)
        // Canonical order: node pre-order, then operator order.
        for info in model.nodes {
            for (index, op) in operators.enumerated() {
                let size = op.librarySize(info)
                guard size > 0 else { continue }
                entries.append(Entry(node: info.id, op: Int32(index)))
                prefix.append(prefix[prefix.count - 1] + UInt64(size))
                eligible[index].append(info.id)
            }
        }
        self.model = model
        self.operators = operators
        self.modelDigest = digest
        self.runKey = RunKey(profileDigest: profileDigest, modelDigest: digest, generatorVersion: generatorVersion, seed: seed)
        self.stackWeights = stackWeights
        self.entries = entries
        self.prefix = prefix
        self.eligible = eligible
        self.operatorWeights = operators.indices.map { eligible[$0].isEmpty ? 0 : operators[$0].weight }
        // At least depth 1: with no weights the draw falls back to one anomaly.
        self.anomalyPurposes = (0..<max(stackWeights.count, 1)).map { Array(("anomaly/" + String($0)).utf8) }
        self.nodePurposes = model.nodes.map { Array(("/" + $0.path).utf8) }
    }

    /// The number of enumerated-tier cases.
    public var enumeratedCount: UInt64 { prefix[prefix.count - 1] }

    /// Case `index` across both tiers.
    public func `case`(at index: UInt64) -> FuzzCase {
        if index < enumeratedCount { return enumeratedCase(index) }
        return randomCase(index - enumeratedCount)
    }

    /// The valid case: the base message with no anomaly.
    public func validCase() -> [UInt8] { model.renderBase() }

    /// The single anomaly of enumerated-tier case `tierIndex`, without rendering; nil when the
    /// index is outside the tier.
    public func enumeratedAnomaly(_ tierIndex: UInt64) -> Anomaly? {
        guard tierIndex < enumeratedCount else { return nil }
        // Largest i with prefix[i] <= tierIndex.
        var low = 0
        var high = entries.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if prefix[mid] <= tierIndex { low = mid } else { high = mid - 1 }
        }
        let entry = entries[low]
        let op = operators[Int(entry.op)]
        let info = model.nodes[Int(entry.node)]
        let valueIndex = Int(tierIndex - prefix[low])
        return anomaly(op, info, op.value(info, valueIndex), valueIndex)
    }

    /// Enumerated-tier case `tierIndex`; outside the tier it is the valid message (no anomaly).
    public func enumeratedCase(_ tierIndex: UInt64) -> FuzzCase {
        let anomalies = enumeratedAnomaly(tierIndex).map { [$0] } ?? []
        return finish(CaseAddress(index: tierIndex, tier: .enumerated, tierIndex: tierIndex), anomalies)
    }

    /// Random-tier case `tierIndex`: K anomalies, each from its own path-keyed stream.
    public func randomCase(_ tierIndex: UInt64) -> FuzzCase {
        let global = tierIndex &+ enumeratedCount
        let seed = runKey.caseSeed(global)
        // The streams are keyed exactly as `stream(caseSeed:purpose:)` with the purposes
        // "top", "anomaly/<j>" and "anomaly/<j>/<path>", from bytes prepared at init.
        var top = Xoshiro256StarStar(seed: absorb(seed, Self.topPurpose))
        let depth = (top.pickWeighted(stackWeights) ?? 0) + 1
        var anomalies: [Anomaly] = []
        anomalies.reserveCapacity(depth)
        for j in 0..<depth {
            let purpose = anomalyPurposes[j]
            var choose = Xoshiro256StarStar(seed: absorb(seed, purpose))
            guard let opIndex = choose.pickWeighted(operatorWeights) else { break }
            let nodes = eligible[opIndex]
            let info = model.nodes[Int(nodes[choose.index(below: nodes.count)])]
            let op = operators[opIndex]
            var draw = Xoshiro256StarStar(seed: absorb(seed, purpose, nodePurposes[Int(info.id)]))
            let (mutation, libraryIndex) = op.sample(info, &draw)
            anomalies.append(anomaly(op, info, mutation, libraryIndex))
        }
        return finish(CaseAddress(index: global, tier: .random, tierIndex: tierIndex), anomalies, caseSeed: seed)
    }

    private func anomaly(_ op: AnomalyOperator, _ info: NodeInfo, _ mutation: Mutation, _ libraryIndex: Int?) -> Anomaly {
        var lie: String?
        if case .lie = mutation, let relation = info.relation { lie = model.relations[relation].name }
        return Anomaly(
            target: info.id, path: info.path, operatorName: op.name, libraryIndex: libraryIndex, mutation: mutation, lie: lie)
    }

    private static let topPurpose = Array("top".utf8)

    private func finish(_ address: CaseAddress, _ anomalies: [Anomaly], caseSeed: UInt64? = nil) -> FuzzCase {
        FuzzCase(
            address: address, caseSeed: caseSeed ?? runKey.caseSeed(address.index), anomalies: anomalies,
            bytes: model.render(anomalies: anomalies))
    }

    /// The bytes of `fuzzCase` with session values bound (``LeafBinding``): what a campaign
    /// sends when the message must carry, say, the control ID the device just used. The
    /// case's own ``FuzzCase/bytes`` and digest stay those without bindings.
    public func render(_ fuzzCase: FuzzCase, bindings: [LeafBinding]) -> [UInt8] {
        model.render(anomalies: fuzzCase.anomalies, bindings: bindings)
    }

    /// The cases of shard `shard` of `shardCount` (`N mod shardCount == shard`) in `range`.
    public func shard(_ shard: UInt64, of shardCount: UInt64, in range: Range<UInt64>) -> [FuzzCase] {
        guard shardCount > 0 else { return [] }
        var out: [FuzzCase] = []
        var n = range.lowerBound
        while n < range.upperBound {
            if n % shardCount == shard { out.append(self.case(at: n)) }
            n += 1
        }
        return out
    }
}
