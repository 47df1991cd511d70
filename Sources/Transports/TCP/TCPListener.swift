import MedConformCore
import NIOCore

/// A listening TCP socket handing out inbound connections.
///
/// Accepted connections wait in a queue of ``TCPOptions/maxPendingConnections``; while it is
/// full the listening socket stops accepting, so further peers wait in the kernel's backlog and
/// then their connection attempts stall. Close the listener (or drop it) when done: pending
/// connections nobody took are closed with it.
public final class TCPListener: Sendable {
    /// The address actually bound; its port is the real one when port 0 was asked for.
    public let address: NetworkAddress
    /// The port listened on.
    public var port: Int { address.port }

    private let channel: any Channel
    private let pending: BoundedQueue<PreparedChannel>
    private let options: TCPOptions

    init(_ channel: any Channel, pending: BoundedQueue<PreparedChannel>, requested: NetworkAddress, options: TCPOptions) {
        self.channel = channel
        self.pending = pending
        self.options = options
        let bound = channel.localAddress
        address = NetworkAddress(host: bound?.ipAddress ?? requested.host, port: bound?.port ?? requested.port)
    }

    deinit {
        for connection in pending.close() { connection.discard() }
        channel.close(promise: nil)
    }

    /// Waits for the next inbound connection, at most `timeout`.
    /// - Throws: ``TransportError/acceptTimeout(address:limit:)``, ``TransportError/closed`` after
    ///   ``close()``, ``TransportError/cancelled``.
    public func accept(timeout: Duration) async throws(TransportError) -> TCPConnection {
        let next = await pending.next(until: .now + timeout, on: channel.eventLoop)
        switch next {
        case .element(let prepared):
            Self.regulateAccepting(channel, pending: pending)
            let activation = await OneShot<Result<Void, any Error>>.wait(limit: timeout, on: prepared.channel.eventLoop) { shot in
                prepared.activated.whenComplete { shot.resolve(.value($0)) }
            }
            guard case .value(.success) = activation else {
                prepared.discard()
                if case .cancelled = activation { throw .cancelled }
                throw .closed
            }
            return TCPConnection(prepared, options: options)
        case .ended(.failed(let error)):
            throw error
        case .ended(.finished), .ended(.closed):
            throw .closed
        case .timedOut:
            throw .acceptTimeout(address: address.description, limit: timeout)
        case .cancelled:
            throw .cancelled
        }
    }

    /// Stops listening and closes connections not yet accepted. Accepted connections stay open. Idempotent.
    public func close() async {
        for connection in pending.close() { connection.discard() }
        channel.close(promise: nil)
        try? await channel.closeFuture.get()
    }

    /// Called for every accepted channel, on its event loop, before any byte can arrive on it.
    static func enqueue(_ prepared: PreparedChannel, into pending: BoundedQueue<PreparedChannel>) {
        guard pending.push(prepared) else {
            prepared.discard()
            return
        }
        if let server = prepared.channel.parent {
            regulateAccepting(server, pending: pending)
        }
    }

    /// Accepts only while the queue has room, by switching `autoRead` of the listening socket.
    ///
    /// The decision is taken on the listener's event loop from the queue's state at that moment;
    /// every push and take schedules one, so the last one always sees the latest state.
    private static func regulateAccepting(_ server: any Channel, pending: BoundedQueue<PreparedChannel>) {
        server.eventLoop.execute {
            guard server.isActive else { return }
            server.setOption(ChannelOptions.autoRead, value: !pending.isFullOrEnded).whenFailure { _ in }
        }
    }
}
