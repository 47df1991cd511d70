import MedConformCore
import Transports

/// One message the harness sent and every acknowledgement that came back for it.
public struct AckExchange: Sendable {
    /// How waiting for acknowledgements ended.
    public enum Ending: Sendable, Equatable {
        /// Every expected acknowledgement arrived.
        case complete
        /// The response time ran out.
        case timedOut(limit: Duration)
        /// The device closed the connection.
        case closed
        /// The device broke MLLP framing.
        case framing(MLLPFramingProblem)
        /// The transport failed (reset, unreachable); no verdict on the device's answer.
        case transport(String)
    }

    /// The message sent.
    public var sent: HL7Message
    /// What the harness knows of the sent message: true for a valid template (expect an accept),
    /// false for a deliberately invalid one (expect a reject), nil when unknown.
    public var sentConforms: Bool?
    /// Every acknowledgement payload received for it, in order.
    public var responses: [AckResponse]
    /// How waiting for the acknowledgements ended.
    public var ending: Ending
    /// The response time the profile allows.
    public var responseLimit: Duration
    /// Names the exchange in reasons: "message 3 (control ID 'MC00003')".
    public var subject: String
    /// The transcript of the exchange.
    public var evidence: Evidence

    public init(sent: HL7Message, sentConforms: Bool?, responses: [AckResponse], ending: Ending,
                responseLimit: Duration, subject: String, evidence: Evidence) {
        self.sent = sent
        self.sentConforms = sentConforms
        self.responses = responses
        self.ending = ending
        self.responseLimit = responseLimit
        self.subject = subject
        self.evidence = evidence
    }
}

/// One acknowledgement payload as received, with what the message rules found in it.
public struct AckResponse: Sendable {
    /// The acknowledgement payload as received (an MLLP frame's content).
    public var bytes: [UInt8]
    /// Time from the end of sending to the arrival of this response.
    public var elapsed: Duration
    /// What ``HL7RuleSet/judgeMessage(_:subject:)`` found in the payload.
    public var verdicts: MessageVerdicts

    public init(bytes: [UInt8], elapsed: Duration, verdicts: MessageVerdicts) {
        self.bytes = bytes
        self.elapsed = elapsed
        self.verdicts = verdicts
    }
}
