import MedConformCore
import Transports

/// The gateway simulator as a fuzz campaign needs it: on its own loopback port, restartable,
/// and down for good once it has crashed, the way a device that crashed refuses connections
/// until someone restarts it.
final class SimulatedGatewayHost {
    let selection: SimulatorSelection
    let lateBy: Duration
    private(set) var address = NetworkAddress(host: "127.0.0.1", port: 0)
    private var listener: TCPListener?
    private var task: Task<Void, Never>?
    let log: @Sendable (String) -> Void

    init(selection: SimulatorSelection, lateBy: Duration, log: @escaping @Sendable (String) -> Void) {
        self.selection = selection
        self.lateBy = lateBy
        self.log = log
    }

    /// Stops the running instance and starts a new one on a new port.
    func restart() async throws(TransportError) {
        await stop()
        let (listener, task) = try await HL7GatewaySimulator.startOnLoopback(selection, lateBy: lateBy, log: log)
        self.listener = listener
        self.task = task
        address = NetworkAddress(host: "127.0.0.1", port: listener.port)
    }

    func stop() async {
        // Not awaited: an instance blocked on a connection the campaign has already closed ends
        // by itself, and a campaign must not wait on a simulator that hangs on purpose.
        task?.cancel()
        await listener?.close()
        task = nil
        listener = nil
    }
}
