import MedConformCore
import Transports

/// A simulated agent as a manager-role campaign needs it: each association a new run of the
/// agent, which connects to the harness's loopback listener and talks first, and once it has
/// crashed, no more connections until the campaign restarts it, the way a crashed device
/// stays silent until someone power-cycles it.
final class SimulatedAgentHost {
    let agent: PHDAgentSimulator
    /// The agent's own wait for each answer: shorter than the harness's response time, so
    /// that a conformant agent that ignores a case has aborted before the harness gives up.
    let agentTimeout: Duration
    let log: @Sendable (String) -> Void
    private var listener: TCPListener?
    private var running: Task<PHDAgentRunEnd, Never>?
    private var crashed = false

    /// The scan reports each run offers: more than one, so that acknowledging one is owed the next.
    static let measurements = 3

    init(selection: SimulatorSelection, responseTimeout: Duration, log: @escaping @Sendable (String) -> Void) {
        agent = PHDAgentSimulator(specialization: PHDSimulators.agent(named: selection.name) ?? .pulseOximeter, seed: selection.seed,
                                  faults: selection.faults.compactMap(PHDAgentFault.init(rawValue:)))
        agentTimeout = max(.milliseconds(20), responseTimeout / 2)
        self.log = log
    }

    /// Stops the running instance and listens anew; the agent is up again.
    func restart() async throws(TransportError) {
        await stop()
        listener = try await TCP.listen(on: PHDLink.loopback)
        crashed = false
    }

    /// The agent's next association: it connects, and the harness accepts.
    func nextConnection(timeout: Duration) async throws(TransportError) -> APDUChannel {
        await endPrevious()
        guard let listener else { throw .connectFailed(address: "phd agent simulator", reason: "the simulator is not running") }
        let address = NetworkAddress(host: "127.0.0.1", port: listener.port)
        guard !crashed else { throw .connectFailed(address: address.description, reason: "the simulated agent crashed and connects no more") }
        startRun(connectingTo: address, timeout: timeout)
        return APDUChannel(connection: try await listener.accept(timeout: timeout))
    }

    private func startRun(connectingTo address: NetworkAddress, timeout: Duration) {
        let agent = agent
        let agentTimeout = agentTimeout
        let log = log
        running = Task { await SimulatedAgentHost.play(agent, to: address, connectTimeout: timeout, responseTimeout: agentTimeout, log: log) }
    }

    /// One run of the agent: it connects to `address` and plays a whole association.
    static func play(_ agent: PHDAgentSimulator, to address: NetworkAddress, connectTimeout: Duration, responseTimeout: Duration,
                     log: @escaping @Sendable (String) -> Void) async -> PHDAgentRunEnd {
        let connection: TCPConnection
        do {
            connection = try await TCP.connect(to: address, timeout: connectTimeout)
        } catch {
            return .connectionFailed
        }
        return await agent.run(on: APDUChannel(connection: connection), measurements: measurements, responseTimeout: responseTimeout, log: log)
    }

    /// Ends the previous run (the harness has closed its side already) and learns whether it
    /// crashed; awaited, so that whether the agent is down never depends on timing.
    private func endPrevious() async {
        guard let running else { return }
        running.cancel()
        if await running.value == .crashed {
            log("the simulated agent crashed; it connects no more until restarted")
            crashed = true
        }
        self.running = nil
    }

    func stop() async {
        await endPrevious()
        await listener?.close()
        listener = nil
    }
}
