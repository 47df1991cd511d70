import MedConformCore

/// Why a TCP operation failed. Every message is written in ``description``.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The connection could not be made: refused, unreachable, unknown host.
    case connectFailed(address: String, reason: String)
    /// No connection within the limit (the peer, or the network, never answered).
    case connectTimeout(address: String, limit: Duration)
    /// The address could not be listened on (in use, not local), or the listener stopped working.
    case bindFailed(address: String, reason: String)
    /// No peer connected within the limit.
    case acceptTimeout(address: String, limit: Duration)
    /// Nothing arrived within the limit.
    case timeout(limit: Duration)
    /// The peer did not take the bytes within the limit: it stopped reading.
    case writeTimeout(limit: Duration)
    /// The connection broke abnormally, e.g. the peer reset it.
    case reset(reason: String)
    /// The connection (or listener) was closed before or during the operation.
    case closed
    /// More bytes arrived than can be held without reading. `TCPConnection` never throws this (it
    /// throttles the peer through TCP flow control instead); framers layered on top use it for
    /// a frame larger than they accept.
    case bufferLimitExceeded(limit: Int)
    /// The calling task was cancelled while the operation waited.
    case cancelled

    public var description: String {
        switch self {
        case .connectFailed(let address, let reason):
            "could not connect to \(address): \(reason)"
        case .connectTimeout(let address, let limit):
            "could not connect to \(address) within \(limit.secondsWithMilliseconds) s"
        case .bindFailed(let address, let reason):
            "could not listen on \(address): \(reason)"
        case .acceptTimeout(let address, let limit):
            "no peer connected to \(address) within \(limit.secondsWithMilliseconds) s"
        case .timeout(let limit):
            "no data arrived within \(limit.secondsWithMilliseconds) s"
        case .writeTimeout(let limit):
            "the peer did not take the data within \(limit.secondsWithMilliseconds) s; it has stopped reading"
        case .reset(let reason):
            "the connection broke: \(reason)"
        case .closed:
            "the connection is closed"
        case .bufferLimitExceeded(let limit):
            "the peer sent more than \(limit) bytes without them being read"
        case .cancelled:
            "the operation was cancelled"
        }
    }
}
