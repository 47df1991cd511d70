import Foundation
import MedConformCore

/// Reads and validates the HL7 v2 plugin's own keys of a suite.
enum HL7SuiteKeys {
    static let keys: [PluginDescription.Key] = [
        .init("role", "receiver (the device sends ORU^R01, the harness acknowledges) or sender (the harness sends, the device acknowledges)."),
        .init("messages", "Receiver role: how many messages the device must send (default 10)."),
        .init("acknowledge", "Receiver role: 'rules' (as MSH-15/MSH-16 ask; default) or 'none'."),
        .init("templates", "Sender role: the messages to send, each {id, builtin | message | file, set, expect: accept | reject | any}."),
        .init("requirements", "Judge only these requirement IDs (default: every requirement of the profile's specs that applies to the role)."),
        .init("fuzz", HL7FuzzKeys.summary),
    ]

    static let templateKeys = ["id", "builtin", "message", "file", "set", "expect"]

    static func read(_ suite: ConfigMapping, context: SuiteConfigurationContext, rules: HL7RuleSet) -> HL7SuiteConfiguration? {
        let errorsBefore = suite.collector.errorCount
        guard let roleText = suite.choice("role", HL7SuiteConfiguration.Role.allCases.map(\.rawValue), required: true),
              let role = HL7SuiteConfiguration.Role(rawValue: roleText)
        else { return nil }
        let messages = suite.integer("messages", in: 1...100_000) ?? 10
        let acknowledgement = suite.choice("acknowledge", HL7SuiteConfiguration.Acknowledgement.allCases.map(\.rawValue))
            .flatMap(HL7SuiteConfiguration.Acknowledgement.init(rawValue:)) ?? .rules
        for key in ["messages", "acknowledge"] where role == .sender && suite.contains(key) {
            suite.collector.error("'\(key)' applies to the receiver role only; suite '\(context.suite.id)' is a sender", at: suite.keyLocation(key))
        }
        if role == .receiver, suite.contains("templates") {
            suite.collector.error("'templates' applies to the sender role only; suite '\(context.suite.id)' is a receiver", at: suite.keyLocation("templates"))
        }
        var templates: [HL7Template] = []
        let fuzzNode = suite.value("fuzz")
        if role == .sender {
            if let nodes = suite.list("templates", required: fuzzNode == nil) {
                if nodes.isEmpty { suite.collector.error("'templates' must list at least one message to send", at: suite.keyLocation("templates")) }
                let base = (context.profile.path as NSString).deletingLastPathComponent
                for node in nodes {
                    templates.append(contentsOf: HL7TemplateReader.read(node, baseDirectory: base, seed: simulatorSeed(context.target), collector: suite.collector))
                }
                var seen: [String] = []
                for template in templates {
                    if seen.contains(template.id) {
                        suite.collector.error("duplicate template id '\(template.id)'", at: template.location)
                    }
                    seen.append(template.id)
                }
            }
            if case .listen = context.target.endpoint {
                suite.collector.error("the sender role connects to the device: give the target 'connect: host:port' or a simulator, not 'listen'", at: context.target.location)
            }
        }
        var filter: [String]?
        if let ids = suite.stringList("requirements") {
            filter = []
            for (id, location) in ids {
                if rules.requirements.contains(where: { $0.id == id }) {
                    filter?.append(id)
                } else {
                    suite.collector.error("requirement '\(id)' is not checked by the hl7v2 plugin in this profile's specs\(Suggestion.didYouMean(id, among: rules.requirements.map(\.id)))", at: location)
                }
            }
        }
        if case .simulator(let selection) = context.target.endpoint {
            let expected: String = role == .receiver ? "hl7-monitor" : "hl7-gateway"
            if selection.name != expected {
                suite.collector.error("the \(role.rawValue) role tests a device that \(role == .receiver ? "sends" : "receives"); use the simulator '\(expected)', not '\(selection.name)'", at: context.target.location)
            }
        }
        var fuzz: HL7FuzzConfiguration?
        if let fuzzNode {
            for key in ["messages", "acknowledge", "requirements"] where suite.contains(key) {
                suite.collector.error("'\(key)' does not apply to a fuzz suite: a campaign judges robustness, not requirements", at: suite.keyLocation(key))
            }
            fuzz = HL7FuzzKeys.read(fuzzNode, role: role, templates: templates, context: context, collector: suite.collector)
        }
        guard suite.collector.errorCount == errorsBefore else { return nil }
        return HL7SuiteConfiguration(role: role, rules: rules, messages: messages, acknowledgement: acknowledgement,
                                     templates: templates, requirementFilter: filter, fuzz: fuzz)
    }

    static func simulatorSeed(_ target: TargetDefinition) -> UInt64 {
        if case .simulator(let selection) = target.endpoint { return selection.seed }
        return 1
    }
}
