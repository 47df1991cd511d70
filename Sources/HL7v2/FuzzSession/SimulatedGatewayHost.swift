import MedConformCore
import Transports

/// The gateway simulator as a fuzz campaign needs it: on its own loopback port, restartable,
/// and down for good once it has crashed, the way a device that crashed refuses connections
/// until someone restarts it.
final class SimulatedGatewayHost {
    let selection: SimulatorSelection
    let lateBy: Duration
    private(set) var address = NetworkAddress(host: "127.0.0.1", port: 0)
    private var gateway: GatewayServer?
    let log: @Sendable (String) -> Void

    init(selection: SimulatorSelection, lateBy: Duration, log: @escaping @Sendable (String) -> Void) {
        self.selection = selection
        self.lateBy = lateBy
        self.log = log
    }

    /// Stops the running instance and starts a new one on a new port.
    func restart() throws(TransportError) {
        stop()
        let gateway = try HL7GatewaySimulator.startOnLoopback(selection, lateBy: lateBy, log: log)
        self.gateway = gateway
        address = gateway.address
    }

    func stop() {
        // Not waited for: an instance blocked on a connection the campaign has already closed
        // ends by itself, and a campaign must not wait on a simulator that hangs on purpose.
        gateway?.stop()
        gateway = nil
    }
}
