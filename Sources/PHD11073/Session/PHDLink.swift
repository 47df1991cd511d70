import MedConformCore
import Transports

/// The connection to the device for one PHD suite, with the simulator behind it when the
/// target names one. Simulators run in-process over real loopback TCP, so the harness uses
/// the same framing and transport as with a real device.
struct PHDLink: Sendable {
    let channel: APDUChannel
    let simulator: Task<Void, Never>?
    let listener: TCPListener?

    func close() async {
        await channel.close()
        simulator?.cancel()
        await simulator?.value
        await listener?.close()
    }

    static let loopback = NetworkAddress(host: "127.0.0.1", port: 0)

    /// The manager role: the agent connects to the harness (as PHD agents do over IP), or the
    /// harness connects to an agent that listens.
    static func openAsManager(_ configuration: PHDSuiteConfiguration, context: SuiteRunContext,
                              log: @escaping @Sendable (String) -> Void) async throws(TransportError) -> PHDLink {
        let target = context.target
        switch target.endpoint {
        case .simulator(let selection):
            let listener = try await TCP.listen(on: loopback)
            let address = NetworkAddress(host: "127.0.0.1", port: listener.port)
            let specialization = PHDSimulators.agent(named: selection.name) ?? .pulseOximeter
            let agent = PHDAgentSimulator(specialization: specialization, seed: selection.seed,
                                          faults: selection.faults.compactMap(PHDAgentFault.init(rawValue:)))
            let measurements = configuration.measurements
            let response = configuration.timeouts.operating
            let connect = target.timeouts.connect
            let task = Task {
                do {
                    let channel = APDUChannel(connection: try await TCP.connect(to: address, timeout: connect))
                    let end = await agent.run(on: channel, measurements: measurements, responseTimeout: response, log: log)
                    log("agent ended: \(end)")
                    await channel.close()
                } catch {
                    log("the simulated agent could not connect: \(error)")
                }
            }
            do {
                let connection = try await listener.accept(timeout: connect)
                return PHDLink(channel: APDUChannel(connection: connection), simulator: task, listener: listener)
            } catch {
                task.cancel()
                await task.value
                await listener.close()
                throw error
            }
        case .listen(let address):
            let listener = try await TCP.listen(on: address)
            log("waiting for the agent to connect to \(address) (up to \(target.timeouts.idle.secondsWithMilliseconds) s)")
            do {
                let connection = try await listener.accept(timeout: target.timeouts.idle)
                return PHDLink(channel: APDUChannel(connection: connection), simulator: nil, listener: listener)
            } catch {
                await listener.close()
                throw error
            }
        case .connect(let address):
            let connection = try await TCP.connect(to: address, timeout: target.timeouts.connect)
            return PHDLink(channel: APDUChannel(connection: connection), simulator: nil, listener: nil)
        }
    }

    /// The agent role: the harness connects to the manager (or the simulated one).
    static func openAsAgent(context: SuiteRunContext, responseTimeout: Duration,
                            log: @escaping @Sendable (String) -> Void) async throws(TransportError) -> PHDLink {
        let target = context.target
        switch target.endpoint {
        case .simulator(let selection):
            let listener = try await TCP.listen(on: loopback)
            let manager = PHDManagerSimulator(seed: selection.seed, faults: selection.faults.compactMap(PHDManagerFault.init(rawValue:)))
            let task = Task {
                // One connection: the suite runs every association it needs on it.
                guard let connection = try? await listener.accept(timeout: target.timeouts.connect) else { return }
                let channel = APDUChannel(connection: connection)
                let end = await manager.serve(on: channel, responseTimeout: responseTimeout + .seconds(60), log: log)
                log("manager ended: \(end)")
                await channel.close()
            }
            do {
                let connection = try await TCP.connect(to: NetworkAddress(host: "127.0.0.1", port: listener.port), timeout: target.timeouts.connect)
                return PHDLink(channel: APDUChannel(connection: connection), simulator: task, listener: listener)
            } catch {
                task.cancel()
                await task.value
                await listener.close()
                throw error
            }
        case .connect(let address):
            let connection = try await TCP.connect(to: address, timeout: target.timeouts.connect)
            return PHDLink(channel: APDUChannel(connection: connection), simulator: nil, listener: nil)
        case .listen(let address):
            let listener = try await TCP.listen(on: address)
            log("waiting for the manager to connect to \(address) (up to \(target.timeouts.idle.secondsWithMilliseconds) s)")
            do {
                let connection = try await listener.accept(timeout: target.timeouts.idle)
                return PHDLink(channel: APDUChannel(connection: connection), simulator: nil, listener: listener)
            } catch {
                await listener.close()
                throw error
            }
        }
    }
}
