/// The kinds of check the HL7 v2 plugin knows; a spec names them in `check: {rule: …}`.
///
/// Message-level kinds judge one message payload on its own (``HL7RuleSet/judgeMessage(_:subject:)``);
/// exchange-level kinds need a live exchange: the framing of the bytes on the wire, the message
/// type a reporter sends, and the acknowledgements a receiver returns.
public enum HL7RuleKind: String, CaseIterable, Sendable {
    case mllpFraming = "mllp-framing"
    case ackReply = "ack-reply"
    case parse
    case escapes
    case charset
    case value
    case ackEcho = "ack-echo"
    case ackMode = "ack-mode"
    case ackAcceptsValid = "ack-accepts-valid"
    case ackRejectsInvalid = "ack-rejects-invalid"
    case reporterMessageType = "reporter-message-type"
    case structure
    case requiredFields = "required-fields"
    case obxValue = "obx-value"
    case mdcCoding = "mdc-coding"
    case mdcCodeMatch = "mdc-code-match"
    case pattern
    case unique
    case units
    case unitDimension = "unit-dimension"
    case timestamp
    case identifier

    /// True for the kinds ``HL7RuleSet/judgeMessage(_:subject:)`` judges.
    public var isMessageLevel: Bool {
        switch self {
        case .mllpFraming, .ackReply, .ackEcho, .ackMode, .ackAcceptsValid, .ackRejectsInvalid, .reporterMessageType:
            false
        case .parse, .escapes, .charset, .value, .structure, .requiredFields, .obxValue, .mdcCoding, .mdcCodeMatch,
            .pattern, .unique, .units, .unitDimension, .timestamp, .identifier:
            true
        }
    }

    /// The kinds judged on the acknowledgements of one exchange.
    public static let acknowledgementKinds: [HL7RuleKind] = [
        .ackReply, .ackEcho, .ackMode, .ackAcceptsValid, .ackRejectsInvalid,
    ]

    /// The kinds judged on one message payload.
    public static let messageKinds: [HL7RuleKind] = allCases.filter(\.isMessageLevel)
}
