import MedConformCore
import NIOCore
import NIOPosix

/// Opening TCP connections and listeners.
///
/// All sockets use `TCP_NODELAY` (acknowledgements must not wait for Nagle's algorithm) and a
/// bounded receive buffer; listeners use `SO_REUSEADDR`.
public enum TCP {
    /// Connects to `address`, giving up after `timeout`.
    /// - Throws: ``TransportError/connectFailed(address:reason:)`` (refused, unreachable, unknown
    ///   host), ``TransportError/connectTimeout(address:limit:)``, ``TransportError/cancelled``.
    ///   On cancellation this returns at once; the attempt itself ends by `timeout` at the latest,
    ///   and a connection it still makes is closed.
    public static func connect(
        to address: NetworkAddress,
        timeout: Duration,
        options: TCPOptions = TCPOptions()
    ) async throws(TransportError) -> TCPConnection {
        let target = address.description
        if Task.isCancelled { throw .cancelled }
        let budget = BufferBudget(maxBufferedBytes: options.maxBufferedBytes)
        let group = options.eventLoopGroup
        let outcome = await OneShot<Result<PreparedChannel, any Error>>.wait(limit: timeout, on: group.next()) { shot in
            // NIO's async connect ignores cancellation, so it runs on its own, bounded by the
            // connect timeout, and this caller stops waiting for it when cancelled.
            Task {
                do {
                    let prepared = try await ClientBootstrap(group: group)
                        .connectTimeout(TimeAmount(timeout))
                        .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                        .channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(budget.receiveBuffer))
                        .channelOption(.allowRemoteHalfClosure, value: true)
                        .channelOption(.maxMessagesPerRead, value: UInt(BufferBudget.maxMessagesPerRead))
                        .channelOption(.recvAllocator, value: budget.recvAllocator)
                        .connect(host: address.host, port: address.port) { channel in
                            channel.eventLoop.makeCompletedFuture {
                                try PreparedChannel(wrapping: channel, budget: budget)
                            }
                        }
                    if !shot.resolve(.value(.success(prepared))) { prepared.discard() }
                } catch {
                    shot.resolve(.value(.failure(error)))
                }
            }
        }
        switch outcome {
        case .value(.success(let prepared)):
            return TCPConnection(prepared, options: options)
        case .value(.failure(let error)):
            if let error = error as? ChannelError, case .connectTimeout = error {
                throw .connectTimeout(address: target, limit: timeout)
            }
            throw .connectFailed(address: target, reason: FailureReason.of(error))
        case .timedOut:
            throw .connectTimeout(address: target, limit: timeout)
        case .cancelled:
            throw .cancelled
        }
    }

    /// Listens on `address`; port 0 picks a free port (read it back from ``TCPListener/port``).
    /// - Throws: ``TransportError/bindFailed(address:reason:)``.
    public static func listen(
        on address: NetworkAddress,
        options: TCPOptions = TCPOptions()
    ) async throws(TransportError) -> TCPListener {
        let budget = BufferBudget(maxBufferedBytes: options.maxBufferedBytes)
        let capacity = max(1, options.maxPendingConnections)
        let pending = BoundedQueue<PreparedChannel>(capacity: capacity, cost: { _ in 1 })
        do {
            // The classic bind, not the async one: NIO's async server stream can drop a freshly
            // accepted NIOAsyncChannel when the listener closes at that moment, which traps
            // (swift-nio #2637, #3481). Here each accepted channel is owned by `pending` from its
            // initializer on.
            let server = try await ServerBootstrap(group: options.eventLoopGroup)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .serverChannelOption(.backlog, value: Int32(clamping: capacity))
                .serverChannelOption(.maxMessagesPerRead, value: 1)
                // Set on the listening socket so accepted sockets inherit it before the handshake.
                .serverChannelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(budget.receiveBuffer))
                .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
                .childChannelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(budget.receiveBuffer))
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .childChannelOption(.maxMessagesPerRead, value: UInt(BufferBudget.maxMessagesPerRead))
                .childChannelOption(.recvAllocator, value: budget.recvAllocator)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        TCPListener.enqueue(try PreparedChannel(wrapping: channel, budget: budget), into: pending)
                    }
                }
                .bind(host: address.host, port: address.port)
                .get()
            return TCPListener(server, pending: pending, requested: address, options: options)
        } catch {
            throw .bindFailed(address: address.description, reason: FailureReason.of(error))
        }
    }
}
