import MedConformCore

// The records of the JSON result log, format `medconform-result/1`. They mirror the Core
// values field by field, except that bytes are lower-case hex strings with their length
// beside them; owning them here keeps the file format stable when Core's types change.

struct ResultLogDocument: Codable {
    var format: String
    var exitStatus: ExitStatusRecord
    var counts: OutcomeCounts
    var run: RunRecord
}

struct ExitStatusRecord: Codable {
    var code: Int32
    var name: String
}

/// Checks per outcome over the whole run; every outcome is present, zero or not.
struct OutcomeCounts: Codable {
    var total: Int
    var pass: Int
    var fail: Int
    var error: Int
    var skipped: Int
    var inconclusive: Int
    var notApplicable: Int

    enum CodingKeys: String, CodingKey {
        case total, pass, fail, error, skipped, inconclusive
        case notApplicable = "not-applicable"
    }

    init(_ checks: [CheckResult]) {
        func count(_ outcome: Outcome) -> Int { checks.count { $0.outcome == outcome } }
        total = checks.count
        pass = count(.pass)
        fail = count(.fail)
        error = count(.error)
        skipped = count(.skipped)
        inconclusive = count(.inconclusive)
        notApplicable = count(.notApplicable)
    }
}

struct RunRecord: Codable {
    var tool: ToolInfo
    var runID: String
    var started: String
    var hostname: String
    var durationNanoseconds: Int64
    var profile: ProfileSummary
    var specs: [SpecSummary]
    var suites: [SuiteRecord]
    var coverage: [SpecCoverage]
    var partial: Bool
    var interruption: String?
    var properties: [Property]

    init(_ run: RunResult) {
        tool = run.tool
        runID = run.runID
        started = run.started
        hostname = run.hostname
        durationNanoseconds = run.durationNanoseconds
        profile = run.profile
        specs = run.specs
        suites = run.suites.map(SuiteRecord.init)
        coverage = run.coverage
        partial = run.partial
        interruption = run.interruption
        properties = run.properties
    }

    var value: RunResult {
        var run = RunResult(tool: tool, runID: runID, started: started, hostname: hostname, duration: .zero,
                            profile: profile, specs: specs, suites: suites.map(\.value), coverage: coverage,
                            partial: partial, interruption: interruption, properties: properties)
        run.durationNanoseconds = durationNanoseconds
        return run
    }
}

struct SuiteRecord: Codable {
    var id: String
    var title: String
    var plugin: String
    var startedOffsetNanoseconds: Int64
    var durationNanoseconds: Int64
    var checks: [CheckRecord]
    var properties: [Property]
    var transcript: [TranscriptRecord]
    var log: [String]
    var fuzz: FuzzCampaignRecord?

    init(_ suite: SuiteResult) {
        id = suite.id
        title = suite.title
        plugin = suite.plugin
        startedOffsetNanoseconds = suite.startedOffsetNanoseconds
        durationNanoseconds = suite.durationNanoseconds
        checks = suite.checks.map(CheckRecord.init)
        properties = suite.properties
        transcript = suite.transcript.map(TranscriptRecord.init)
        log = suite.log
        fuzz = suite.fuzz
    }

    var value: SuiteResult {
        var suite = SuiteResult(id: id, title: title, plugin: plugin, checks: checks.map(\.value), properties: properties,
                                transcript: transcript.map(\.value), log: log, fuzz: fuzz)
        suite.startedOffsetNanoseconds = startedOffsetNanoseconds
        suite.durationNanoseconds = durationNanoseconds
        return suite
    }
}

struct CheckRecord: Codable {
    var id: String
    var title: String
    var requirements: [RequirementRef]
    var outcome: Outcome
    var reason: String
    var kind: ProblemKind?
    var observations: [ObservationRecord]
    var durationNanoseconds: Int64

    init(_ check: CheckResult) {
        id = check.id
        title = check.title
        requirements = check.requirements
        outcome = check.outcome
        reason = check.reason
        kind = check.kind
        observations = check.observations.map(ObservationRecord.init)
        durationNanoseconds = check.durationNanoseconds
    }

    var value: CheckResult {
        var check = CheckResult(id: id, title: title, requirements: requirements, outcome: outcome, reason: reason,
                                kind: kind, observations: observations.map(\.value))
        check.durationNanoseconds = durationNanoseconds
        return check
    }
}

struct ObservationRecord: Codable {
    var outcome: Outcome
    var subject: String
    var reason: String
    var kind: ProblemKind?
    var evidence: EvidenceRecord

    init(_ observation: Observation) {
        outcome = observation.outcome
        subject = observation.subject
        reason = observation.reason
        kind = observation.kind
        evidence = EvidenceRecord(observation.evidence)
    }

    var value: Observation {
        Observation(outcome, subject: subject, reason: reason, kind: kind, evidence: evidence.value)
    }
}

struct EvidenceRecord: Codable {
    var items: [EvidenceItem]
    var transcript: [TranscriptRecord]

    init(_ evidence: Evidence) {
        items = evidence.items
        transcript = evidence.transcript.map(TranscriptRecord.init)
    }

    var value: Evidence { Evidence(items: items, transcript: transcript.map(\.value)) }
}

/// One transcript entry; `bytes` is lower-case hex, `length` the number of bytes it holds.
struct TranscriptRecord: Codable {
    var direction: Direction
    var offsetNanoseconds: Int64
    var length: Int
    var bytes: String
    var summary: String?

    private var decoded: [UInt8] = []

    enum CodingKeys: String, CodingKey {
        case direction, offsetNanoseconds, length, bytes, summary
    }

    init(_ entry: TranscriptEntry) {
        direction = entry.direction
        offsetNanoseconds = entry.offsetNanoseconds
        length = entry.bytes.count
        bytes = Hex.encode(entry.bytes)
        summary = entry.summary
        decoded = entry.bytes
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        direction = try container.decode(Direction.self, forKey: .direction)
        offsetNanoseconds = try container.decode(Int64.self, forKey: .offsetNanoseconds)
        length = try container.decode(Int.self, forKey: .length)
        bytes = try container.decode(String.self, forKey: .bytes)
        summary = try container.decodeIfPresent(String.self, forKey: .summary)
        guard let decoded = Hex.decode(bytes) else {
            throw DecodingError.dataCorruptedError(forKey: .bytes, in: container, debugDescription: "not an even number of hex digits")
        }
        guard decoded.count == length else {
            throw DecodingError.dataCorruptedError(forKey: .length, in: container,
                                                   debugDescription: "says \(length) bytes, but bytes hold \(decoded.count)")
        }
        self.decoded = decoded
    }

    var value: TranscriptEntry {
        var entry = TranscriptEntry(direction: direction, offset: .zero, bytes: decoded, summary: summary)
        entry.offsetNanoseconds = offsetNanoseconds
        return entry
    }
}
