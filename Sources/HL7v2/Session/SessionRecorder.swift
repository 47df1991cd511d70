import MedConformCore
import Transports

/// Collects what a session saw: the wire transcript, the observations per requirement,
/// harness log lines, and problems with the session itself (connection, timeouts).
struct SessionRecorder {
    let clock: MonotonicClock
    let origin: Duration
    private(set) var transcript: [TranscriptEntry] = []
    private(set) var observations: [RequirementObservation] = []
    private(set) var log: [String] = []
    private(set) var sessionObservations: [Observation] = []
    private(set) var framingProblems = 0

    /// A device that sends nothing but broken frames would otherwise add observations without
    /// end; past this many framing problems the session stops, so memory stays bounded.
    static let framingProblemLimit = 50

    init(clock: MonotonicClock) {
        self.clock = clock
        origin = clock.now()
    }

    var elapsed: Duration { clock.now() - origin }

    /// Records bytes on the wire and returns the entry, for evidence.
    @discardableResult
    mutating func wire(_ direction: Direction, _ bytes: [UInt8], summary: String?) -> TranscriptEntry {
        let entry = TranscriptEntry(direction: direction, offset: elapsed, bytes: bytes, summary: summary)
        transcript.append(entry)
        return entry
    }

    mutating func record(_ more: [RequirementObservation]) { observations.append(contentsOf: more) }

    /// Records one framing problem; returns false once the limit is reached and the session
    /// must stop (the stop itself is recorded as a session error).
    mutating func recordFramingProblem(_ problem: MLLPFramingProblem, subject: String, rules: HL7RuleSet) -> Bool {
        framingProblems += 1
        let entry = wire(.fromDevice, [], summary: "framing problem: \(problem)")
        record(rules.judgeFraming(problem, subject: subject, evidence: Evidence(transcript: [entry])))
        guard framingProblems < Self.framingProblemLimit else {
            sessionProblem(.error, "stopped after \(framingProblems) framing problems: the device is not sending MLLP frames", kind: .framing)
            return false
        }
        return true
    }

    mutating func note(_ line: String) { log.append(line) }

    /// A problem with the session itself, reported as the harness-level `session` check.
    mutating func sessionProblem(_ outcome: Outcome, _ reason: String, kind: ProblemKind, evidence: Evidence = .none) {
        sessionObservations.append(Observation(outcome, subject: "session", reason: reason, kind: kind, evidence: evidence))
        log.append(reason)
    }

    mutating func sessionCompleted(_ reason: String) {
        sessionObservations.append(Observation(.pass, subject: "session", reason: reason))
    }

    /// The `session` check: whether the exchange ran to the end. It names no requirement: a
    /// device that never answered gets `error` here (no verdict), and the requirements it
    /// never exercised stay inconclusive rather than passing.
    var sessionCheck: CheckResult {
        CheckResult.judged(id: "session", title: "The session ran to completion", requirements: [],
                           observations: sessionObservations, whenEmpty: (.error, "the session recorded nothing"))
    }
}

extension SessionRecorder {
    /// The suite's result: one check per requirement the role judges, plus the `session` check,
    /// reported to the observer as they are made.
    func suiteResult(_ configuration: HL7SuiteConfiguration, context: SuiteRunContext, kinds: [HL7RuleKind],
                     messageCode: String, whenEmpty: String, simulatorLog: [String]) -> SuiteResult {
        var checks = configuration.rules.checkResults(
            observations, kinds: kinds, messageCode: messageCode, filter: configuration.requirementFilter,
            specs: context.specs, whenEmpty: (.inconclusive, whenEmpty))
        checks.append(sessionCheck)
        for check in checks { context.observer.checkFinished(check, suite: context.suite) }
        return SuiteResult(
            id: context.suite.id, title: context.suite.title ?? context.suite.id, plugin: HL7v2Plugin.description.id,
            checks: checks, properties: HL7v2Plugin.properties(context: context, role: configuration.role),
            transcript: transcript, log: log + simulatorLog.map { "simulator: \($0)" })
    }
}

extension Observation {
    /// The wire bytes this observation rests on, attached as evidence.
    func attaching(_ entries: [TranscriptEntry]) -> Observation {
        var copy = self
        copy.evidence.transcript.append(contentsOf: entries)
        return copy
    }
}
