/// A plugin whose suites can be fuzz campaigns: it can show any case without running it
/// (`medconform case`) and replay a recorded finding (`medconform replay`).
public protocol FuzzCampaigning: ProtocolPlugin {
    /// Case `index` of the suite's campaign; nil when the suite is not a campaign.
    func fuzzCase(_ configuration: SuiteConfiguration, index: UInt64) -> FuzzCaseView?

    /// Replays a finding's recorded bytes against the suite's target and says whether the same
    /// failure class came back.
    func replay(_ record: FuzzReplayRecord, configuration: SuiteConfiguration, context: SuiteRunContext) async -> FuzzReplayOutcome
}

/// One case as `medconform case` shows it.
public struct FuzzCaseView: Sendable, Hashable {
    public var address: FuzzCaseAddressRecord
    public var anomalies: [FuzzAnomalyRecord]
    public var bytes: [UInt8]
    public var sha256: String
    public var modelDigest: String
    public var generatorVersion: String
    public var enumeratedCases: UInt64

    public init(address: FuzzCaseAddressRecord, anomalies: [FuzzAnomalyRecord], bytes: [UInt8], sha256: String,
                modelDigest: String, generatorVersion: String, enumeratedCases: UInt64) {
        self.address = address
        self.anomalies = anomalies
        self.bytes = bytes
        self.sha256 = sha256
        self.modelDigest = modelDigest
        self.generatorVersion = generatorVersion
        self.enumeratedCases = enumeratedCases
    }
}

/// What a replay found.
public struct FuzzReplayOutcome: Sendable, Hashable {
    /// How many of the runs ended in the recorded failure class.
    public var reproduced: Int
    public var runs: Int
    /// What the device did in the last run, in one line.
    public var detail: String
    /// Whether regenerating the case from its address gave the recorded bytes (nil when the
    /// generator or model changed since, so the address no longer applies).
    public var regenerated: Bool?
    public var notes: [String]

    public init(reproduced: Int, runs: Int, detail: String, regenerated: Bool?, notes: [String]) {
        self.reproduced = reproduced
        self.runs = runs
        self.detail = detail
        self.regenerated = regenerated
        self.notes = notes
    }

    /// The answer for a record whose suite is no fuzz campaign (any more).
    public static func notACampaign(suiteID: String) -> FuzzReplayOutcome {
        FuzzReplayOutcome(reproduced: 0, runs: 0, detail: "suite '\(suiteID)' is not a fuzz campaign", regenerated: nil, notes: [])
    }
}
