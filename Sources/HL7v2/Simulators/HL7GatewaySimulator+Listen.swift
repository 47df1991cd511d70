import MedConformCore
import Transports

extension HL7GatewaySimulator {
    /// Serves the connections `listener` accepts, one after another, with ``serve(_:log:)``,
    /// until the task is cancelled or the gateway crashes.
    ///
    /// A crashed gateway (``HL7GatewayFault/crashOnHexEscape``) stops `listener` before
    /// returning: the port of a crashed device refuses connections, where an open listener
    /// would still complete the handshake and leave the peer waiting.
    /// - Returns: ``ServeEnd/crashed`` when the gateway crashed, ``ServeEnd/closed`` when cancelled.
    /// - Throws: A failure to accept other than a timeout; the listener is then left open.
    func serveConnections<Acceptor: MLLPAcceptor>(on listener: Acceptor, maxFrameBytes: Int, log: @Sendable (String) -> Void)
        async throws(TransportError) -> ServeEnd {
        while !Task.isCancelled {
            let link: Acceptor.Link
            do {
                link = try await listener.acceptLink(maxFrameBytes: maxFrameBytes)
            } catch .acceptTimeout {
                continue
            }
            // Without the peer's port, which changes from run to run and would reach the reports.
            log("gateway: connection accepted")
            let end = await serve(link, log: log)
            if end == .crashed {
                log("gateway: crashed; it refuses connections until restarted")
                await listener.stopListening()
                return .crashed
            }
        }
        return .closed
    }

    /// A gateway for `selection` on a fresh loopback port, serving connections one after
    /// another from a thread of its own until stopped or crashed (which closes the port).
    static func startOnLoopback(_ selection: SimulatorSelection, lateBy: Duration, log: @escaping @Sendable (String) -> Void)
        throws(TransportError) -> GatewayServer {
        let gateway = HL7GatewaySimulator(seed: selection.seed, faults: selection.faults.compactMap(HL7GatewayFault.init(rawValue:)),
                                          lateBy: lateBy)
        return try GatewayServer.start(gateway, maxFrameBytes: 16 << 20, log: log)
    }
}
