import FuzzCore
import MedConformCore

/// Reads the `fuzz:` block of an HL7 v2 suite: the shared keys through ``FuzzCore/FuzzBlock``,
/// and here only the base message (a template, or the acknowledgement) and its operator names.
enum HL7FuzzKeys {
    static let summary = "A fuzz campaign instead of the ordinary exchange: {seed, cases | duration, start, base (sender: a template id), operators, weights, probe-every, confirm: r/n, backsearch, shrink-tests, max-findings, settle}."

    /// The acknowledgement the receiver-role campaign mutates; MSA-2 is bound to the control ID
    /// of the message it answers. MSA-3 carries a text so that text anomalies have a place in
    /// the acknowledgement to land. Synthetic sender and receiver names.
    static let baseAcknowledgement = "MSH|^~\\&|MEDCONFORM|HARNESS|SIMDEV|SIMDEV|20240101120000+0000||ACK^R01^ACK|ACK00001|P|2.6\rMSA|AA|MSG00001|Message accepted\r"

    static func read(_ node: ConfigNode, role: HL7SuiteConfiguration.Role, templates: [HL7Template],
                     context: SuiteConfigurationContext, collector: DiagnosticCollector) -> HL7FuzzConfiguration? {
        let read = FuzzBlock<HL7Message>.read(node, collector: collector) { block in
            var base: HL7Message?
            switch role {
            case .sender:
                if let id = block.string("base") {
                    if let template = templates.first(where: { $0.id == id }) {
                        base = try? HL7Message.parse(template.bytes)
                    } else {
                        collector.error("'base' names no template of this suite: '\(id)'\(Suggestion.didYouMean(id, among: templates.map(\.id)))", at: block.keyLocation("base"))
                    }
                } else if let first = templates.first {
                    base = try? HL7Message.parse(first.bytes)
                } else {
                    base = try? HL7Message.parse(HL7Simulators.validObservationReport(seed: HL7SuiteKeys.simulatorSeed(context.target), index: 0))
                }
            case .receiver:
                if block.contains("base") {
                    collector.error("'base' applies to the sender role; the receiver role mutates the harness's acknowledgements", at: block.keyLocation("base"))
                }
                base = try? HL7Message.parse(baseAcknowledgement)
            }
            guard let base, let model = try? HL7FuzzModel.model(of: base, framed: true) else { return (base, []) }
            return (base, HL7FuzzModel.operators(for: model).map(\.name))
        }
        guard let fuzz = read else { return nil }
        let configuration = HL7FuzzConfiguration(
            direction: role == .sender ? .toDevice : .answers, base: fuzz.base, seed: fuzz.seed, settings: fuzz.settings,
            operators: fuzz.operators, weights: fuzz.weights, settle: fuzz.settle, profileID: context.profile.id, suiteID: context.suite.id)
        return fuzz.casesCanBeMade(configuration.caseSpace, collector: collector) ? configuration : nil
    }
}
