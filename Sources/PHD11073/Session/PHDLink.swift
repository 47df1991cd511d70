import MedConformCore
import Transports

/// The connection to the device for one PHD suite, with the simulator behind it when the
/// target names one (``OpenedEndpoint``).
struct PHDLink: Sendable {
    let channel: APDUChannel
    let endpoint: OpenedEndpoint

    init(_ endpoint: OpenedEndpoint) {
        self.endpoint = endpoint
        channel = APDUChannel(connection: endpoint.connection)
    }

    func close() async {
        await channel.close()
        await endpoint.stop()
    }

    /// The manager role: the agent connects to the harness (as PHD agents do over IP), or the
    /// harness connects to an agent that listens.
    static func openAsManager(_ configuration: PHDSuiteConfiguration, context: SuiteRunContext,
                              log: @escaping @Sendable (String) -> Void) async throws(TransportError) -> PHDLink {
        let target = context.target
        switch target.endpoint {
        case .simulator(let selection):
            let specialization = PHDSimulators.agent(named: selection.name) ?? .pulseOximeter
            let agent = PHDAgentSimulator(specialization: specialization, seed: selection.seed,
                                          faults: selection.faults.compactMap(PHDAgentFault.init(rawValue:)))
            let measurements = configuration.measurements
            let response = configuration.timeouts.operating
            let connect = target.timeouts.connect
            return PHDLink(try await OpenedEndpoint.simulatorConnecting(timeout: connect) { address in
                do {
                    let channel = APDUChannel(connection: try await TCP.connect(to: address, timeout: connect))
                    let end = await agent.run(on: channel, measurements: measurements, responseTimeout: response, log: log)
                    log("agent ended: \(end)")
                    await channel.close()
                } catch {
                    log("the simulated agent could not connect: \(error)")
                }
            })
        case .listen(let address):
            log("waiting for the agent to connect to \(address) (up to \(target.timeouts.idle.secondsWithMilliseconds) s)")
            return PHDLink(try await OpenedEndpoint.accept(on: address, timeout: target.timeouts.idle))
        case .connect(let address):
            return PHDLink(try await OpenedEndpoint.connect(to: address, timeout: target.timeouts.connect))
        }
    }

    /// The agent role: the harness connects to the manager (or the simulated one).
    static func openAsAgent(context: SuiteRunContext, responseTimeout: Duration,
                            log: @escaping @Sendable (String) -> Void) async throws(TransportError) -> PHDLink {
        let target = context.target
        switch target.endpoint {
        case .simulator(let selection):
            let manager = PHDManagerSimulator(seed: selection.seed, faults: selection.faults.compactMap(PHDManagerFault.init(rawValue:)))
            let connect = target.timeouts.connect
            return PHDLink(try await OpenedEndpoint.simulatorAccepting(timeout: connect) { listener in
                // One connection: the suite runs every association it needs on it.
                guard let connection = try? await listener.accept(timeout: connect) else { return }
                let channel = APDUChannel(connection: connection)
                let end = await manager.serve(on: channel, responseTimeout: responseTimeout + .seconds(60), log: log)
                log("manager ended: \(end)")
                await channel.close()
            })
        case .connect(let address):
            return PHDLink(try await OpenedEndpoint.connect(to: address, timeout: target.timeouts.connect))
        case .listen(let address):
            log("waiting for the manager to connect to \(address) (up to \(target.timeouts.idle.secondsWithMilliseconds) s)")
            return PHDLink(try await OpenedEndpoint.accept(on: address, timeout: target.timeouts.idle))
        }
    }
}
