import MedConformCore
import Transports

/// A simulated agent or manager as a campaign needs it: on its own loopback listener, each
/// case's connection served by a run of its own, and once a run has crashed, no more
/// connections until the campaign restarts it, the way a crashed device stays down until
/// someone power-cycles it.
final class PHDSimulatorHost {
    /// Opens the next connection on the listener and starts the simulator's run on its other
    /// end; the run's result says whether the simulator crashed.
    typealias Opening = (TCPListener, Duration) async throws(TransportError) -> (APDUChannel, Task<Bool, Never>)

    /// `agent` or `manager`, for messages.
    let role: String
    let open: Opening
    let log: @Sendable (String) -> Void
    private var listener: TCPListener?
    private var running: Task<Bool, Never>?
    private var crashed = false

    init(role: String, log: @escaping @Sendable (String) -> Void, open: @escaping Opening) {
        self.role = role
        self.log = log
        self.open = open
    }

    /// The scan reports each run of a simulated agent offers: more than one, so that
    /// acknowledging one is owed the next.
    static let agentMeasurements = 3

    /// A simulated agent: each association a new run, which connects to the harness and talks
    /// first. Its own wait for each answer is shorter than the harness's response time, so that
    /// a conformant agent that ignores a case has aborted before the harness gives up.
    static func agent(_ selection: SimulatorSelection, responseTimeout: Duration,
                      log: @escaping @Sendable (String) -> Void) -> PHDSimulatorHost {
        let agent = PHDAgentSimulator(specialization: PHDSimulators.agent(named: selection.name) ?? .pulseOximeter, seed: selection.seed,
                                      faults: selection.faults.compactMap(PHDAgentFault.init(rawValue:)))
        let agentTimeout = max(.milliseconds(20), responseTimeout / 2)
        return PHDSimulatorHost(role: "agent", log: log) { listener, timeout throws(TransportError) in
            let address = NetworkAddress(host: "127.0.0.1", port: listener.port)
            let run = Task {
                guard let connection = try? await TCP.connect(to: address, timeout: timeout) else { return false }
                let end = await agent.run(on: APDUChannel(connection: connection), measurements: agentMeasurements,
                                          responseTimeout: agentTimeout, log: log)
                return end == .crashed
            }
            do throws(TransportError) {
                return (APDUChannel(connection: try await listener.accept(timeout: timeout)), run)
            } catch {
                run.cancel()
                throw error
            }
        }
    }

    /// The simulated manager: each connection the harness makes served by a new run. The
    /// manager's own waits (for a configuration report, a GET answer) must not end an
    /// association while the harness still judges a case on it.
    static func manager(_ selection: SimulatorSelection, responseTimeout: Duration,
                        log: @escaping @Sendable (String) -> Void) -> PHDSimulatorHost {
        let manager = PHDManagerSimulator(seed: selection.seed, faults: selection.faults.compactMap(PHDManagerFault.init(rawValue:)))
        let managerTimeout = responseTimeout + .seconds(60)
        return PHDSimulatorHost(role: "manager", log: log) { listener, timeout throws(TransportError) in
            let client = try await TCP.connect(to: NetworkAddress(host: "127.0.0.1", port: listener.port), timeout: timeout)
            let server = try await listener.accept(timeout: timeout)
            let run = Task {
                await manager.serve(on: APDUChannel(connection: server), responseTimeout: managerTimeout, log: log).reason == .crashed
            }
            return (APDUChannel(connection: client), run)
        }
    }

    /// Stops the running instance and listens anew; the simulator is up again.
    func restart() async throws(TransportError) {
        await stop()
        listener = try await TCP.listen(on: OpenedEndpoint.loopback)
        crashed = false
    }

    /// The next connection with the simulator, served from its first byte.
    func nextChannel(timeout: Duration) async throws(TransportError) -> APDUChannel {
        await endPrevious()
        guard let listener else { throw .connectFailed(address: "phd \(role) simulator", reason: "the simulator is not running") }
        guard !crashed else {
            throw .connectFailed(address: "127.0.0.1:\(listener.port)", reason: "the simulated \(role) crashed and is down until restarted")
        }
        let (channel, run) = try await open(listener, timeout)
        running = run
        return channel
    }

    /// Ends the previous run (the harness has closed its side already) and learns whether it
    /// crashed; awaited, so that whether the simulator is down never depends on timing.
    private func endPrevious() async {
        guard let running else { return }
        running.cancel()
        if await running.value {
            log("the simulated \(role) crashed; it is down until restarted")
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
