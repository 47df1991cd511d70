// The records a fuzz campaign leaves: in the JSON result log, in replay files, and as the
// input of `medconform merge`. Bytes are lower-case hex; seeds and digests are hex strings so
// that no JSON reader rounds them; case numbers are plain integers (below 2^53 in practice).

/// A campaign's shard: the cases with `index mod count == index`.
public struct FuzzShard: Sendable, Hashable, Codable, CustomStringConvertible {
    public var index: UInt64
    public var count: UInt64

    public init(index: UInt64, count: UInt64) {
        self.index = index
        self.count = count
    }

    /// Parses `K/N` with K < N.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = UInt64(parts[0]), let n = UInt64(parts[1]), n > 0, k < n else { return nil }
        self.init(index: k, count: n)
    }

    public func contains(_ caseIndex: UInt64) -> Bool { caseIndex % count == index }

    public var description: String { "\(index)/\(count)" }
}

/// Where a case sits in its run's case space; with the run's key inputs it regenerates the case.
public struct FuzzCaseAddressRecord: Sendable, Hashable, Codable {
    public var index: UInt64
    /// `enumerated` or `random`.
    public var tier: String
    public var tierIndex: UInt64
    public var caseSeed: String

    public init(index: UInt64, tier: String, tierIndex: UInt64, caseSeed: String) {
        self.index = index
        self.tier = tier
        self.tierIndex = tierIndex
        self.caseSeed = caseSeed
    }
}

/// One anomaly of a case, as people and other tools read it.
public struct FuzzAnomalyRecord: Sendable, Hashable, Codable {
    public var path: String
    public var operatorName: String
    public var libraryIndex: Int?
    /// The change, in words: `insert 5c 58 34 5c at end (wire)`.
    public var change: String
    /// The relation the anomaly lies about, if any.
    public var lie: String?

    public init(path: String, operatorName: String, libraryIndex: Int?, change: String, lie: String?) {
        self.path = path
        self.operatorName = operatorName
        self.libraryIndex = libraryIndex
        self.change = change
        self.lie = lie
    }
}

/// One confirmed failure, deduplicated: every detection with the same signature is counted
/// here; the representative is the detection with the lowest case index.
public struct FuzzFinding: Sendable, Hashable, Codable {
    /// SHA-256 (first 16 hex digits) over class, state, message type, operators and paths.
    public var signature: String
    public var failureClass: FailureClass
    /// The protocol state the failure happened in: `awaiting acknowledgement`.
    public var state: String
    /// The type of the fuzzed message: `ORU^R01`.
    public var messageType: String
    /// The operators of the shrunk case, joined by `+`.
    public var operatorName: String
    /// The paths of the shrunk case's anomalies, repetition numbers wildcarded, joined by `+`.
    public var path: String
    /// What the device did, in one line.
    public var detail: String
    /// `r/n`: how often replaying the case alone (or the sequence) reproduced the class.
    public var reproduced: String
    /// The representative detection.
    public var address: FuzzCaseAddressRecord
    /// The representative's anomalies and bytes, before shrinking.
    public var anomalies: [FuzzAnomalyRecord]
    public var bytesSHA256: String
    /// Case indices that ran before the failing one and are needed for it (sequence failures).
    public var sequence: [UInt64]?
    /// The shrunk case: its anomalies, the exact bytes, their digest, and how many tests the
    /// reducer spent.
    public var shrunkAnomalies: [FuzzAnomalyRecord]
    public var shrunkSHA256: String
    public var shrinkTests: Int
    /// What a replay writes, in order (hex): the shrunk case, or each case of the sequence.
    public var replaySteps: [String]
    /// Whether a replay ends with the known-good probe (for probe failures).
    public var replayProbe: Bool
    /// What the device answered in the confirming replay (hex, one entry per frame read).
    public var responses: [String]
    /// Every case index whose detection had this signature (at most ``indexLimit``, smallest first).
    public var indices: [UInt64]
    /// How many detections had this signature.
    public var occurrences: Int

    /// The most indices a finding lists; the count goes on.
    public static let indexLimit = 20

    public init(signature: String, failureClass: FailureClass, state: String, messageType: String, operatorName: String,
                path: String, detail: String, reproduced: String, address: FuzzCaseAddressRecord, anomalies: [FuzzAnomalyRecord],
                bytesSHA256: String, sequence: [UInt64]?, shrunkAnomalies: [FuzzAnomalyRecord], shrunkSHA256: String,
                shrinkTests: Int, replaySteps: [String], replayProbe: Bool, responses: [String], indices: [UInt64], occurrences: Int) {
        self.signature = signature
        self.failureClass = failureClass
        self.state = state
        self.messageType = messageType
        self.operatorName = operatorName
        self.path = path
        self.detail = detail
        self.reproduced = reproduced
        self.address = address
        self.anomalies = anomalies
        self.bytesSHA256 = bytesSHA256
        self.sequence = sequence
        self.shrunkAnomalies = shrunkAnomalies
        self.shrunkSHA256 = shrunkSHA256
        self.shrinkTests = shrinkTests
        self.replaySteps = replaySteps
        self.replayProbe = replayProbe
        self.responses = responses
        self.indices = indices
        self.occurrences = occurrences
    }

