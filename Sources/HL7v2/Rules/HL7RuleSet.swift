import MedConformCore
import Transports

/// The checks of every HL7 v2 requirement in a set of specs, compiled once and ready to judge.
///
/// ```swift
/// let collector = DiagnosticCollector()
/// guard let rules = HL7RuleSet.compile(specs: specs, collector: collector) else { /* report */ }
/// let verdicts = rules.judgeMessage(payload, subject: "message 1")
/// let checks = rules.checkResults(verdicts.observations, kinds: HL7RuleKind.messageKinds, specs: specs,
///                                 whenEmpty: (.inconclusive, "no message reached this check"))
/// ```
///
/// Every observation names the requirement it judged, so every verdict traces to a spec.
/// Judging is a pure function of the bytes: the same message gives the same observations in
/// the same order (message order, then requirement spec order).
public struct HL7RuleSet: Sendable {
    let rules: [CompiledRule]
    private let indexByID: [String: Int]
    private let messagePlan: MessageRulePlan
    private let parseRules: [Int]

    init(rules: [CompiledRule]) {
        self.rules = rules
        var index: [String: Int] = [:]
        for (position, rule) in rules.enumerated() where index[rule.requirement.id] == nil {
            index[rule.requirement.id] = position
        }
        indexByID = index
        messagePlan = MessageRulePlan(rules.filter { $0.kind.isMessageLevel })
        parseRules = rules.indices.filter { rules[$0].kind == .parse }
    }

    /// Compiles the `check:` of every requirement of every spec in `specs` whose plugin is
    /// "hl7v2" (requirements without a check are skipped).
    ///
    /// Each bad check is reported at its spec position: an unknown rule (with a "did you mean"),
    /// unknown or missing keys, a bad HL7 path or regular expression, an unknown table or
    /// structure, malformed table rows (including an MDC code that is not partition * 65536 + term).
    ///
    /// - Returns: The rule set, or nil when anything was reported as an error.
    public static func compile(specs: SpecSet, collector: DiagnosticCollector) -> HL7RuleSet? {
        let errorsBefore = collector.errorCount
        var compiler = RuleCompiler(specs: specs, collector: collector)
        var rules: [CompiledRule] = []
        for spec in specs.specs where spec.plugin == "hl7v2" {
            for requirement in spec.requirements {
                if let rule = compiler.compile(requirement) { rules.append(rule) }
            }
        }
        guard collector.errorCount == errorsBefore else { return nil }
        return HL7RuleSet(rules: rules)
    }

    /// Every requirement with a compiled check, in spec order (bases first).
    public var requirements: [Requirement] { rules.map(\.requirement) }

    /// The requirements whose check is of `kind`, in spec order.
    public func requirements(_ kind: HL7RuleKind) -> [Requirement] {
        rules.filter { $0.kind == kind }.map(\.requirement)
    }

    /// The kind of check of a requirement, or nil when the set does not hold it.
    public func kind(of requirementID: String) -> HL7RuleKind? {
        indexByID[requirementID].map { rules[$0].kind }
    }

    /// The rules of the given kinds, in spec order.
    func rules(_ kinds: Set<HL7RuleKind>) -> [CompiledRule] {
        rules.filter { kinds.contains($0.kind) }
    }

    // MARK: Message-level rules

