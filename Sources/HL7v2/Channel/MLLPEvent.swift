import Transports

/// What ``MLLPChannel/receive(timeout:)`` found next on the connection.
public enum MLLPEvent: Sendable, Equatable {
    /// The payload of one complete frame, without the start and end blocks.
    case frame([UInt8])
    /// A violation of MLLP framing; the decoder has resynchronised and the channel stays usable.
    case problem(MLLPFramingProblem)
    /// The peer closed the connection (or this side did) and every event before it was delivered.
    case closed
    /// Nothing complete arrived within the time given; the channel stays usable.
    case timedOut(Duration)
    /// The connection failed (reset, cancelled); reported after the events that came before it.
    case failed(TransportError)
}
