/// How ``PHDAgentSimulator/run(on:measurements:responseTimeout:log:trace:)`` ended.
public enum PHDAgentRunEnd: Sendable, Hashable, CustomStringConvertible {
    /// Every measurement was sent and the agent's release request was answered.
    case finished
    /// The manager asked for the release and the agent answered it.
    case releasedByManager
    /// The manager rejected the association.
    case rejected(AssociateResult)
    /// The manager did not accept the configuration report; the agent aborted.
    case configurationRejected(ConfigResult)
    /// The manager aborted the association.
    case abortedByManager(AbortReason)
    /// The agent aborted in the middle of configuring, as ``PHDAgentFault/abortMidConfiguration`` does.
    case abortedMidConfiguration
    /// Nothing came in time for what the agent waited for; it aborted.
    case timedOut(waitingFor: String)
    /// The manager sent bytes that are no APDU; the agent aborted.
    case malformedAnswer(MDERDecodingError)
    /// The manager sent a well-formed APDU the agent did not expect there; the agent aborted.
    case unexpectedAnswer(String)
    /// With ``PHDAgentFault/noReleaseResponse``: the agent waited instead of releasing until
    /// the manager ended the connection or the wait limit passed.
    case waitedInsteadOfReleasing
    /// The manager closed the connection.
    case peerClosed
    /// The connection failed.
    case connectionFailed
    /// The task was cancelled.
    case cancelled
    /// A fuzz-only fault crashed the agent: it reset the connection and connects no more.
    case crashed

    /// One line for logs and test messages.
    public var description: String {
        switch self {
        case .finished: "finished: all measurements sent and released"
        case .releasedByManager: "released at the manager's request"
        case .rejected(let result): "association rejected: \(result.name ?? "result \(result.rawValue)")"
        case .configurationRejected(let result): "configuration not accepted: \(result.name ?? "result \(result.rawValue)")"
        case .abortedByManager(let reason): "aborted by the manager: \(reason.name ?? "reason \(reason.rawValue)")"
        case .abortedMidConfiguration: "aborted by the agent in the middle of configuring (fault)"
        case .timedOut(let what): "no \(what) in time; the agent aborted"
        case .malformedAnswer(let error): "malformed APDU from the manager (\(error)); the agent aborted"
        case .unexpectedAnswer(let what): "unexpected \(what); the agent aborted"
        case .waitedInsteadOfReleasing: "waited instead of releasing (fault)"
        case .peerClosed: "the manager closed the connection"
        case .connectionFailed: "the connection failed"
        case .cancelled: "cancelled"
        case .crashed: "crashed (fuzz-only fault)"
        }
    }
}
