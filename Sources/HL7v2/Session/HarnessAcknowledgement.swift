import Foundation
import MedConformCore

/// The acknowledgements the harness sends as the consumer in the receiver role.
enum HarnessAcknowledgement {
    /// The acknowledgements owed for a received message, built as PCD-01 ACK^R01^ACK messages:
    /// an accept acknowledgement (CA or CE) and/or an application acknowledgement (AA or AE)
    /// as its MSH-15/MSH-16 ask. A message that breaks a requirement gets the error code and an
    /// ERR segment naming that requirement, so the device's operator sees why.
    static func build(for verdicts: MessageVerdicts, rules: HL7RuleSet, sequence: Int, now: Date) -> [[UInt8]] {
        guard let message = verdicts.message, let controlID = verdicts.controlID else { return [] }
        let msh15 = message["MSH-15"] ?? ""
        let msh16 = message["MSH-16"] ?? ""
        let expectation = HL7AckExpectation.of(msh15: msh15, msh16: msh16, messageConforms: verdicts.conforms)
        return expectation.expected.enumerated().map { offset, kind in
            let code: String = switch (kind, verdicts.conforms) {
            case (.accept, true): "CA"
            case (.accept, false): "CE"
            case (.application, true): "AA"
            case (.application, false): "AE"
            }
            var builder = HL7MessageBuilder()
            builder.segment("MSH", [
                "MEDCONFORM^harness", "", "", "", UTCTimestamp.hl7(now), "", "ACK^R01^ACK", "MCACK\(sequence)-\(offset + 1)", "P", "2.6",
                "", "", "NE", "NE", "", "UNICODE UTF-8", "", "", "IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO",
            ])
            builder.segment("MSA", [code, escaped(controlID)])
            if !verdicts.conforms, let failure = verdicts.firstFailure {
                let text = "\(failure.requirementID): \(failure.observation.reason)"
                let code = errorCode(rules.kind(of: failure.requirementID))
                builder.segment("ERR", ["", "", code, "E", "", "", "", escaped(String(text.prefix(200)))])
            }
            return builder.build()
        }
    }

    /// The HL7 table 0357 error code closest to the kind of rule that failed.
    static func errorCode(_ kind: HL7RuleKind?) -> String {
        switch kind {
        case .structure?: "100^Segment sequence error^HL70357"
        case .requiredFields?: "101^Required field missing^HL70357"
        case .value?, .timestamp?, .obxValue?, .units?, .pattern?, .mdcCoding?, .identifier?: "102^Data type error^HL70357"
        case .mdcCodeMatch?, .unitDimension?: "103^Table value not found^HL70357"
        default: "207^Application internal error^HL70357"
        }
    }

    private static func escaped(_ text: String) -> String {
        String(decoding: HL7Escaping.escape(text, delimiters: .standard), as: UTF8.self)
    }

}
