import Transports

/// An MLLP connection as the simulators and the campaign use it, whichever transport carries
/// it: ``MLLPChannel`` over SwiftNIO, or ``BlockingMLLPChannel`` over plain sockets on a
/// thread of its own. Both hand out the same ``MLLPEvent``s for the same bytes.
public protocol MLLPLink {
    /// Frames `payload` (0x0B payload 0x1C 0x0D) and writes it.
    func send(_ payload: [UInt8]) async throws(TransportError)
    /// Writes `bytes` exactly as given, without framing: for faults and fuzzing.
    func sendRaw(_ bytes: [UInt8]) async throws(TransportError)
    /// The next frame, framing problem, end of the connection, timeout or failure.
    func receive(timeout: Duration) async -> MLLPEvent
    /// Closes the connection in both directions. Idempotent.
    func close() async
    /// Closes abortively (TCP reset).
    func abort() async
}

extension MLLPChannel: MLLPLink {}

/// Where a gateway that serves one connection after another takes them from.
protocol MLLPAcceptor {
    associatedtype Link: MLLPLink
    /// The next connection, wrapped for MLLP; waits long, so a timeout only means "try again".
    func acceptLink(maxFrameBytes: Int) async throws(TransportError) -> Link
    /// Stops listening: later connections are refused.
    func stopListening() async
}

extension TCPListener: MLLPAcceptor {
    func acceptLink(maxFrameBytes: Int) async throws(TransportError) -> MLLPChannel {
        MLLPChannel(connection: try await accept(timeout: .seconds(3600)), maxFrameBytes: maxFrameBytes)
    }

    func stopListening() async {
        await close()
    }
}

extension BlockingTCPListener: MLLPAcceptor {
    func acceptLink(maxFrameBytes: Int) async throws(TransportError) -> BlockingMLLPChannel {
        BlockingMLLPChannel(connection: try accept(timeout: .seconds(3600)), maxFrameBytes: maxFrameBytes)
    }

    func stopListening() async {
        close()
    }
}
