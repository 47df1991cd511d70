import MedConformCore

/// The checks of every IEEE 11073-20601 requirement in a set of specs, compiled once.
///
/// Sessions judge what they see into ``PHDJudgement``; ``checkResults(_:kinds:filter:specs:)``
/// then gives one check per requirement, so every verdict traces to a spec.
public struct PHDRuleSet: Sendable {
    public let rules: [PHDRule]
    /// The nomenclature the rules were compiled against, for names in evidence.
    public let nomenclature: MDCNomenclature?
    /// The standard configurations the specs describe, by configuration ID.
    let standardConfigurations: [UInt16: [ObjectModel]]

    /// Compiles the checks of every requirement of every spec whose plugin is "phd11073".
    /// - Returns: nil when anything was reported as an error.
    public static func compile(specs: SpecSet, collector: DiagnosticCollector) -> PHDRuleSet? {
        let errorsBefore = collector.errorCount
        var compiler = PHDRuleCompiler(specs: specs, collector: collector)
        var rules: [PHDRule] = []
        for spec in specs.specs where spec.plugin == "phd11073" {
            for requirement in spec.requirements {
                if let rule = compiler.compile(requirement) { rules.append(rule) }
            }
        }
        var standard: [UInt16: [ObjectModel]] = [:]
        if let entry = specs.table("standard-configurations") {
            standard = StandardConfigurationTable.read(entry, nomenclature: compiler.table(), collector: collector)
        }
        guard collector.errorCount == errorsBefore else { return nil }
        return PHDRuleSet(rules: rules, nomenclature: compiler.nomenclature, standardConfigurations: standard)
    }

    /// The objects of a standard configuration the specs describe, or nil.
    public func standardConfiguration(_ id: UInt16) -> [ObjectModel]? { standardConfigurations[id] }

    /// The rules of `kind`, in spec order.
    func rules(_ kind: PHDRuleKind) -> [PHDRule] { rules.filter { $0.kind == kind } }

    /// The requirements a role judges, in spec order.
    public func requirements(judgingAgent: Bool) -> [Requirement] {
        rules.filter { judgingAgent ? $0.kind.judgesAgent : $0.kind.judgesManager }.map(\.requirement)
    }

    /// A readable name for a term of the nomenclature.
    func name(partition: UInt16, term: UInt16) -> String {
        nomenclature?.name(partition: partition, term: term) ?? "\(partition):\(term)"
    }

    /// One check per requirement the role judges (or whose kind is in `kinds`, when given) and
    /// `filter` lists (when given),
    /// in spec order; a requirement nothing was observed for gets `whenEmpty`.
    public func checkResults(_ observations: [RequirementObservation], judgingAgent: Bool, filter: [String]?, specs: SpecSet,
                             kinds: [PHDRuleKind]? = nil,
                             whenEmpty: (Outcome, String) = (.inconclusive, "the exchange never reached this check")) -> [CheckResult] {
        var byRequirement: [String: [Observation]] = [:]
        for item in observations { byRequirement[item.requirementID, default: []].append(item.observation) }
        return rules.filter { rule in
            (kinds.map { $0.contains(rule.kind) } ?? (judgingAgent ? rule.kind.judgesAgent : rule.kind.judgesManager))
                && (filter?.contains(rule.requirement.id) ?? true)
        }.map { rule in
            CheckResult.judged(id: rule.requirement.id, title: rule.requirement.title, requirements: [specs.reference(for: rule.requirement)],
                               observations: byRequirement[rule.requirement.id] ?? [], whenEmpty: whenEmpty)
        }
    }
}
