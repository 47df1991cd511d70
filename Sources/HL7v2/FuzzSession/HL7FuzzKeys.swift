import FuzzCore
import MedConformCore

/// Reads the `fuzz:` block of an HL7 v2 suite.
enum HL7FuzzKeys {
    static let keys = ["seed", "cases", "duration", "start", "base", "operators", "weights", "probe-every", "confirm",
                       "backsearch", "shrink-tests", "max-findings", "settle"]

    static let summary = "A fuzz campaign instead of the ordinary exchange: {seed, cases | duration, start, base (sender: a template id), operators, weights, probe-every, confirm: r/n, backsearch, shrink-tests, max-findings, settle}."

    /// The acknowledgement the receiver-role campaign mutates; MSA-2 is bound to the control ID
    /// of the message it answers. MSA-3 carries a text so that text anomalies have a place in
    /// the acknowledgement to land. Synthetic sender and receiver names.
    static let baseAcknowledgement = "MSH|^~\\&|MEDCONFORM|HARNESS|SIMDEV|SIMDEV|20240101120000+0000||ACK^R01^ACK|ACK00001|P|2.6\rMSA|AA|MSG00001|Message accepted\r"

    static func read(_ node: ConfigNode, role: HL7SuiteConfiguration.Role, templates: [HL7Template],
                     context: SuiteConfigurationContext, collector: DiagnosticCollector) -> HL7FuzzConfiguration? {
        guard let block = ConfigMapping(node, context: "fuzz", keys: keys, collector: collector) else { return nil }
        let errorsBefore = collector.errorCount
        let seed = block.unsigned64("seed") ?? 1
        let cases = block.integer("cases", in: 1...Int.max)
        let duration = block.duration("duration")
        let start = block.unsigned64("start") ?? 0
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
        var operators: [String]?
        var weights: [(name: String, weight: UInt64)] = []
        let known: [String]
        if let base, let model = try? HL7FuzzModel.model(of: base, framed: true) {
            known = HL7FuzzModel.operators(for: model).map(\.name)
        } else {
            known = []
        }
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
        guard collector.errorCount == errorsBefore, let base else {
            if collector.errorCount == errorsBefore {
                collector.error("the fuzz base message cannot be read", at: block.location)
            }
            return nil
        }
        let configuration = HL7FuzzConfiguration(
            direction: role == .sender ? .toDevice : .answers, base: base, seed: seed, settings: settings,
            operators: operators, weights: weights, settle: settle, profileID: context.profile.id, suiteID: context.suite.id)
        do {
            let space = try configuration.caseSpace()
            if space.enumeratedCount == 0 && space.operators.allSatisfy({ $0.weight == 0 }) {
                collector.error("the chosen operators apply to nothing in the base message", at: block.location)
                return nil
            }
        } catch {
            collector.error("the fuzz base message cannot be modelled: \(error)", at: block.location)
            return nil
        }
        return configuration
    }
}
