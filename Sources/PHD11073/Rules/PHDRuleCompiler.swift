import MedConformCore

/// Compiles the `check:` of 20601 requirements; reports every problem at its spec position.
struct PHDRuleCompiler {
    let specs: SpecSet
    let collector: DiagnosticCollector
    private(set) var nomenclature: MDCNomenclature?
    private var nomenclatureRead = false

    init(specs: SpecSet, collector: DiagnosticCollector) {
        self.specs = specs
        self.collector = collector
    }

    mutating func compile(_ requirement: Requirement) -> PHDRule? {
        guard let node = requirement.check else { return nil }
        let kinds = PHDRuleKind.allCases.map(\.rawValue)
        let parameterKeys = PHDRuleKind.allCases.flatMap(\.parameterKeys)
        guard let probe = ConfigMapping(node, context: "the check of '\(requirement.id)'", keys: ["rule"] + parameterKeys, collector: collector),
              let name = probe.string("rule", required: true)
        else { return nil }
        guard let kind = PHDRuleKind(rawValue: name) else {
            collector.error("requirement '\(requirement.id)' names the rule '\(name)', which the phd11073 plugin does not know\(Suggestion.didYouMean(name, among: kinds))",
                            at: probe.value("rule")?.location)
            return nil
        }
        // Keys no rule takes were reported by ConfigMapping; here, those of another rule.
        for key in probe.keys where parameterKeys.contains(key) && !kind.parameterKeys.contains(key) {
            collector.error("rule '\(name)' takes no key '\(key)'\(kind.parameterKeys.isEmpty ? "" : "; it takes \(kind.parameterKeys.joined(separator: ", "))")", at: probe.keyLocation(key))
        }
        let parameters: PHDRule.Parameters?
        switch kind {
        case .configAttributes:
            parameters = attributes(probe).map { .attributes($0) }
        case .specializationConfigID:
            parameters = standardIDs(probe).map { .standardIDs($0) }
        case .configObjects:
            parameters = terms(probe, "types").map { .types($0) }
        case .units:
            parameters = unitRules(probe).map { .units($0) }
        case .ranges:
            parameters = rangeRules(probe).map { .ranges($0) }
        default:
            parameters = PHDRule.Parameters.none
        }
        guard let parameters else { return nil }
        return PHDRule(requirement: requirement, kind: kind, parameters: parameters)
    }

    private func attributes(_ mapping: ConfigMapping) -> [UInt16]? {
        guard let names = mapping.stringList("attributes") else {
            collector.error("rule 'config-attributes' needs 'attributes', a list of MDC_ATTR_… names", at: mapping.location)
            return nil
        }
        var ids: [UInt16] = []
        for (name, location) in names {
            guard let id = PHDCode.attribute(named: name) else {
                collector.error("'\(name)' is not an attribute the phd11073 plugin knows", at: location)
                return nil
            }
            ids.append(id)
        }
        return ids
    }

    private func standardIDs(_ mapping: ConfigMapping) -> [UInt16]? {
        guard let nodes = mapping.list("standard", required: true) else { return nil }
        var ids: [UInt16] = []
        for node in nodes {
            guard let text = node.scalar, let value = Int(text), (1...0x3FFF).contains(value) else {
                collector.error("a standard configuration ID is a number from 1 to 16383 (0x0001-0x3FFF)", at: node.location)
                return nil
            }
            ids.append(UInt16(value))
        }
        return ids
    }

    private mutating func term(_ name: String, at location: SourceLocation?) -> MDCNomenclature.Term? {
        guard let table = table() else { return nil }
        guard let term = table.term(refid: name) else {
            collector.error("'\(name)' is not in the nomenclature table '\(table.name)'\(Suggestion.didYouMean(name, among: table.terms.map(\.refid)))", at: location)
            return nil
        }
        return term
    }

    private mutating func terms(_ mapping: ConfigMapping, _ key: String) -> [MDCNomenclature.Term]? {
        guard let names = mapping.stringList(key) else {
            collector.error("this rule needs '\(key)', a list of MDC reference IDs", at: mapping.location)
            return nil
        }
        var result: [MDCNomenclature.Term] = []
        for (name, location) in names {
            guard let term = term(name, at: location) else { return nil }
            result.append(term)
        }
        return result
    }

    private mutating func unitRules(_ mapping: ConfigMapping) -> [PHDRule.UnitRule]? {
        guard let rows = mapping.list("units", required: true) else { return nil }
        var rules: [PHDRule.UnitRule] = []
        for row in rows {
            guard let entry = ConfigMapping(row, context: "a row of 'units'", keys: ["type", "units"], collector: collector),
                  let typeName = entry.string("type", required: true),
                  let type = term(typeName, at: entry.value("type")?.location),
                  let units = terms(entry, "units")
            else { return nil }
            rules.append(PHDRule.UnitRule(type: type, units: units))
        }
        return rules
    }

    private mutating func rangeRules(_ mapping: ConfigMapping) -> [PHDRule.RangeRule]? {
        guard let rows = mapping.list("ranges", required: true) else { return nil }
        var rules: [PHDRule.RangeRule] = []
        for row in rows {
            guard let entry = ConfigMapping(row, context: "a row of 'ranges'", keys: ["type", "unit", "min", "max"], collector: collector),
                  let typeName = entry.string("type", required: true), let unitName = entry.string("unit", required: true),
                  let type = term(typeName, at: entry.value("type")?.location),
                  let unit = term(unitName, at: entry.value("unit")?.location)
            else { return nil }
            guard let minimum = entry.value("min")?.scalar.flatMap(Double.init), let maximum = entry.value("max")?.scalar.flatMap(Double.init), minimum <= maximum else {
                collector.error("a range needs numbers 'min' and 'max' with min <= max", at: entry.location)
                return nil
            }
            rules.append(PHDRule.RangeRule(type: type, unit: unit, minimum: minimum, maximum: maximum))
        }
        return rules
    }

    /// The nomenclature table, read once from the specs that `uses` it.
    mutating func table() -> MDCNomenclature? {
        if !nomenclatureRead {
            nomenclatureRead = true
            if let entry = specs.table("mdc-codes") {
                nomenclature = MDCNomenclature.read(entry, collector: collector)
            } else {
                collector.error("the phd11073 rules need the nomenclature table 'mdc-codes'; add 'terminology/mdc' to the spec's 'uses'", at: nil)
            }
        }
        return nomenclature
    }
}