    /// The JUnit testcase name: class, operators and paths, readable and stable.
    public var testName: String { "\(failureClass.rawValue): \(operatorName) at \(path)" }

    /// The file name of the replay record under the run's `fuzz/<suite>/` folder.
    public var replayFileName: String { "\(failureClass.rawValue)-\(signature).json" }

    /// The signature of the fields that define "the same failure" (fuzzing.md §8.3).
    public static func signature(failureClass: FailureClass, state: String, messageType: String,
                                 operatorName: String, path: String) -> String {
        var hasher = CanonicalHasher()
        for field in [failureClass.rawValue, state, messageType, operatorName, path] { hasher.add(text: field) }
        return String(Hex.encode(hasher.finalize()).prefix(16))
    }
}

/// A detection the campaign could not reproduce (or had no budget to examine): kept in the
/// log, never reported as a failing testcase.
public struct FuzzUnconfirmed: Sendable, Hashable, Codable {
    public var index: UInt64
    public var failureClass: FailureClass
    public var detail: String
    public var reproduced: String

    public init(index: UInt64, failureClass: FailureClass, detail: String, reproduced: String) {
        self.index = index
        self.failureClass = failureClass
        self.detail = detail
        self.reproduced = reproduced
    }
}

/// Everything one campaign (one suite) produced, beside the suite's checks.
public struct FuzzCampaignRecord: Sendable, Hashable, Codable {
    /// `to-device` (the harness sends mutated messages) or `answers` (mutated acknowledgements).
    public var direction: String
    public var model: String
    public var messageType: String
    public var generatorVersion: String
    public var profileDigest: String
    public var modelDigest: String
    public var seed: String
    /// The size of the enumerated tier; later case numbers are random-tier cases.
    public var enumeratedCases: UInt64
    public var firstIndex: UInt64
    /// The cases asked for (nil when a time budget ruled).
    public var requestedCases: UInt64?
    public var shard: FuzzShard?
    public var casesRun: UInt64
    /// An order-independent fingerprint of every case run (wrapping sum of per-case hashes),
    /// so shards add up to the unsharded run and a second run proves it ran the same cases.
    public var casesFingerprint: String
    public var detections: Int
    public var probes: Int
    public var findings: [FuzzFinding]
    public var unconfirmed: [FuzzUnconfirmed]
    /// Why the campaign stopped before its cases were done, if it did.
    public var stopped: String?
    public var durationNanoseconds: Int64
    /// The simulator the campaign ran against, with its faults; nil for a real device.
    public var simulator: SimulatorSelection?

    public init(direction: String, model: String, messageType: String, generatorVersion: String, profileDigest: String,
                modelDigest: String, seed: String, enumeratedCases: UInt64, firstIndex: UInt64, requestedCases: UInt64?,
                shard: FuzzShard?, casesRun: UInt64, casesFingerprint: String, detections: Int, probes: Int,
                findings: [FuzzFinding], unconfirmed: [FuzzUnconfirmed], stopped: String?, durationNanoseconds: Int64) {
        self.direction = direction
        self.model = model
        self.messageType = messageType
        self.generatorVersion = generatorVersion
        self.profileDigest = profileDigest
        self.modelDigest = modelDigest
        self.seed = seed
        self.enumeratedCases = enumeratedCases
        self.firstIndex = firstIndex
        self.requestedCases = requestedCases
        self.shard = shard
        self.casesRun = casesRun
        self.casesFingerprint = casesFingerprint
        self.detections = detections
        self.probes = probes
        self.findings = findings
        self.unconfirmed = unconfirmed
        self.stopped = stopped
        self.durationNanoseconds = durationNanoseconds
        self.simulator = nil
    }
}

/// The replay file of one finding (`medconform replay FILE`): the finding and what is needed
/// to reach the same device again.
public struct FuzzReplayRecord: Sendable, Hashable, Codable {
    public static let format = "medconform-replay/1"

    public var format: String
    /// The profile as given on the command line of the run, and its SHA-256.
    public var profilePath: String
    public var profileSHA256: String
    public var profileID: String
    public var suiteID: String
    public var campaign: FuzzCampaignRecord
    public var finding: FuzzFinding

    public init(profilePath: String, profileSHA256: String, profileID: String, suiteID: String,
                campaign: FuzzCampaignRecord, finding: FuzzFinding) {
        self.format = Self.format
        self.profilePath = profilePath
        self.profileSHA256 = profileSHA256
        self.profileID = profileID
        self.suiteID = suiteID
        var summary = campaign
        summary.findings = []
        self.campaign = summary
        self.finding = finding
    }
}
