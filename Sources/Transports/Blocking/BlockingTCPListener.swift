#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MedConformCore

/// A listening TCP socket whose ``accept(timeout:)`` blocks the calling thread: the
/// counterpart of ``BlockingTCPConnection`` for a simulator that serves a campaign.
///
/// ``close()`` may be called from any thread: it stops new connections at once (they are
/// refused) and wakes an accept under way; the descriptor itself is released when the last
/// reference goes, so that a thread still inside `accept` never meets a reused descriptor number.
public final class BlockingTCPListener: @unchecked Sendable {
    // @unchecked: `descriptor` never changes and `closed` is only touched under `state`'s lock.
    private let descriptor: Int32
    private let state = LockedBox(false)
    /// The address listened on, with the port the system chose when 0 was asked for.
    public let address: NetworkAddress
    /// The port listened on.
    public var port: Int { address.port }

    private init(descriptor: Int32, address: NetworkAddress) {
        self.descriptor = descriptor
        self.address = address
    }

    deinit {
        _ = posixClose(descriptor)
    }

    /// Listens on `address` (port 0: a free port; an empty host: every interface).
    /// - Throws: ``TransportError/bindFailed(address:reason:)``.
    public static func listen(on address: NetworkAddress, backlog: Int32 = 128) throws(TransportError) -> BlockingTCPListener {
        let candidates: [SocketCalls.Resolved]
        do {
            candidates = try SocketCalls.resolve(host: address.host, port: address.port, passive: true)
        } catch {
            throw .bindFailed(address: address.description, reason: error.reason)
        }
        var lastReason = "no address to listen on"
        for candidate in candidates {
            let descriptor = SocketCalls.socket(family: candidate.family)
            guard descriptor >= 0 else {
                lastReason = FailureReason.errnoText(errno)
                continue
            }
            SocketCalls.setOption(descriptor, SOL_SOCKET, SO_REUSEADDR, 1)
            var storage = candidate.storage
            let bound = withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, candidate.length) }
            }
            guard bound == 0, posixListen(descriptor, backlog) == 0 else {
                lastReason = FailureReason.errnoText(errno)
                _ = posixClose(descriptor)
                continue
            }
            var local = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            _ = withUnsafeMutablePointer(to: &local) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
            }
            let (_, port) = SocketCalls.describe(local)
            return BlockingTCPListener(descriptor: descriptor, address: NetworkAddress(host: address.host, port: port))
        }
        throw .bindFailed(address: address.description, reason: lastReason)
    }

    /// The next connection, waiting up to `timeout`.
    /// - Throws: ``TransportError/acceptTimeout(address:limit:)``, ``TransportError/closed``
    ///   once ``close()`` was called, ``TransportError/cancelled``, or
    ///   ``TransportError/bindFailed(address:reason:)`` when the listener stopped working.
    public func accept(timeout: Duration) throws(TransportError) -> BlockingTCPConnection {
        let deadline = ContinuousClock.now + timeout
        while true {
            if isClosed { throw .closed }
            var peer = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let accepted = withUnsafeMutablePointer(to: &peer) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { posixAccept(descriptor, $0, &length) }
            }
            if accepted >= 0 {
                SocketCalls.makeNonBlocking(accepted)
                let (host, port) = SocketCalls.describe(peer)
                return BlockingTCPConnection(descriptor: accepted, remote: NetworkAddress(host: host, port: port).description)
            }
            let code = errno
            if isClosed { throw .closed }
            switch code {
            case EINTR, ECONNABORTED, EPROTO:
                continue
            case EAGAIN, EWOULDBLOCK:
                switch SocketCalls.wait(descriptor, for: Int16(POLLIN), until: deadline) {
                case .ready: continue
                case .timedOut: throw .acceptTimeout(address: address.description, limit: timeout)
                case .cancelled: throw .cancelled
                }
            default:
                throw .bindFailed(address: address.description, reason: FailureReason.errnoText(code))
            }
        }
    }

    /// Stops listening: later connection attempts are refused, and an accept under way returns
    /// ``TransportError/closed``. Idempotent; safe from any thread.
    public func close() {
        state.withLock { closed in
            guard !closed else { return }
            closed = true
            _ = posixShutdown(descriptor, Int32(SHUT_RDWR))
        }
    }

    private var isClosed: Bool { state.withLock { $0 } }
}
