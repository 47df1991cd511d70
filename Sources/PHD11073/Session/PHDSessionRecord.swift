import MedConformCore

/// What one PHD exchange produced: the transcript, the judgement, the session's own
/// problems and a log. Sessions of both roles fill it and turn it into the suite result.
struct PHDSessionRecord {
    let clock: MonotonicClock
    let origin: Duration
    var judgement: PHDJudgement
    private(set) var transcript: [TranscriptEntry] = []
    private(set) var log: [String] = []
    private(set) var sessionObservations: [Observation] = []
    /// Set once an APDU arrived in a state that does not allow it.
    private(set) var stateViolations = 0

    init(clock: MonotonicClock, rules: PHDRuleSet) {
        self.clock = clock
        origin = clock.now()
        judgement = PHDJudgement(rules: rules)
    }

    /// Appends bytes to the transcript; the entry is the evidence of what it shows.
    @discardableResult
    mutating func wire(_ direction: Direction, _ bytes: [UInt8], summary: String) -> TranscriptEntry {
        let entry = TranscriptEntry(direction: direction, offset: clock.now() - origin, bytes: bytes, summary: summary)
        if transcript.count < 10_000 { transcript.append(entry) }
        return entry
    }

    mutating func note(_ line: String) { log.append(line) }

    mutating func sessionProblem(_ outcome: Outcome, _ reason: String, kind: ProblemKind) {
        sessionObservations.append(Observation(outcome, subject: "session", reason: reason, kind: kind))
        log.append(reason)
    }

    mutating func sessionCompleted(_ reason: String) {
        sessionObservations.append(Observation(.pass, subject: "session", reason: reason))
    }

    /// An APDU the state machine does not allow where it came.
    mutating func outOfState(_ reason: String, evidence: TranscriptEntry) {
        stateViolations += 1
        judgement.record(.state, .fail, subject: "state", reason: reason, evidence: Evidence(transcript: [evidence]))
    }

    /// The suite result: one check per requirement the role judges, and the `session` check.
    func suiteResult(_ configuration: PHDSuiteConfiguration, context: SuiteRunContext, simulatorLog: [String]) -> SuiteResult {
        var checks = configuration.rules.checkResults(judgement.observations, judgingAgent: configuration.role == .manager,
                                                      filter: configuration.requirementFilter, specs: context.specs)
        checks.append(CheckResult.judged(id: "session", title: "The session ran to completion", requirements: [],
                                         observations: sessionObservations, whenEmpty: (.error, "the session recorded nothing")))
        for check in checks { context.observer.checkFinished(check, suite: context.suite) }
        return SuiteResult(id: context.suite.id, title: context.suite.title ?? context.suite.id, plugin: PHD11073Plugin.description.id,
                           checks: checks, properties: PHD11073Plugin.properties(context: context, configuration: configuration),
                           transcript: transcript, log: log + simulatorLog.map { "simulator: \($0)" })
    }
}
