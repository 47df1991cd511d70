import Foundation
import NIOCore

/// An established TCP connection carrying raw bytes.
///
/// Every wait is bounded. Inbound bytes are read off the socket by one internal task into a
/// queue of at most ``maxBufferedBytes`` (all buffers counted); when it is full the socket is no
/// longer read and TCP flow control makes the peer wait, so a flooding peer cannot grow memory.
/// A `read` that times out or is cancelled loses nothing: bytes arriving later go to the next read.
///
/// Cancelling the calling task makes a pending `read` or `write` throw ``TransportError/cancelled``
/// promptly. A `write` that times out or is cancelled closes the connection, since an unknown part
/// of its bytes may already be on the wire and the stream can no longer be framed.
///
/// Peers may half-close: after their end-of-stream, reads return `nil` and writes still work
/// until either side closes. Drop or ``close()`` the connection when done.
public final class TCPConnection: Sendable {
    /// The peer's address, as `127.0.0.1:54321` or `[::1]:54321`.
    public let remote: String
    /// This side's address, in the same form.
    public let local: String
    /// The cap on inbound bytes held without being read.
    public let maxBufferedBytes: Int

    private let channel: any Channel
    private let inbound: BoundedQueue<ByteBuffer>
    private let gauge: ByteGauge
    private let writeTimeout: Duration

    init(_ prepared: PreparedChannel, options: TCPOptions) {
        channel = prepared.channel
        remote = prepared.channel.remoteAddress.hostPortText
        local = prepared.channel.localAddress.hostPortText
        maxBufferedBytes = prepared.budget.total
        gauge = prepared.gauge
        writeTimeout = options.writeTimeout
        let chunk = prepared.budget.chunk
        inbound = BoundedQueue(
            capacity: prepared.budget.queueCapacity,
            cost: { $0.readableBytes },
            merge: { last, arriving in
                guard last.readableBytes + arriving.readableBytes <= chunk else { return false }
                var arriving = arriving
                last.writeBuffer(&arriving)
                return true
            }
        )
        let wrapped = prepared.wrapped
        let inbound = self.inbound
        // Ends when the channel closes; holds no reference to `self`, so dropping the connection closes it.
        Task { await Self.pump(wrapped, into: inbound) }
    }

    deinit {
        inbound.close()
        channel.close(promise: nil)
    }

    /// Inbound bytes received but not yet read, counting NIO's buffers too. For tests and diagnostics.
    public var bufferedByteCount: Int { gauge.current }
    /// The largest ``bufferedByteCount`` seen so far.
    public var peakBufferedByteCount: Int { gauge.peak }

    /// Reads currently waiting; lets tests check that timed-out reads leave nothing behind.
    var waitingReaderCount: Int { inbound.waitingCount }

    /// Sends bytes, waiting until the kernel has taken them, at most ``TCPOptions/writeTimeout``.
    /// - Throws: ``TransportError/closed`` or ``TransportError/reset(reason:)`` if the peer is gone,
    ///   ``TransportError/writeTimeout(limit:)`` if it stopped reading, ``TransportError/cancelled``.
    public func write(_ bytes: [UInt8]) async throws(TransportError) {
        try await write(bytes, timeout: writeTimeout)
    }

    /// Sends bytes, waiting at most `timeout` until the kernel has taken them.
    public func write(_ bytes: [UInt8], timeout: Duration) async throws(TransportError) {
        if case .closed? = inbound.ending { throw .closed }
        if Task.isCancelled { throw .cancelled }
        guard !bytes.isEmpty else { return }
        let channel = self.channel
        let buffer = channel.allocator.buffer(bytes: bytes)
        let outcome = await OneShot<Result<Void, any Error>>.wait(limit: timeout, on: channel.eventLoop) { shot in
            channel.writeAndFlush(buffer).whenComplete { shot.resolve(.value($0)) }
        }
        switch outcome {
        case .value(.success):
            return
        case .value(.failure(let error)):
            throw writeFailure(error)
        case .timedOut:
            await close()
            throw .writeTimeout(limit: timeout)
        case .cancelled:
            await close()
            throw .cancelled
        }
    }

    /// The next chunk of bytes as received (any size up to 64 KiB, small segments coalesced),
    /// or `nil` once the peer has closed cleanly (end-of-stream) and everything before it was read.
    /// A zero `timeout` only takes what has already arrived.
    /// - Throws: ``TransportError/timeout(limit:)`` if nothing arrives within `timeout` (the
    ///   connection stays usable), ``TransportError/reset(reason:)`` on a connection reset (after
    ///   the bytes that came before it), ``TransportError/closed`` after ``close()``,
    ///   ``TransportError/cancelled``.
    public func read(timeout: Duration) async throws(TransportError) -> [UInt8]? {
        switch await inbound.next(until: .now + timeout, on: channel.eventLoop) {
        case .element(let buffer):
            gauge.remove(buffer.readableBytes)
            return Array(buffer.readableBytesView)
        case .ended(.finished):
            return nil
        case .ended(.failed(let error)):
            throw error
        case .ended(.closed):
            throw .closed
        case .timedOut:
            throw .timeout(limit: timeout)
        case .cancelled:
            throw .cancelled
        }
    }

    /// Half-closes: the peer reads end-of-stream, while this side can still read. Idempotent.
    public func closeOutput() async {
        try? await channel.close(mode: .output).get()
    }

    /// Closes both directions, dropping unread bytes. Idempotent.
    public func close() async {
        inbound.close()
        gauge.reset()
        channel.close(promise: nil)
        try? await channel.closeFuture.get()
    }

    /// Closes abortively: `SO_LINGER` 0 makes the kernel send a reset (RST) instead of a clean
    /// end-of-stream, which is how a crashing peer looks to the other side.
    public func abort() async {
        if let options = channel as? any SocketOptionProvider {
            try? await options.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        await close()
    }

    private func writeFailure(_ error: any Error) -> TransportError {
        switch inbound.ending {
        case .closed?, .finished?: return .closed
        case .failed(let failure)?: return failure
        case nil: return FailureReason.streamFailure(error)
        }
    }

    /// Moves inbound chunks from NIO's stream into `inbound`, pausing while it is full.
    private static func pump(_ wrapped: NIOAsyncChannel<ByteBuffer, ByteBuffer>, into inbound: BoundedQueue<ByteBuffer>) async {
        try? await wrapped.executeThenClose { stream, _ in
            do {
                for try await chunk in stream where inbound.push(chunk) {
                    await inbound.waitForSpace()
                }
                inbound.finish(.finished)
            } catch {
                inbound.finish(.failed(FailureReason.streamFailure(error)))
            }
            // After the peer's half-close the channel stays open for writing; leaving this scope
            // would close it, so wait until either side closes it.
            try? await wrapped.channel.closeFuture.get()
        }
    }
}
