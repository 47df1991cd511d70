import MedConformCore
import Transports

/// The exchange-level rules that need no acknowledgement: `mllp-framing` and `reporter-message-type`.
enum ExchangeRules {
    static func framing(_ rules: [CompiledRule], _ problem: MLLPFramingProblem?, subject: String,
                        evidence: Evidence) -> [RequirementObservation] {
        rules.map { rule in
            guard let problem else {
                return RequirementObservation(requirementID: rule.requirement.id,
                                              observation: Observation(.pass, subject: subject, reason: rule.passReason))
            }
            var items = evidence.items
            items.append(EvidenceItem("framing problem", problem.description))
            return RequirementObservation(
                requirementID: rule.requirement.id,
                observation: Observation(.fail, subject: subject, reason: "MLLP framing is broken: \(problem.description)",
                                         kind: .framing, evidence: Evidence(items: items, transcript: evidence.transcript)))
        }
    }

    static func reporterMessageType(_ rules: [CompiledRule], _ verdicts: MessageVerdicts,
                                    subject: String) -> [RequirementObservation] {
        guard let message = verdicts.message, !message.segments.isEmpty else { return [] }
        let type = message.segments[0].field(9)
        let code = type.component(1).text
        let event = type.component(2).text
        return rules.compactMap { rule in
            guard case .reporterMessageType(let expected) = rule.check else { return nil }
            let compared = expected.contains("^") ? "\(code)^\(event)" : code
            if compared == expected {
                return RequirementObservation(requirementID: rule.requirement.id,
                                              observation: Observation(.pass, subject: subject, reason: rule.passReason))
            }
            let written = VisibleText.of(type.text)
            return RequirementObservation(
                requirementID: rule.requirement.id,
                observation: Observation(
                    .fail, subject: subject,
                    reason: "the reporter sent MSH-9 '\(written)', but it must send \(expected) messages",
                    kind: .protocolViolation,
                    evidence: Evidence(items: [EvidenceItem("expected", expected), EvidenceItem("actual", written)])))
        }
    }
}
