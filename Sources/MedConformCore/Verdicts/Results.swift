/// A requirement named by a verdict: its ID, the spec it belongs to and, when that spec
/// is an overlay, the base spec it extends, so results name overlay and base separately.
public struct RequirementRef: Sendable, Hashable, Codable, CustomStringConvertible {
    public var id: String
    public var spec: String
    public var base: String?
    public var tightens: String?
    public var status: RequirementStatus
    public var strength: RequirementStrength

    public init(id: String, spec: String, base: String?, tightens: String?, status: RequirementStatus, strength: RequirementStrength) {
        self.id = id
        self.spec = spec
        self.base = base
        self.tightens = tightens
        self.status = status
        self.strength = strength
    }

    public var description: String { "\(spec):\(id)" }
}

/// The stable token that says what kind of problem a non-passing check found; it becomes
/// the JUnit `type` attribute.
public struct ProblemKind: RawRepresentable, Sendable, Hashable, Codable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let protocolViolation = ProblemKind(rawValue: "ProtocolViolation")
    public static let timeout = ProblemKind(rawValue: "Timeout")
    public static let deviceUnreachable = ProblemKind(rawValue: "DeviceUnreachable")
    public static let connectionClosed = ProblemKind(rawValue: "ConnectionClosed")
    public static let framing = ProblemKind(rawValue: "FramingError")
    public static let malformed = ProblemKind(rawValue: "MalformedMessage")
    public static let harness = ProblemKind(rawValue: "HarnessError")
    public static let interrupted = ProblemKind(rawValue: "Interrupted")
    public static let noData = ProblemKind(rawValue: "NoData")
}

/// One judgement of one requirement on one piece of data (a message, an exchange).
public struct Observation: Sendable, Hashable, Codable {
    public var outcome: Outcome
    /// What was judged: `message 3 (control ID 'MC00003')`.
    public var subject: String
    /// One line a person can act on.
    public var reason: String
    public var kind: ProblemKind?
    public var evidence: Evidence

    public init(_ outcome: Outcome, subject: String, reason: String, kind: ProblemKind? = nil, evidence: Evidence = .none) {
        self.outcome = outcome
        self.subject = subject
        self.reason = reason
        self.kind = kind
        self.evidence = evidence
    }
}

/// The verdict on one requirement (or one harness-level check) in one suite; one JUnit testcase.
public struct CheckResult: Sendable, Hashable, Codable {
    /// Stable test name, unique within the suite: the requirement ID.
    public var id: String
    public var title: String
    public var requirements: [RequirementRef]
    public var outcome: Outcome
    public var reason: String
    public var kind: ProblemKind?
    public var observations: [Observation]
    public var durationNanoseconds: Int64

    public init(id: String, title: String, requirements: [RequirementRef], outcome: Outcome, reason: String,
                kind: ProblemKind? = nil, observations: [Observation], duration: Duration = .zero) {
        self.id = id
        self.title = title
        self.requirements = requirements
        self.outcome = outcome
        self.reason = reason
        self.kind = kind
        self.observations = observations
        self.durationNanoseconds = duration.nanosecondsClamped
    }

    /// Builds the verdict from observations: the aggregate outcome, and as reason the first
    /// observation with that outcome (plus how many more there were).
    public static func judged(id: String, title: String, requirements: [RequirementRef], observations: [Observation],
                              whenEmpty: (Outcome, String) = (.inconclusive, "no data reached this check"),
                              duration: Duration = .zero) -> CheckResult {
        guard !observations.isEmpty else {
            return CheckResult(id: id, title: title, requirements: requirements, outcome: whenEmpty.0,
                               reason: whenEmpty.1, kind: whenEmpty.0 == .inconclusive ? .noData : nil,
                               observations: [], duration: duration)
        }
        let outcome = Outcome.aggregate(observations.map(\.outcome))
        let matching = observations.filter { $0.outcome == outcome }
        var reason = matching.first.map { "\($0.subject): \($0.reason)" } ?? ""
        if outcome == .pass {
            reason = "\(matching.count) of \(observations.count) observation\(observations.count == 1 ? "" : "s") conform"
        } else if matching.count > 1 {
            reason += " (and \(matching.count - 1) more)"
        }
        return CheckResult(id: id, title: title, requirements: requirements, outcome: outcome, reason: reason,
                           kind: matching.first?.kind, observations: observations, duration: duration)
    }
}

/// A key-value property of a suite or run: seed, digest, simulator, faults.
public struct Property: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Everything one suite produced.
public struct SuiteResult: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var plugin: String
    public var startedOffsetNanoseconds: Int64
    public var durationNanoseconds: Int64
    public var checks: [CheckResult]
    public var properties: [Property]
    /// The complete wire transcript of the suite, in order.
    public var transcript: [TranscriptEntry]
    /// Harness log lines worth keeping (connections, timeouts, simulator notes).
    public var log: [String]
    /// The campaign record when the suite was a fuzz campaign: every confirmed failure in full.
    public var fuzz: FuzzCampaignRecord?

    public init(id: String, title: String, plugin: String, startedOffset: Duration = .zero, duration: Duration = .zero,
                checks: [CheckResult], properties: [Property] = [], transcript: [TranscriptEntry] = [], log: [String] = [],
                fuzz: FuzzCampaignRecord? = nil) {
        self.fuzz = fuzz
        self.id = id
        self.title = title
        self.plugin = plugin
        self.startedOffsetNanoseconds = startedOffset.nanosecondsClamped
        self.durationNanoseconds = duration.nanosecondsClamped
        self.checks = checks
        self.properties = properties
        self.transcript = transcript
        self.log = log
    }

    public func count(_ outcome: Outcome) -> Int { checks.count { $0.outcome == outcome } }
}

/// One judgement of one requirement: the requirement's ID and what was observed.
public struct RequirementObservation: Sendable, Hashable {
    /// The ID of the requirement judged, such as `PCD01-OBX-3-REFID`.
    public var requirementID: String
    /// The outcome, subject, reason and evidence.
    public var observation: Observation

    /// Pairs an observation with the requirement it judged.
    public init(requirementID: String, observation: Observation) {
        self.requirementID = requirementID
        self.observation = observation
    }
}
