import MedConformCore

/// What the fake plugin keeps from a suite, so tests can see what the loader handed it.
struct FakeConfiguration: Sendable, Equatable {
    var role: String
    var messages: Int
    var specIDs: [String]
    var target: TargetDefinition
}

/// A protocol plugin for loader tests: two suite keys and two simulators with faults.
struct FakePlugin: ProtocolPlugin {
    static let description = PluginDescription(
        id: "fake", name: "Fake protocol", summary: "A protocol that exists only in tests.", version: "1",
        roles: [PluginDescription.Role(id: "receiver", summary: "The harness receives.")],
        suiteKeys: [
            PluginDescription.Key("role", "Which side of the exchange the harness plays."),
            PluginDescription.Key("messages", "How many messages to exchange."),
        ],
        simulators: [
            SimulatorDescription(name: "fake-monitor", summary: "A monitor that reports.", harnessRole: "receiver", faults: [
                FaultDescription(name: "missing-pid3", summary: "Leaves out the patient identifier.", breaks: ["BASE-ACK"]),
                FaultDescription(name: "wrong-code", summary: "Sends a code that does not exist.", breaks: ["DEV-CODE"]),
            ]),
            SimulatorDescription(name: "fake-pump", summary: "A pump that reports.", harnessRole: "receiver", faults: [
                FaultDescription(name: "slow-ack", summary: "Answers too late.", breaks: ["BASE-ACK"]),
                FaultDescription(name: "wrong-code", summary: "Sends a code that does not exist.", breaks: ["DEV-CODE"]),
            ]),
        ])

    func configure(_ suite: ConfigMapping, context: SuiteConfigurationContext) -> FakeConfiguration? {
        let role = suite.choice("role", ["receiver", "sender"], required: true)
        let messages = suite.integer("messages", in: 1...1000) ?? 10
        guard let role else { return nil }
        return FakeConfiguration(role: role, messages: messages, specIDs: context.specs.specs.map(\.id), target: context.target)
    }

    func run(_ configuration: FakeConfiguration, context: SuiteRunContext) async -> SuiteResult {
        SuiteResult(id: context.suite.id, title: context.suite.title ?? context.suite.id, plugin: Self.description.id, checks: [])
    }

    func simulate(_ request: SimulationRequest, log: @escaping @Sendable (String) -> Void) async throws {}
}

/// A second plugin, so that plugin names and keys have neighbours to be confused with.
struct FakeLabPlugin: ProtocolPlugin {
    static let description = PluginDescription(
        id: "fake-lab", name: "Fake laboratory protocol", summary: "Another protocol that exists only in tests.", version: "1",
        roles: [], suiteKeys: [PluginDescription.Key("analyzer", "The analyzer model the suite expects.")], simulators: [])

    func configure(_ suite: ConfigMapping, context: SuiteConfigurationContext) -> String? {
        suite.string("analyzer", required: true)
    }

    func run(_ configuration: String, context: SuiteRunContext) async -> SuiteResult {
        SuiteResult(id: context.suite.id, title: context.suite.id, plugin: Self.description.id, checks: [])
    }

    func simulate(_ request: SimulationRequest, log: @escaping @Sendable (String) -> Void) async throws {}
}

enum FakeRegistry {
    static let registry = PluginRegistry([AnyProtocolPlugin(FakePlugin()), AnyProtocolPlugin(FakeLabPlugin())])
}
