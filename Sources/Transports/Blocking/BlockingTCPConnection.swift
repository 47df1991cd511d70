#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MedConformCore

/// A TCP connection driven by plain POSIX calls on the caller's thread: no event loop, no task
/// switch per read or write. A fuzz campaign exchanges tens of thousands of small messages a
/// second over loopback, and there the hand-offs between an event loop and tasks cost more
/// than the exchange itself.
///
/// Every wait has a deadline and also ends when the calling task is cancelled. Nagle's
/// algorithm is off, and writing to a connection the peer has closed reports an error instead
/// of raising `SIGPIPE`.
///
/// One thread (or task) should use a connection at a time; only ``shutdown()`` may be called
/// from elsewhere, to wake it.
///
/// ```swift
/// let connection = try BlockingTCPConnection.connect(to: address, timeout: .seconds(1))
/// try connection.write(frame, timeout: .seconds(10))
/// var buffer = [UInt8](repeating: 0, count: 65_536)
/// let count = try connection.read(into: &buffer, timeout: .seconds(2))   // 0: the peer closed
/// ```
public final class BlockingTCPConnection: @unchecked Sendable {
    // @unchecked: `descriptor` never changes, and `closed` is only touched under `state`'s lock,
    // which `close`, `abort` and `shutdown` take, so a descriptor is never closed twice nor
    // shut down after it was closed (when its number may already belong to another socket).
    private let descriptor: Int32
    private let state = LockedBox(false)
    /// The peer's address, as `127.0.0.1:54321`.
    public let remote: String

    init(descriptor: Int32, remote: String) {
        self.descriptor = descriptor
        self.remote = remote
        SocketCalls.setNoDelay(descriptor)
    }

    deinit {
        close()
    }

    /// Connects to `address` within `timeout`, trying each address the host resolves to.
    /// - Throws: ``TransportError/connectFailed(address:reason:)`` (refused, unreachable, unknown
    ///   host), ``TransportError/connectTimeout(address:limit:)``, or ``TransportError/cancelled``.
    public static func connect(to address: NetworkAddress, timeout: Duration) throws(TransportError) -> BlockingTCPConnection {
        let target = address.description
        let deadline = ContinuousClock.now + timeout
        let candidates: [SocketCalls.Resolved]
        do {
            candidates = try SocketCalls.resolve(host: address.host, port: address.port, passive: false)
        } catch {
            throw .connectFailed(address: target, reason: error.reason)
        }
        var lastReason = "no address to connect to"
        for candidate in candidates {
            let descriptor = SocketCalls.socket(family: candidate.family)
            guard descriptor >= 0 else {
                lastReason = FailureReason.errnoText(errno)
                continue
            }
            var storage = candidate.storage
            let started = withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { posixConnect(descriptor, $0, candidate.length) }
            }
            var failure: Int32 = started == 0 ? 0 : errno
            if failure == EINPROGRESS || failure == EINTR {
                switch SocketCalls.wait(descriptor, for: Int16(POLLOUT), until: deadline) {
                case .ready:
                    var code: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    failure = getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &length) == 0 ? code : errno
                case .timedOut:
                    _ = posixClose(descriptor)
                    throw .connectTimeout(address: target, limit: timeout)
                case .cancelled:
                    _ = posixClose(descriptor)
                    throw .cancelled
                }
            }
            if failure == 0 {
                return BlockingTCPConnection(descriptor: descriptor, remote: target)
            }
            _ = posixClose(descriptor)
            lastReason = FailureReason.errnoText(failure)
        }
        throw .connectFailed(address: target, reason: lastReason)
    }

    /// Writes all of `bytes`, waiting while the peer's window is full.
    /// - Throws: ``TransportError/writeTimeout(limit:)`` when the peer takes nothing for
    ///   `timeout`, ``TransportError/reset(reason:)`` or ``TransportError/closed`` when it is
    ///   gone, ``TransportError/cancelled``.
    public func write(_ bytes: [UInt8], timeout: Duration) throws(TransportError) {
        if isClosed { throw .closed }
        var offset = 0
        var deadline = ContinuousClock.now + timeout
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { buffer in
                send(descriptor, buffer.baseAddress! + offset, buffer.count - offset, SocketCalls.sendFlags)
            }
            if sent > 0 {
                offset += sent
                // The limit is for a peer that takes nothing, not for a large write.
                deadline = ContinuousClock.now + timeout
                continue
            }
            let code = errno
            if sent < 0 && code == EINTR { continue }
            guard sent < 0, code == EAGAIN || code == EWOULDBLOCK else { throw Self.failure(code) }
            switch SocketCalls.wait(descriptor, for: Int16(POLLOUT), until: deadline) {
            case .ready: continue
            case .timedOut: throw .writeTimeout(limit: timeout)
            case .cancelled: throw .cancelled
            }
        }
    }

    /// Reads what has arrived into `buffer` (at most its size), waiting up to `timeout` for the
    /// first byte. Returns the count read; 0 means the peer closed the connection.
    /// - Throws: ``TransportError/timeout(limit:)``, ``TransportError/reset(reason:)``,
    ///   ``TransportError/closed`` (closed on this side), ``TransportError/cancelled``.
    public func read(into buffer: inout [UInt8], timeout: Duration) throws(TransportError) -> Int {
        if isClosed { throw .closed }
        let deadline = ContinuousClock.now + timeout
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count >= 0 { return count }
            let code = errno
            if code == EINTR { continue }
            guard code == EAGAIN || code == EWOULDBLOCK else { throw Self.failure(code) }
            switch SocketCalls.wait(descriptor, for: Int16(POLLIN), until: deadline) {
            case .ready: continue
            case .timedOut: throw .timeout(limit: timeout)
            case .cancelled: throw .cancelled
            }
        }
    }

    /// Closes the connection (an orderly FIN). Idempotent.
    public func close() {
        state.withLock { closed in
            guard !closed else { return }
            closed = true
            _ = posixClose(descriptor)
        }
    }

    /// Closes abortively (a TCP reset), the way a crashing peer looks from the other side.
    public func abort() {
        state.withLock { closed in
            guard !closed else { return }
            closed = true
            var linger = PosixLinger(l_onoff: 1, l_linger: 0)
            _ = setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<PosixLinger>.size))
            _ = posixClose(descriptor)
        }
    }

    /// Ends both directions without closing the descriptor: a read or write blocked on another
    /// thread returns at once (a read as the peer closing). Safe from any thread.
    public func shutdown() {
        state.withLock { closed in
            guard !closed else { return }
            _ = posixShutdown(descriptor, Int32(SHUT_RDWR))
        }
    }

    private var isClosed: Bool { state.withLock { $0 } }

    /// The error a failed `send` or `recv` means for the caller.
    private static func failure(_ code: Int32) -> TransportError {
        switch code {
        case EBADF, ENOTCONN: .closed
        case EPIPE: .reset(reason: "the peer closed the connection")
        default: .reset(reason: FailureReason.errnoText(code))
        }
    }
}
