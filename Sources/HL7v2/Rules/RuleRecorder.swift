import MedConformCore

/// Collects what one rule found in one message and turns it into observations.
///
/// A rule that judged several things (every OBX, every listed field) gives one `pass`
/// observation when all conform, or one `fail` observation for each non-conformance (at most
/// ``failureCap``, then one that counts the rest), plus one `not-applicable` observation that
/// lists what it could not judge. Reasons are built only for failures, so a conforming message
/// costs one short string per requirement.
///
/// One recorder serves every rule of a message: ``finish(_:subject:passReason:into:)`` takes the
/// rule and subject, appends the observations and empties the recorder for the next rule.
struct RuleRecorder {
    /// A failure before it becomes an observation: the subject is added in `finish`.
    private struct Failure {
        var reason: String
        var kind: ProblemKind
        var evidence: Evidence
    }

    private var failures: [Failure] = []
    private var omittedFailures = 0
    private var judged = 0
    private var notes: [String] = []
    private var omittedNotes = 0

    static let failureCap = 20
    static let noteCap = 8

    init() {}

    var hasFailures: Bool { !failures.isEmpty }

    /// One thing judged and found conforming.
    mutating func conforming() { judged += 1 }

    /// One thing judged and found not conforming.
    mutating func fail(_ reason: @autoclosure () -> String, kind: ProblemKind = .protocolViolation,
                       evidence: @autoclosure () -> [EvidenceItemValue]) {
        judged += 1
        guard failures.count < Self.failureCap else {
            omittedFailures += 1
            return
        }
        failures.append(Failure(reason: reason(), kind: kind,
                                evidence: Evidence(items: evidence().map { EvidenceItem($0.0, $0.1) })))
    }

    /// Something the rule could not judge here, such as a code outside the harness's table.
    mutating func notJudged(_ note: @autoclosure () -> String) {
        guard notes.count < Self.noteCap else {
            omittedNotes += 1
            return
        }
        notes.append(note())
    }

    /// Appends the observations of `rule` on `subject`: failures or one pass, then what was
    /// not judged. When nothing at all was judged or noted, the rule's not-applicable
    /// observation, if it has one. `passReason` replaces the rule's usual pass reason.
    ///
    /// Leaves the recorder empty, ready for the next rule: one recorder serves a whole message,
    /// so its arrays are made (and freed) once per message, not once per rule.
    mutating func finish(_ rule: CompiledRule, subject: String, passReason: String? = nil, into out: inout [RequirementObservation]) {
        let requirementID = rule.requirementID
        if !failures.isEmpty {
            for failure in failures {
                out.append(RequirementObservation(requirementID: requirementID, observation: Observation(
                    .fail, subject: subject, reason: failure.reason, kind: failure.kind, evidence: failure.evidence)))
            }
            if omittedFailures > 0 {
                out.append(RequirementObservation(requirementID: requirementID, observation: Observation(
                    .fail, subject: subject,
                    reason: "\(omittedFailures) more non-conformance\(omittedFailures == 1 ? "" : "s") of this requirement in this message, not listed",
                    kind: .protocolViolation)))
            }
        } else if judged > 0 {
            if let passReason {
                out.append(RequirementObservation(requirementID: requirementID,
                                                  observation: Observation(.pass, subject: subject, reason: passReason)))
            } else {
                Self.append(rule.passObservation, subject, to: &out)
            }
        }
        if !notes.isEmpty {
            // One note, the common case, is the reason as it is: joining would copy it.
            var reason = notes.count == 1 ? notes[0] : notes.joined(separator: "; ")
            if omittedNotes > 0 { reason += "; and \(omittedNotes) more" }
            out.append(RequirementObservation(requirementID: requirementID,
                                              observation: Observation(.notApplicable, subject: subject, reason: reason)))
        } else if judged == 0, let nothing = rule.nothingObservation {
            Self.append(nothing, subject, to: &out)
        }
        reset()
    }

    private mutating func reset() {
        if !failures.isEmpty { failures.removeAll(keepingCapacity: true) }
        if !notes.isEmpty { notes.removeAll(keepingCapacity: true) }
        omittedFailures = 0
        judged = 0
        omittedNotes = 0
    }

    /// Appends a rule's prepared observation with its subject set. The subject is set in the
    /// array, after the one copy that appending makes: setting it on a copy first made the
    /// compiler copy the whole observation a second time.
    @inline(__always)
    private static func append(_ prepared: RequirementObservation, _ subject: String, to out: inout [RequirementObservation]) {
        out.append(prepared)
        out[out.count - 1].observation.subject = subject
    }
}
