import MedConformCore
import Transports

extension HL7GatewaySimulator {
    /// Serves the connections `listener` accepts, one after another, with ``serve(_:log:)``,
    /// until the task is cancelled or the gateway crashes.
    ///
    /// A crashed gateway (``HL7GatewayFault/crashOnHexEscape``) closes `listener` before
    /// returning: the port of a crashed device refuses connections, where an open listener
    /// would still complete the handshake and leave the peer waiting.
    /// - Returns: ``ServeEnd/crashed`` when the gateway crashed, ``ServeEnd/closed`` when cancelled.
    /// - Throws: A failure to accept other than a timeout; the listener is then left open.
    func serveConnections(on listener: TCPListener, maxFrameBytes: Int, log: @Sendable (String) -> Void)
        async throws(TransportError) -> ServeEnd {
        while !Task.isCancelled {
            let connection: TCPConnection
            do {
                connection = try await listener.accept(timeout: .seconds(3600))
            } catch .acceptTimeout {
                continue
            }
            // Without the peer's port, which changes from run to run and would reach the reports.
            log("gateway: connection accepted")
            let end = await serve(MLLPChannel(connection: connection, maxFrameBytes: maxFrameBytes), log: log)
            if end == .crashed {
                log("gateway: crashed; it refuses connections until restarted")
                await listener.close()
                return .crashed
            }
        }
        return .closed
    }

    /// A gateway for `selection` on a fresh loopback port, serving connections one after
    /// another until its task is cancelled or it crashes (which closes the port).
    static func startOnLoopback(_ selection: SimulatorSelection, lateBy: Duration, log: @escaping @Sendable (String) -> Void)
        async throws(TransportError) -> (listener: TCPListener, task: Task<Void, Never>) {
        let listener = try await TCP.listen(on: NetworkAddress(host: "127.0.0.1", port: 0))
        let gateway = HL7GatewaySimulator(seed: selection.seed, faults: selection.faults.compactMap(HL7GatewayFault.init(rawValue:)),
                                          lateBy: lateBy)
        let task = Task {
            _ = try? await gateway.serveConnections(on: listener, maxFrameBytes: 16 << 20, log: log)
        }
        return (listener, task)
    }
}
