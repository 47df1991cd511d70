/// A plugin with its configuration type erased, so the registry can hold plugins of every kind.
public struct AnyProtocolPlugin: Sendable {
    public let description: PluginDescription
    private let configureBody: @Sendable (ConfigMapping, SuiteConfigurationContext) -> (any Sendable)?
    private let runBody: @Sendable (any Sendable, SuiteRunContext) async -> SuiteResult
    private let simulateBody: @Sendable (SimulationRequest, @escaping @Sendable (String) -> Void) async throws -> Void
    private let prepareOfflineBody: (@Sendable (SpecSet, DiagnosticCollector) -> (any Sendable)?)?
    private let checkOfflineBody: (@Sendable ([CapturedFile], any Sendable, SpecSet) -> [SuiteResult])?
    private let fuzzCaseBody: (@Sendable (any Sendable, UInt64) -> FuzzCaseView?)?
    private let replayBody: (@Sendable (FuzzReplayRecord, any Sendable, SuiteRunContext) async -> FuzzReplayOutcome?)?

    public init<P: ProtocolPlugin>(_ plugin: P) {
        description = P.description
        configureBody = { suite, context in plugin.configure(suite, context: context) }
        runBody = { configuration, context in
            guard let typed = configuration as? P.SuiteConfiguration else {
                return SuiteResult(id: context.suite.id, title: context.suite.title ?? context.suite.id, plugin: P.description.id,
                                   checks: [CheckResult(id: "harness", title: "Harness", requirements: [], outcome: .error,
                                                        reason: "internal error: suite configuration of the wrong type", kind: .harness, observations: [])])
            }
            return await plugin.run(typed, context: context)
        }
        simulateBody = { request, log in try await plugin.simulate(request, log: log) }
        if let offline = plugin as? any OfflineChecking {
            prepareOfflineBody = { specs, collector in offline.prepareOfflineCheck(specs: specs, collector: collector) }
            checkOfflineBody = { files, prepared, specs in offline.checkCaptured(files, prepared: prepared, specs: specs) }
        } else {
            prepareOfflineBody = nil
            checkOfflineBody = nil
        }
        if let fuzzing = plugin as? any FuzzCampaigning {
            (fuzzCaseBody, replayBody) = Self.fuzzBodies(fuzzing)
        } else {
            fuzzCaseBody = nil
            replayBody = nil
        }
    }

    private static func fuzzBodies<F: FuzzCampaigning>(_ plugin: F)
        -> (@Sendable (any Sendable, UInt64) -> FuzzCaseView?, @Sendable (FuzzReplayRecord, any Sendable, SuiteRunContext) async -> FuzzReplayOutcome?) {
        ({ configuration, index in
            guard let typed = configuration as? F.SuiteConfiguration else { return nil }
            return plugin.fuzzCase(typed, index: index)
        }, { record, configuration, context in
            guard let typed = configuration as? F.SuiteConfiguration else { return nil }
            return await plugin.replay(record, configuration: typed, context: context)
        })
    }

    /// Case `index` of a campaign suite; nil when the plugin or the suite has no campaign.
    public func fuzzCase(_ configuration: any Sendable, index: UInt64) -> FuzzCaseView? {
        fuzzCaseBody?(configuration, index)
    }

    /// Replays a finding; nil when the plugin cannot.
    public func replay(_ record: FuzzReplayRecord, configuration: any Sendable, context: SuiteRunContext) async -> FuzzReplayOutcome? {
        await replayBody?(record, configuration, context)
    }

    public var id: String { description.id }

    public func configure(_ suite: ConfigMapping, context: SuiteConfigurationContext) -> (any Sendable)? {
        configureBody(suite, context)
    }

    public func run(_ configuration: any Sendable, context: SuiteRunContext) async -> SuiteResult {
        await runBody(configuration, context)
    }

    public func simulate(_ request: SimulationRequest, log: @escaping @Sendable (String) -> Void) async throws {
        try await simulateBody(request, log)
    }

    public var supportsOfflineCheck: Bool { checkOfflineBody != nil }

    public func prepareOfflineCheck(specs: SpecSet, collector: DiagnosticCollector) -> (any Sendable)? {
        prepareOfflineBody?(specs, collector)
    }

    public func checkCaptured(_ files: [CapturedFile], prepared: any Sendable, specs: SpecSet) -> [SuiteResult]? {
        checkOfflineBody?(files, prepared, specs)
    }
}

/// The plugins this build knows, sorted by id, built once and passed around as a value.
public struct PluginRegistry: Sendable {
    public let plugins: [AnyProtocolPlugin]

    public init(_ plugins: [AnyProtocolPlugin]) {
        self.plugins = plugins.sorted { $0.id < $1.id }
    }

    public var ids: [String] { plugins.map(\.id) }

    public func plugin(_ id: String) -> AnyProtocolPlugin? { plugins.first { $0.id == id } }

    /// The plugin owning simulator `name`, with the simulator's description.
    public func simulator(_ name: String) -> (plugin: AnyProtocolPlugin, simulator: SimulatorDescription)? {
        for plugin in plugins {
            if let simulator = plugin.description.simulators.first(where: { $0.name == name }) {
                return (plugin, simulator)
            }
        }
        return nil
    }

    public var simulatorNames: [String] { plugins.flatMap { $0.description.simulators.map(\.name) } }
}
