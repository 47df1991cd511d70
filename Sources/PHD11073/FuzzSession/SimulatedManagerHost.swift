import MedConformCore
import Transports

/// The simulated manager as an agent-role campaign needs it: on its own loopback port, each
/// connection served by its own run, and once it has crashed, refusing connections until the
/// campaign restarts it.
final class SimulatedManagerHost {
    let manager: PHDManagerSimulator
    let responseTimeout: Duration
    let log: @Sendable (String) -> Void
    private var listener: TCPListener?
    private var serving: Task<PHDManagerRunEnd, Never>?
    private var crashed = false

    init(selection: SimulatorSelection, responseTimeout: Duration, log: @escaping @Sendable (String) -> Void) {
        manager = PHDManagerSimulator(seed: selection.seed, faults: selection.faults.compactMap(PHDManagerFault.init(rawValue:)))
        // The manager's own waits (for a configuration report, a GET answer) must not end an
        // association while the harness still judges a case on it.
        self.responseTimeout = responseTimeout + .seconds(60)
        self.log = log
    }

    func restart() async throws(TransportError) {
        await stop()
        listener = try await TCP.listen(on: PHDLink.loopback)
        crashed = false
    }

    /// A new connection to the manager, served from its first byte.
    func connect(timeout: Duration) async throws(TransportError) -> APDUChannel {
        await endPrevious()
        guard let listener else { throw .connectFailed(address: "phd-manager simulator", reason: "the simulator is not running") }
        let address = NetworkAddress(host: "127.0.0.1", port: listener.port)
        guard !crashed else { throw .connectFailed(address: address.description, reason: "connection refused (the simulated manager crashed)") }
        let client = try await TCP.connect(to: address, timeout: timeout)
        let server = try await listener.accept(timeout: timeout)
        let manager = manager
        let responseTimeout = responseTimeout
        let log = log
        serving = Task { await manager.serve(on: APDUChannel(connection: server), responseTimeout: responseTimeout, log: log) }
        return APDUChannel(connection: client)
    }

    /// Ends the previous connection's run and learns whether it crashed.
    private func endPrevious() async {
        guard let serving else { return }
        serving.cancel()
        if await serving.value.reason == .crashed {
            log("the simulated manager crashed; it refuses connections until restarted")
            crashed = true
        }
        self.serving = nil
    }

    func stop() async {
        await endPrevious()
        await listener?.close()
        listener = nil
    }
}
