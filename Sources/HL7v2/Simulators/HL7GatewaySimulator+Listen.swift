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
}
