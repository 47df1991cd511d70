/// How a fuzzing campaign sees a device fail on one input: what the peer observes on the
/// wire, independent of the protocol.
public enum FuzzFailureClass: String, Sendable, Hashable, CaseIterable {
    /// A new connection is refused.
    case refused
    /// The connection is reset, or closed in the middle of an answer.
    case reset
    /// The connection is closed cleanly without an answer.
    case noAnswer = "no answer"
    /// The connection stays open and nothing comes.
    case timeout
    /// A frame comes that is not a message of the protocol.
    case malformedAnswer = "malformed answer"
    /// A parseable answer that is wrong: a code outside its table, or a reference to another message.
    case wrongAnswer = "wrong answer"
    /// A later valid message is not accepted.
    case probeFailed = "probe failed"

    /// The class as written in catalogues and reports.
    public var name: String { rawValue }
}
