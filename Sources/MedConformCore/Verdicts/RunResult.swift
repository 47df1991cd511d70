/// The tool that produced a result, for traceability.
public struct ToolInfo: Sendable, Hashable, Codable {
    public var name: String
    public var version: String

    public init(name: String = "medconform", version: String = MedConform.version) {
        self.name = name
        self.version = version
    }
}

/// The harness's own identity.
public enum MedConform {
    /// The harness version, written into every report.
    public static let version = "0.1.0"
}

/// The profile as it was run.
public struct ProfileSummary: Sendable, Hashable, Codable {
    public var path: String
    public var id: String
    public var title: String
    public var sha256: String
    public var device: DeviceInfo
    public var capabilities: [String]

    public init(path: String, id: String, title: String, sha256: String, device: DeviceInfo, capabilities: [String]) {
        self.path = path
        self.id = id
        self.title = title
        self.sha256 = sha256
        self.device = device
        self.capabilities = capabilities
    }
}

/// A spec as it was used, named separately from the base it extends.
public struct SpecSummary: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var version: String?
    public var status: RequirementStatus
    public var extends: String?
    public var path: String
    public var sha256: String

    public init(_ spec: Spec) {
        id = spec.id
        title = spec.title
        version = spec.version
        status = spec.status
        extends = spec.extends
        path = spec.path
        sha256 = spec.sha256
    }
}

/// The complete record of a run. JUnit and the human report are views of this value.
public struct RunResult: Sendable, Hashable, Codable {
    public var tool: ToolInfo
    public var runID: String
    /// UTC start, `YYYY-MM-DDThh:mm:ss.sssZ`, from the injected wall clock.
    public var started: String
    public var hostname: String
    public var durationNanoseconds: Int64
    public var profile: ProfileSummary
    public var specs: [SpecSummary]
    public var suites: [SuiteResult]
    public var coverage: [SpecCoverage]
    /// True when the run was interrupted: the results are valid but incomplete.
    public var partial: Bool
    public var interruption: String?
    public var properties: [Property]

    public init(tool: ToolInfo = ToolInfo(), runID: String, started: String, hostname: String, duration: Duration,
                profile: ProfileSummary, specs: [SpecSummary], suites: [SuiteResult], coverage: [SpecCoverage],
                partial: Bool, interruption: String?, properties: [Property] = []) {
        self.tool = tool
        self.runID = runID
        self.started = started
        self.hostname = hostname
        self.durationNanoseconds = duration.nanosecondsClamped
        self.profile = profile
        self.specs = specs
        self.suites = suites
        self.coverage = coverage
        self.partial = partial
        self.interruption = interruption
        self.properties = properties
    }

    public var allChecks: [CheckResult] { suites.flatMap(\.checks) }

    public var exitStatus: ExitStatus { ExitStatus.of(self) }
}

/// The exit codes of DESIGN §8; part of the interface, documented in the README.
public enum ExitStatus: Int32, Sendable, Codable {
    /// Everything judged conforms.
    case conforms = 0
    /// At least one non-conformance was found.
    case nonConformance = 1
    /// Usage or profile error: nothing ran.
    case usage = 2
    /// No verdict: a harness or transport problem kept checks from judging, and nothing failed.
    case noVerdict = 3
    /// Interrupted by Ctrl-C or SIGTERM; partial reports were written.
    case interrupted = 130

    /// An interrupted run is 130 whatever it found; otherwise a failure outranks a missing verdict,
    /// because "the device does not conform" is what the user must act on first.
    public static func of(_ result: RunResult) -> ExitStatus {
        if result.partial { return .interrupted }
        let outcomes = result.allChecks.map(\.outcome)
        if outcomes.contains(.fail) { return .nonConformance }
        if outcomes.contains(.error) || outcomes.isEmpty { return .noVerdict }
        return .conforms
    }
}
