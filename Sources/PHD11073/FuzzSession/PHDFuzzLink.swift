import FuzzCore
import MedConformCore
import Transports

/// The device side that both PHD fuzz targets share: where the device is, the simulator when
/// the profile names one, the listener a `listen:` target keeps between cases, and the one
/// connection of the case under way. Each case and each probe opens a fresh connection.
final class PHDFuzzLink {
    let endpoint: TargetDefinition.Endpoint
    let timeouts: Timeouts
    let settle: Duration
    let clock: MonotonicClock
    let host: PHDSimulatorHost?
    private var listener: TCPListener?
    private var channel: APDUChannel?

    init(target: TargetDefinition, settle: Duration, clock: MonotonicClock, host: PHDSimulatorHost?) {
        endpoint = target.endpoint
        timeouts = target.timeouts
        self.settle = settle
        self.clock = clock
        self.host = host
    }

    /// Closes the current connection and opens the next: the simulator's, one the device makes
    /// to the harness (`listen:`), or one the harness makes (`connect:`).
    func open() async throws(TransportError) -> APDUChannel {
        await drop()
        let opened: APDUChannel
        switch endpoint {
        case .simulator:
            guard let host else { throw .connectFailed(address: "simulator", reason: "no simulator") }
            opened = try await host.nextChannel(timeout: timeouts.connect)
        case .listen(let address):
            if listener == nil { listener = try await TCP.listen(on: address) }
            guard let listener else { throw .closed }
            opened = APDUChannel(connection: try await listener.accept(timeout: timeouts.idle))
        case .connect(let address):
            opened = APDUChannel(connection: try await TCP.connect(to: address, timeout: timeouts.connect))
        }
        channel = opened
        return opened
    }

    /// Closes the current connection, if any.
    func drop() async {
        await channel?.close()
        channel = nil
    }

    /// Closes the connection and brings the device back for the next case (``DeviceRestart``).
    func restart() async -> String? {
        await drop()
        return await DeviceRestart.simulatorOrSettle(host.map { host in { try await host.restart() } }, settle: settle, clock: clock)
    }

    /// Closes everything: the campaign is over.
    func close() async {
        await drop()
        await host?.stop()
        await listener?.close()
        listener = nil
    }
}
