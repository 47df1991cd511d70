import MedConformCore

/// A suite's `fuzz:` block as every protocol plugin reads it: the keys that mean the same
/// whatever the protocol (seed, case numbers, probing, confirmation, shrinking, settling,
/// operator choice and weights). Only `base`, and which operator names exist, are the
/// plugin's: ``read(_:collector:base:)`` asks for them at the point where `base` is read, so
/// the diagnostics of one profile come out in the same order for every plugin.
public struct FuzzBlock<Base> {
    /// Every key of a `fuzz:` block.
    public static var keys: [String] {
        ["seed", "cases", "duration", "start", "base", "operators", "weights", "probe-every", "confirm",
         "backsearch", "shrink-tests", "max-findings", "settle"]
    }

    /// The block itself, for the positions of later diagnostics.
    public var mapping: ConfigMapping
    /// The plugin's base message, as its `base` reader gave it.
    public var base: Base
    public var seed: UInt64
    public var settings: CampaignSettings
    /// Operator names to use (nil: all), and weight overrides, as written.
    public var operators: [String]?
    public var weights: [(name: String, weight: UInt64)]
    /// How long a real device gets to recover after a failure.
    public var settle: Duration

    /// Reads and validates the block; nil (with the errors collected at their file positions)
    /// when anything is wrong.
    /// - Parameters:
    ///   - base: Reads the plugin's `base` key from the block (reporting its own mistakes) and
    ///     returns the base, nil when there is none to fuzz, with the operator names known for it.
    public static func read(_ node: ConfigNode, collector: DiagnosticCollector,
                            base readBase: (ConfigMapping) -> (base: Base?, operators: [String])) -> FuzzBlock? {
        guard let block = ConfigMapping(node, context: "fuzz", keys: keys, collector: collector) else { return nil }
        let errorsBefore = collector.errorCount
        let seed = block.unsigned64("seed") ?? 1
        let cases = block.integer("cases", in: 1...Int.max)
        let duration = block.duration("duration")
        let start = block.unsigned64("start") ?? 0
        let (base, known) = readBase(block)
        var settings = CampaignSettings(firstIndex: start, caseCount: cases.map { UInt64($0) } ?? (duration == nil ? 1000 : nil),
                                        duration: duration)
        if let every = block.integer("probe-every", in: 0...1_000_000) { settings.probeEvery = every }
        if let text = block.string("confirm") {
            let parts = text.split(separator: "/")
            if parts.count == 2, let r = Int(parts[0]), let n = Int(parts[1]), r >= 1, n >= r, n <= 20 {
                settings.confirmRequired = r
                settings.confirmRuns = n
            } else {
                collector.error("'confirm' must be 'r/n' with 1 ≤ r ≤ n ≤ 20, such as '2/3'; found '\(text)'", at: block.keyLocation("confirm"))
            }
        }
        if let value = block.integer("backsearch", in: 0...1024) { settings.backsearch = value }
        if let value = block.integer("shrink-tests", in: 0...100_000) { settings.shrinkTests = value }
        if let value = block.integer("max-findings", in: 1...10_000) { settings.maxFindings = value }
        let settle = block.duration("settle") ?? .zero
        let (operators, weights) = readOperators(block, known: known, collector: collector)
        guard collector.errorCount == errorsBefore, let base else {
            if collector.errorCount == errorsBefore {
                collector.error("the fuzz base message cannot be read", at: block.location)
            }
            return nil
        }
        return FuzzBlock(mapping: block, base: base, seed: seed, settings: settings, operators: operators, weights: weights,
                         settle: settle)
    }

    /// `operators` and `weights`, each name checked against `known`.
    static func readOperators(_ block: ConfigMapping, known: [String], collector: DiagnosticCollector)
        -> (operators: [String]?, weights: [(name: String, weight: UInt64)]) {
        var operators: [String]?
        var weights: [(name: String, weight: UInt64)] = []
        if let names = block.stringList("operators") {
            operators = []
            for (name, location) in names {
                if known.contains(name) {
                    operators?.append(name)
                } else {
                    collector.error("unknown fuzz operator '\(name)'\(Suggestion.didYouMean(name, among: known)); known: \(known.joined(separator: ", "))", at: location)
                }
            }
            if operators?.isEmpty == true && names.isEmpty {
                collector.error("'operators' must name at least one operator", at: block.keyLocation("operators"))
            }
        }
        if let node = block.value("weights") {
            if let entries = node.entries {
                for entry in entries {
                    guard known.contains(entry.key) else {
                        collector.error("unknown fuzz operator '\(entry.key)'\(Suggestion.didYouMean(entry.key, among: known))", at: entry.keyLocation)
                        continue
                    }
                    guard let text = entry.value.scalar, let weight = UInt64(text), weight <= 1_000_000 else {
                        collector.error("the weight of '\(entry.key)' must be a whole number from 0 to 1000000", at: entry.value.location)
                        continue
                    }
                    weights.append((entry.key, weight))
                }
            } else {
                collector.error("'weights' must map operator names to whole numbers", at: node.location)
            }
        }
        return (operators, weights)
    }

    /// Whether the campaign the block configures can run: its base can be modelled and the
    /// chosen operators apply to something in it. What is wrong is reported at the block.
    /// - Parameter space: The configured campaign's case space, built as the run will build it.
    public func casesCanBeMade(_ space: () throws -> CaseSpace, collector: DiagnosticCollector) -> Bool {
        do {
            let space = try space()
            if space.enumeratedCount == 0 && space.operators.allSatisfy({ $0.weight == 0 }) {
                collector.error("the chosen operators apply to nothing in the base message", at: mapping.location)
                return false
            }
            return true
        } catch {
            collector.error("the fuzz base message cannot be modelled: \(error)", at: mapping.location)
            return false
        }
    }
}

extension CampaignSettings {
    /// The settings with the command line's `--cases` and `--shard` applied.
    public func applying(_ options: FuzzRunOptions) -> CampaignSettings {
        var settings = self
        if let cases = options.cases {
            settings.caseCount = cases
            settings.duration = nil
        }
        settings.shard = options.shard
        return settings
    }
}

extension [AnomalyOperator] {
    /// The table restricted to `names` (nil: all; in the table's order, not the list's), with
    /// the weights in `weights` replacing the table's (the last one written wins).
    public func selecting(_ names: [String]?, weights: [(name: String, weight: UInt64)]) -> [AnomalyOperator] {
        var table = self
        if let names { table = table.filter { names.contains($0.name) } }
        return table.map { op in
            guard let weight = weights.last(where: { $0.name == op.name })?.weight else { return op }
            return AnomalyOperator(name: op.name, weight: weight, fingerprint: op.fingerprint, librarySize: op.librarySize,
                                   value: op.value, sample: op.sample)
        }
    }
}

extension CaseSpace {
    /// `SHA-256("medconform/fuzz/profile/v1", profile id, suite id)`: the profile's part of the
    /// run key. It names the campaign, not the file's bytes, so editing a comment in the
    /// profile does not renumber its cases; what the cases are made of is in the model digest.
    public static func profileDigest(profileID: String, suiteID: String) -> [UInt8] {
        var hasher = CanonicalHasher()
        for text in ["medconform/fuzz/profile/v1", profileID, suiteID] { hasher.add(text: text) }
        return hasher.finalize()
    }
}
