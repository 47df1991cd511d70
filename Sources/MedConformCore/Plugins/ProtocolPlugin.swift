/// A protocol family the harness can test: codec, checks, session drivers for each role,
/// and reference simulators (DESIGN §4).
///
/// A plugin is a `Sendable` value. Its suite configuration is typed and validated when the
/// profile is loaded, so a profile that loads cannot fail later on a bad option.
///
/// ```swift
/// struct EchoPlugin: ProtocolPlugin {
///     static let description = PluginDescription(id: "echo", name: "Echo", summary: "…", version: "1",
///                                                roles: [], suiteKeys: [], simulators: [])
///     func configure(_ suite: ConfigMapping, context: SuiteConfigurationContext) -> Int? { 1 }
///     func run(_ configuration: Int, context: SuiteRunContext) async -> SuiteResult { … }
/// }
/// ```
public protocol ProtocolPlugin: Sendable {
    associatedtype SuiteConfiguration: Sendable

    static var description: PluginDescription { get }

    /// Reads the plugin's own keys of one suite and the specs' checks it will apply.
    /// Reports every problem to `context.collector`; returns nil when the suite cannot run.
    func configure(_ suite: ConfigMapping, context: SuiteConfigurationContext) -> SuiteConfiguration?

    /// Runs one suite. Never throws: every problem the device causes becomes a verdict,
    /// and cancellation ends the suite early with what was judged so far.
    func run(_ configuration: SuiteConfiguration, context: SuiteRunContext) async -> SuiteResult

    /// Runs one of the plugin's simulators on its own until cancelled (`medconform simulate`).
    func simulate(_ request: SimulationRequest, log: @escaping @Sendable (String) -> Void) async throws
}

/// A plugin that can judge captured data offline (`medconform check`).
public protocol OfflineChecking: ProtocolPlugin {
    /// Validates the specs' checks for offline use; reports problems to `collector`.
    func prepareOfflineCheck(specs: SpecSet, collector: DiagnosticCollector) -> (any Sendable)?

    /// Judges captured files together (an acknowledgement in one file may answer a message in
    /// another); returns one suite result per file, with one check per requirement.
    func checkCaptured(_ files: [CapturedFile], prepared: any Sendable, specs: SpecSet) -> [SuiteResult]
}

/// A file of captured data given to `medconform check`.
public struct CapturedFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// What a plugin sees while its suite keys are read.
public struct SuiteConfigurationContext {
    public var suite: SuiteDefinition
    public var profile: Profile
    public var target: TargetDefinition
    public var specs: SpecSet
    public var collector: DiagnosticCollector

    public init(suite: SuiteDefinition, profile: Profile, target: TargetDefinition, specs: SpecSet, collector: DiagnosticCollector) {
        self.suite = suite
        self.profile = profile
        self.target = target
        self.specs = specs
        self.collector = collector
    }
}

/// What a plugin sees while its suite runs.
public struct SuiteRunContext: Sendable {
    public var suite: SuiteDefinition
    public var target: TargetDefinition
    public var specs: SpecSet
    public var device: DeviceInfo
    public var capabilities: [String]
    public var clock: MonotonicClock
    public var observer: any RunObserver
    /// Command-line choices for fuzz campaigns (`--cases`, `--shard`).
    public var fuzz: FuzzRunOptions

    public init(suite: SuiteDefinition, target: TargetDefinition, specs: SpecSet, device: DeviceInfo,
                capabilities: [String], clock: MonotonicClock, observer: any RunObserver, fuzz: FuzzRunOptions = FuzzRunOptions()) {
        self.fuzz = fuzz
        self.suite = suite
        self.target = target
        self.specs = specs
        self.device = device
        self.capabilities = capabilities
        self.clock = clock
        self.observer = observer
    }
}

/// A request to run a simulator on its own.
public struct SimulationRequest: Sendable {
    public enum Endpoint: Sendable, Hashable {
        case connect(NetworkAddress)
        case listen(NetworkAddress)
    }

    public var simulator: SimulatorSelection
    public var endpoint: Endpoint
    /// How many messages to send, for simulators that talk first; nil for the simulator's default.
    public var count: Int?
    public var timeouts: Timeouts

    public init(simulator: SimulatorSelection, endpoint: Endpoint, count: Int? = nil, timeouts: Timeouts = Timeouts()) {
        self.simulator = simulator
        self.endpoint = endpoint
        self.count = count
        self.timeouts = timeouts
    }
}

/// Receives progress while a run goes on; the command line shows it on a terminal.
public protocol RunObserver: Sendable {
    func suiteStarted(_ suite: SuiteDefinition, index: Int, of count: Int)
    func checkFinished(_ check: CheckResult, suite: SuiteDefinition)
    func note(_ text: String)
}

/// An observer that ignores everything (tests, quiet mode).
public struct SilentObserver: RunObserver {
    public init() {}
    public func suiteStarted(_ suite: SuiteDefinition, index: Int, of count: Int) {}
    public func checkFinished(_ check: CheckResult, suite: SuiteDefinition) {}
    public func note(_ text: String) {}
}
