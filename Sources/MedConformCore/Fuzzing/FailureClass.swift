/// What went wrong when the device met a fuzz case (fuzzing.md §5.2). One class per case;
/// the class is part of a finding's signature, so two findings of different classes are
/// always reported apart.
public enum FailureClass: String, Sendable, Hashable, Codable, CaseIterable {
    /// The device could not be reached: the connection was refused or never came.
    case refused
    /// The connection was reset, or closed in the middle of an answer.
    case reset
    /// The connection stayed open and nothing came within the response time.
    case timeout
    /// The device closed the connection cleanly without answering.
    case noAnswer = "no-answer"
    /// An answer came that the harness cannot decode (broken framing, not a message).
    case malformedAnswer = "malformed-answer"
    /// An answer came that decodes but is wrong (not an acknowledgement, unknown code,
    /// control ID not echoed).
    case wrongAnswer = "wrong-answer"
    /// The case itself seemed fine, but the known-good probe after it failed: a delayed failure.
    case probeFailed = "probe-failed"

    /// The JUnit `type` token of a failing testcase of this class.
    public var problemKind: ProblemKind {
        switch self {
        case .refused: .deviceUnreachable
        case .reset, .noAnswer: .connectionClosed
        case .timeout: .timeout
        case .malformedAnswer: .malformed
        case .wrongAnswer: .protocolViolation
        case .probeFailed: ProblemKind(rawValue: "ProbeFailed")
        }
    }

    /// One phrase for reasons: "the device reset the connection".
    public var phrase: String {
        switch self {
        case .refused: "the device refused the connection"
        case .reset: "the device reset the connection"
        case .timeout: "the device did not answer in time"
        case .noAnswer: "the device closed the connection without answering"
        case .malformedAnswer: "the device answered with bytes that are not a valid message"
        case .wrongAnswer: "the device answered wrongly"
        case .probeFailed: "the device failed the known-good probe that followed"
        }
    }
}
