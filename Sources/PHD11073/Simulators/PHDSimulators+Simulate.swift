import MedConformCore
import Transports

extension PHDSimulators {
    /// Runs one simulator on its own, as `medconform simulate` asks.
    ///
    /// An agent connects (or waits for one connection), sends `request.count` measurements
    /// (10 when not given) and returns. The manager connects and serves that connection, or
    /// listens and serves one connection after another until cancelled.
    /// - Throws: ``SimulationError`` for an unknown simulator or fault, or a transport failure.
    public static func simulate(_ request: SimulationRequest, log: @escaping @Sendable (String) -> Void) async throws(SimulationError) {
        let selection = request.simulator
        let timeouts = request.timeouts
        if let specialization = agent(named: selection.name) {
            guard let simulator = PHDAgentSimulator(specialization: specialization, seed: selection.seed, faultNames: selection.faults) else {
                throw .unknownFault(simulator: selection.name, fault: SimulationError.firstUnknown(selection.faults, agentDescription(specialization)))
            }
            try await withChannel(request.endpoint, timeouts: timeouts, log: log) { channel in
                await simulator.run(on: channel, measurements: request.count ?? 10, responseTimeout: timeouts.response, log: log)
            }
            return
        }
        guard selection.name == manager.name else { throw .unknownSimulator(selection.name) }
        guard let simulator = PHDManagerSimulator(seed: selection.seed, faultNames: selection.faults, idleLimit: timeouts.idle) else {
            throw .unknownFault(simulator: selection.name, fault: SimulationError.firstUnknown(selection.faults, manager))
        }
        switch request.endpoint {
        case .connect:
            try await withChannel(request.endpoint, timeouts: timeouts, log: log) { channel in
                await simulator.serve(on: channel, responseTimeout: timeouts.response, log: log)
            }
        case .listen(let address):
            let listener: TCPListener
            do {
                listener = try await TCP.listen(on: address)
            } catch {
                throw .transport(error)
            }
            log("manager: listening on \(listener.address)")
            // One connection at a time, as a 20601 manager serves one agent per association;
            // a wait for the next agent is bounded by the idle limit, then begins again.
            while !Task.isCancelled {
                let connection: TCPConnection
                do {
                    connection = try await listener.accept(timeout: timeouts.idle)
                } catch {
                    if case .acceptTimeout = error { continue }
                    await listener.close()
                    if error == .cancelled { return }
                    throw .transport(error)
                }
                log("manager: connection from \(connection.remote)")
                await simulator.serve(on: APDUChannel(connection: connection), responseTimeout: timeouts.response, log: log)
            }
            await listener.close()
        }
    }

    /// Runs `body` on an APDU channel over the one connection to the harness.
    private static func withChannel(_ endpoint: SimulationRequest.Endpoint, timeouts: Timeouts, log: @Sendable (String) -> Void,
                                    _ body: (APDUChannel) async -> Void) async throws(SimulationError) {
        try await SimulationEndpoint.withConnection(endpoint, timeouts: timeouts, log: log) { connection in
            await body(APDUChannel(connection: connection))
        }
    }
}
