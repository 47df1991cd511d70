import FuzzCore
import MedConformCore

/// Reads the `fuzz:` block of a PHD suite: the shared keys through ``FuzzCore/FuzzBlock``,
/// and here only what is PHD's own, the base message and the operator names it has.
enum PHDFuzzKeys {
    static let summary = "A fuzz campaign instead of the ordinary exchange: {seed, cases | duration, start, base (manager role: a to-agent/… base; agent role: a to-manager/… base), operators, weights, probe-every, confirm: r/n, backsearch, shrink-tests, max-findings, settle}."

    /// The direction of the role's cases: the manager role sends to an agent.
    static func direction(of role: PHDSuiteConfiguration.Role) -> PHDFuzzDirection {
        role == .manager ? .toAgent : .toManager
    }

    static func read(_ node: ConfigNode, role: PHDSuiteConfiguration.Role, context: SuiteConfigurationContext,
                     collector: DiagnosticCollector) -> PHDFuzzConfiguration? {
        let direction = direction(of: role)
        let read = FuzzBlock<PHDFuzzBase>.read(node, collector: collector) { block in
            let bases = PHDFuzzBase.bases(direction)
            var base = bases.first
            if let name = block.string("base") {
                base = bases.first { $0.name == name }
                if base == nil {
                    let names = bases.map(\.name)
                    collector.error("'base' must name a message the \(role.rawValue) role sends (\(names.joined(separator: ", "))); found '\(name)'\(Suggestion.didYouMean(name, among: names))", at: block.keyLocation("base"))
                }
            }
            // Every base has the same operator table, so a wrong base still leaves the names
            // to check the operators against.
            guard let named = base ?? bases.first, let model = try? PHDFuzzModel.model(of: named.apdu, valueMaps: named.valueMaps),
                  let outOfState = try? PHDFuzzModel.outOfState(for: named.apdu) else { return (base, []) }
            return (base, PHDFuzzModel.operators(for: model, outOfState: outOfState).map(\.name))
        }
        guard let fuzz = read else { return nil }
        let configuration = PHDFuzzConfiguration(
            base: fuzz.base, seed: fuzz.seed, settings: fuzz.settings, operators: fuzz.operators, weights: fuzz.weights,
            settle: fuzz.settle, profileID: context.profile.id, suiteID: context.suite.id)
        return fuzz.casesCanBeMade(configuration.caseSpace, collector: collector) ? configuration : nil
    }
}
