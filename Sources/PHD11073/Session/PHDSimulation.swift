import MedConformCore
import Transports

/// Runs a PHD simulator on its own, as `medconform simulate` asks.
enum PHDSimulation {
    /// A simulated agent connects (or waits for one connection), associates, reports
    /// `request.count` measurements (3 when not given) and releases. The manager serves one
    /// connection, association after association, until the agent closes it.
    static func simulate(_ request: SimulationRequest, log: @escaping @Sendable (String) -> Void) async throws(SimulationError) {
        let selection = request.simulator
        let timeouts = request.timeouts
        if let specialization = PHDSimulators.agent(named: selection.name) {
            guard let agent = PHDAgentSimulator(specialization: specialization, seed: selection.seed, faultNames: selection.faults) else {
                throw .unknownFault(simulator: selection.name, fault: SimulationError.firstUnknown(selection.faults, PHDSimulators.agentDescription(specialization)))
            }
            try await SimulationEndpoint.withConnection(request.endpoint, timeouts: timeouts, log: log) { connection in
                let channel = APDUChannel(connection: connection)
                let end = await agent.run(on: channel, measurements: request.count ?? 3, responseTimeout: timeouts.response, log: log)
                log("agent ended: \(end)")
                await channel.close()
            }
        } else if selection.name == PHDSimulators.manager.name {
            guard let manager = PHDManagerSimulator(seed: selection.seed, faultNames: selection.faults) else {
                throw .unknownFault(simulator: selection.name, fault: SimulationError.firstUnknown(selection.faults, PHDSimulators.manager))
            }
            try await SimulationEndpoint.withConnection(request.endpoint, timeouts: timeouts, log: log) { connection in
                let channel = APDUChannel(connection: connection)
                let end = await manager.serve(on: channel, responseTimeout: timeouts.idle, log: log)
                log("manager ended: \(end)")
                await channel.close()
            }
        } else {
            throw .unknownSimulator(selection.name)
        }
    }
}