    /// Judges one message payload (an MLLP frame's content or a file chunk) against every
    /// message-level rule: parse, escapes, charset, value, structure, required-fields,
    /// obx-value, mdc-coding, mdc-code-match, pattern, unique, units, unit-dimension, timestamp
    /// and identifier.
    ///
    /// A message that does not parse fails `parse`, and no other rule judges it. A rule whose
    /// `messages:` filter excludes the message (by MSH-9.1) gives no observation for it.
    ///
    /// - Parameters:
    ///   - bytes: The message, segments ended by CR (LF and CRLF are accepted as in files).
    ///   - subject: Names the message in reasons, such as "message 3".
    public func judgeMessage(_ bytes: [UInt8], subject: String) -> MessageVerdicts {
        var observations: [RequirementObservation] = []
        let message: HL7Message
        do {
            message = try HL7Message.parse(bytes)
        } catch {
            let failure = EncodingRules.parseFailure(error, byteCount: bytes.count)
            for index in parseRules {
                observations.append(RequirementObservation(
                    requirementID: rules[index].requirement.id,
                    observation: Observation(.fail, subject: subject, reason: failure.reason, kind: .malformed,
                                             evidence: Evidence(items: failure.evidence.map { EvidenceItem($0.0, $0.1) }))))
            }
            return MessageVerdicts(message: nil, observations: observations, messageType: nil, controlID: nil)
        }
        let context = MessageContext(message: message, subject: subject)
        let admitted = messagePlan.rules(for: context.messageCode)
        observations.reserveCapacity(admitted.count + 4)
        // One recorder serves every rule: `finish` empties it for the next.
        var recorder = RuleRecorder()
        for index in admitted.indices {
            // The plan, which `self` holds, keeps every rule alive.
            admitted[index]._withUnsafeGuaranteedRef { rule in
                MessageRuleDispatch.judge(rule, context, &recorder, into: &observations)
            }
        }
        let header = context.segments[0]
        return MessageVerdicts(message: message, observations: observations,
                               messageType: header.field(9).text, controlID: header.field(10).text)
    }

    // MARK: Exchange-level rules

    /// `mllp-framing`: passes when `problem` is nil, fails naming the problem otherwise.
    public func judgeFraming(_ problem: MLLPFramingProblem?, subject: String, evidence: Evidence) -> [RequirementObservation] {
        ExchangeRules.framing(rules([.mllpFraming]), problem, subject: subject, evidence: evidence)
    }

    /// `reporter-message-type`: MSH-9.1^MSH-9.2 of a message a reporter sent equals `expect`.
    /// A message that did not parse gives no observation (its `parse` failure says why).
    public func judgeReporterMessageType(_ verdicts: MessageVerdicts, subject: String) -> [RequirementObservation] {
        ExchangeRules.reporterMessageType(rules([.reporterMessageType]), verdicts, subject: subject)
    }

    /// ack-reply, ack-echo, ack-mode, ack-accepts-valid and ack-rejects-invalid on one exchange.
    public func judgeAcknowledgements(_ exchange: AckExchange) -> [RequirementObservation] {
        AcknowledgementRules.judge(rules(Set(HL7RuleKind.acknowledgementKinds)), exchange)
    }

    // MARK: Results

    /// The check results of one role: requirements of `kinds` whose message filter admits
    /// messages with code `messageCode` (the role's traffic: ORU for a receiver, ACK for a
    /// sender), narrowed to `filter` when the suite lists requirements.
    public func checkResults(_ observations: [RequirementObservation], kinds: [HL7RuleKind], messageCode: String,
                             filter: [String]?, specs: SpecSet, whenEmpty: (Outcome, String)) -> [CheckResult] {
        let code = ArraySlice(Array(messageCode.utf8))
        let admitted = rules.filter { rule in
            rule.filter.admits(code) && (filter?.contains(rule.requirement.id) ?? true)
        }.map(\.requirement.id)
        return checkResults(observations, kinds: kinds, specs: specs, whenEmpty: whenEmpty).filter { admitted.contains($0.id) }
    }

    /// One `CheckResult` per requirement whose kind is in `kinds`, in spec order, built with
    /// `CheckResult.judged` from the observations that name it; a requirement without any
    /// observation gets `whenEmpty` (e.g. inconclusive "no message reached this check", or
    /// not-applicable with a reason).
    public func checkResults(_ observations: [RequirementObservation], kinds: [HL7RuleKind], specs: SpecSet,
                             whenEmpty: (Outcome, String)) -> [CheckResult] {
        var byRequirement: [String: [Observation]] = [:]
        for item in observations { byRequirement[item.requirementID, default: []].append(item.observation) }
        let wanted = Set(kinds)
        return rules.filter { wanted.contains($0.kind) }.map { rule in
            let requirement = rule.requirement
            return CheckResult.judged(
                id: requirement.id, title: requirement.title, requirements: [specs.reference(for: requirement)],
                observations: byRequirement[requirement.id] ?? [], whenEmpty: whenEmpty)
        }
    }
}
