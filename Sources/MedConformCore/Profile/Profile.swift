/// A loaded, validated test profile: which device is tested, how to reach it, which
/// specs apply and which suites run. Nothing in it is checked later in a run: a profile
/// that loads is a profile that can run.
public struct Profile: Sendable {
    /// The profile language version this harness reads.
    public static let languageVersion = 1

    /// The path as the user gave it; diagnostics and reports show it this way.
    public var path: String
    public var id: String
    public var title: String
    public var summary: String?
    /// Spec ids as written (`ihe-pcd-01`, `national/example-id`), with their positions.
    public var specs: [SpecReference]
    public var device: DeviceInfo
    /// What the device claims to support; plugins use it to scope checks.
    public var capabilities: [String]
    public var target: TargetDefinition
    public var suites: [SuiteDefinition]

    public init(path: String, id: String, title: String, summary: String?, specs: [SpecReference],
                device: DeviceInfo, capabilities: [String], target: TargetDefinition, suites: [SuiteDefinition]) {
        self.path = path
        self.id = id
        self.title = title
        self.summary = summary
        self.specs = specs
        self.device = device
        self.capabilities = capabilities
        self.target = target
        self.suites = suites
    }
}

public struct SpecReference: Sendable, Hashable {
    public var id: String
    public var location: SourceLocation

    public init(id: String, location: SourceLocation) {
        self.id = id
        self.location = location
    }
}

/// The device under test as the profile describes it; copied into every report.
public struct DeviceInfo: Sendable, Hashable, Codable {
    public var manufacturer: String
    public var model: String
    public var firmware: String?
    public var serial: String?

    public init(manufacturer: String, model: String, firmware: String? = nil, serial: String? = nil) {
        self.manufacturer = manufacturer
        self.model = model
        self.firmware = firmware
        self.serial = serial
    }
}

/// How the harness reaches the device.
public struct TargetDefinition: Sendable, Hashable {
    public enum Endpoint: Sendable, Hashable {
        /// A built-in reference simulator, run in-process over loopback.
        case simulator(SimulatorSelection)
        /// The harness connects to a device that listens.
        case connect(NetworkAddress)
        /// The harness listens and the device connects.
        case listen(NetworkAddress)
    }

    public var endpoint: Endpoint
    public var transport: String
    public var timeouts: Timeouts
    /// The largest frame accepted from the device; larger ones are a failing verdict, not a crash.
    public var maxFrameBytes: Int
    public var location: SourceLocation

    public init(endpoint: Endpoint, transport: String, timeouts: Timeouts, maxFrameBytes: Int, location: SourceLocation) {
        self.endpoint = endpoint
        self.transport = transport
        self.timeouts = timeouts
        self.maxFrameBytes = maxFrameBytes
        self.location = location
    }

    public static let defaultMaxFrameBytes = 1 << 20
}

/// Which simulator runs, with which named faults switched on, from which seed.
public struct SimulatorSelection: Sendable, Hashable, Codable {
    public var name: String
    public var faults: [String]
    public var seed: UInt64

    public init(name: String, faults: [String] = [], seed: UInt64 = 1) {
        self.name = name
        self.faults = faults
        self.seed = seed
    }
}

/// Time limits for each step of a session.
public struct Timeouts: Sendable, Hashable {
    /// Establishing a connection (either direction).
    public var connect: Duration
    /// Waiting for the peer's answer to one message.
    public var response: Duration
    /// Waiting for the device to send its next message when it is the one that talks.
    public var idle: Duration

    public init(connect: Duration = .seconds(5), response: Duration = .seconds(2), idle: Duration = .seconds(10)) {
        self.connect = connect
        self.response = response
        self.idle = idle
    }
}

/// One suite of a profile: the common keys the runner reads, plus the node for the
/// plugin's own keys, which the plugin validated when the profile was loaded.
public struct SuiteDefinition: Sendable {
    public var id: String
    public var title: String?
    public var plugin: String
    /// A target for this suite only; nil means the profile's target.
    public var target: TargetDefinition?
    public var node: ConfigNode
    public var location: SourceLocation

    public init(id: String, title: String?, plugin: String, target: TargetDefinition?, node: ConfigNode, location: SourceLocation) {
        self.id = id
        self.title = title
        self.plugin = plugin
        self.target = target
        self.node = node
        self.location = location
    }
}

extension TargetDefinition {
    /// The report properties that say what was tested: the simulator with its seed and
    /// faults, or the address the harness connected to or listened on.
    public var endpointProperties: [Property] {
        switch endpoint {
        case .simulator(let selection):
            [Property("simulator", selection.name), Property("simulator.seed", String(selection.seed)),
             Property("simulator.faults", selection.faults.isEmpty ? "none" : selection.faults.joined(separator: ","))]
        case .connect(let address):
            [Property("target.connect", address.description)]
        case .listen(let address):
            [Property("target.listen", address.description)]
        }
    }
}
