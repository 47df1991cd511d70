import MedConformCore

/// Reads and validates the phd11073 plugin's own keys of a suite.
enum PHDSuiteKeys {
    static let keys: [PluginDescription.Key] = [
        .init("role", "manager (the device is an agent: cuff, oximeter, thermometer, scale, glucose meter) or agent (the device is a manager or gateway)."),
        .init("measurements", "How many measurement reports the exchange carries (default 3)."),
        .init("association-answer", "Manager role: accepted-unknown-config (default: the agent reports its configuration) or accepted (the harness uses the standard configuration from the specs)."),
        .init("specialization", "Agent role: the standard configuration the harness offers: pulse-oximeter, blood-pressure, thermometer, weighing-scale or glucose-meter (default pulse-oximeter)."),
        .init("state-timeouts", "Waiting limits per state: {association, configuration, operating, release} (default: the target's response timeout each)."),
        .init("requirements", "Judge only these requirement IDs (default: every requirement of the profile's specs that applies to the role)."),
        .init("fuzz", PHDFuzzKeys.summary),
    ]

    static func read(_ suite: ConfigMapping, context: SuiteConfigurationContext, rules: PHDRuleSet) -> PHDSuiteConfiguration? {
        let errorsBefore = suite.collector.errorCount
        guard let roleText = suite.choice("role", PHDSuiteConfiguration.Role.allCases.map(\.rawValue), required: true),
              let role = PHDSuiteConfiguration.Role(rawValue: roleText)
        else { return nil }
        let measurements = suite.integer("measurements", in: 1...10_000) ?? 3
        let answer = suite.choice("association-answer", PHDSuiteConfiguration.AssociationAnswer.allCases.map(\.rawValue))
            .flatMap(PHDSuiteConfiguration.AssociationAnswer.init(rawValue:)) ?? .unknownConfig
        if role == .agent, suite.contains("association-answer") {
            suite.collector.error("'association-answer' applies to the manager role only; in the agent role the device answers", at: suite.keyLocation("association-answer"))
        }
        var specialization = PHDSpecialization.pulseOximeter
        if let name = suite.choice("specialization", PHDSpecialization.allCases.map(\.rawValue)) {
            if role == .manager {
                suite.collector.error("'specialization' applies to the agent role only; as manager the harness learns it from the agent", at: suite.keyLocation("specialization"))
            }
            specialization = PHDSpecialization(rawValue: name) ?? .pulseOximeter
        }
        let response = context.target.timeouts.response
        var timeouts = PHDSuiteConfiguration.StateTimeouts(association: response, configuration: response, operating: response, release: response)
        if let nested = suite.mapping("state-timeouts", keys: ["association", "configuration", "operating", "release"]) {
            timeouts.association = nested.duration("association") ?? response
            timeouts.configuration = nested.duration("configuration") ?? response
            timeouts.operating = nested.duration("operating") ?? response
            timeouts.release = nested.duration("release") ?? response
        }
        var filter: [String]?
        let judged = rules.requirements(judgingAgent: role == .manager).map(\.id)
        if let ids = suite.stringList("requirements") {
            filter = []
            for (id, location) in ids {
                if judged.contains(id) {
                    filter?.append(id)
                } else {
                    suite.collector.error("requirement '\(id)' is not judged by the phd11073 plugin in the \(role.rawValue) role with this profile's specs\(Suggestion.didYouMean(id, among: judged))", at: location)
                }
            }
        }
        if case .simulator(let selection) = context.target.endpoint {
            let isAgent = PHDSimulators.agent(named: selection.name) != nil
            if role == .manager, !isAgent {
                suite.collector.error("the manager role tests an agent; use one of the simulated agents (\(PHDSpecialization.allCases.map { PHDSimulators.agentName($0) }.joined(separator: ", "))), not '\(selection.name)'", at: context.target.location)
            }
            if role == .agent, isAgent {
                suite.collector.error("the agent role tests a manager; use the simulator 'phd-manager', not '\(selection.name)'", at: context.target.location)
            }
        }
        if answer == .accepted {
            // Accepting needs the standard configuration's layout; the specs must hold it.
            if rules.standardConfigurations.isEmpty {
                suite.collector.error("'association-answer: accepted' needs the standard configurations; add 'phd/standard-configurations' to the specs' 'uses'", at: suite.keyLocation("association-answer"))
            }
        }
        var fuzz: PHDFuzzConfiguration?
        if let fuzzNode = suite.value("fuzz") {
            for key in ["measurements", "association-answer", "requirements"] where suite.contains(key) {
                suite.collector.error("'\(key)' does not apply to a fuzz suite: a campaign judges robustness, not requirements", at: suite.keyLocation(key))
            }
            fuzz = PHDFuzzKeys.read(fuzzNode, role: role, context: context, collector: suite.collector)
        }
        guard suite.collector.errorCount == errorsBefore else { return nil }
        return PHDSuiteConfiguration(role: role, rules: rules, measurements: measurements, answer: answer, timeouts: timeouts,
                                     specialization: specialization, requirementFilter: filter, fuzz: fuzz)
    }
}
