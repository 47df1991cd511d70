import MedConformCore
import Transports

/// The connection to the device for one receiver-role suite, with the simulator behind it
/// when the target names one (``OpenedEndpoint``).
struct DeviceLink: Sendable {
    let channel: MLLPChannel
    let endpoint: OpenedEndpoint

    init(_ endpoint: OpenedEndpoint, maxFrameBytes: Int) {
        self.endpoint = endpoint
        channel = MLLPChannel(connection: endpoint.connection, maxFrameBytes: maxFrameBytes)
    }

    /// Closes the connection and stops the simulator. Idempotent enough for a suite's end.
    func close() async {
        await channel.close()
        await endpoint.stop()
    }

    /// The receiver role: the device (or the monitor simulator) talks first.
    static func openReceiver(_ configuration: HL7SuiteConfiguration, context: SuiteRunContext,
                             log: @escaping @Sendable (String) -> Void) async throws(TransportError) -> DeviceLink {
        let target = context.target
        switch target.endpoint {
        case .simulator(let selection):
            let monitor = HL7MonitorSimulator(seed: selection.seed, faults: selection.faults.compactMap(HL7MonitorFault.init(rawValue:)))
            let count = configuration.messages
            let timeouts = target.timeouts
            let endpoint = try await OpenedEndpoint.simulatorConnecting(timeout: timeouts.connect) { address in
                do {
                    let connection = try await TCP.connect(to: address, timeout: timeouts.connect)
                    let channel = MLLPChannel(connection: connection, maxFrameBytes: 16 << 20)
                    await monitor.run(on: channel, count: count, responseTimeout: timeouts.response, log: log)
                    await channel.close()
                } catch {
                    log("simulator hl7-monitor could not connect: \(error)")
                }
            }
            return DeviceLink(endpoint, maxFrameBytes: target.maxFrameBytes)
        case .listen(let address):
            log("waiting for the device to connect to \(address) (up to \(target.timeouts.idle.secondsWithMilliseconds) s)")
            return DeviceLink(try await OpenedEndpoint.accept(on: address, timeout: target.timeouts.idle), maxFrameBytes: target.maxFrameBytes)
        case .connect(let address):
            return DeviceLink(try await OpenedEndpoint.connect(to: address, timeout: target.timeouts.connect), maxFrameBytes: target.maxFrameBytes)
        }
    }

    /// The sender role: the harness connects to the device (or the gateway simulator).
    /// Returns the address to connect to and the simulator serving it, if any.
    static func startSenderTarget(context: SuiteRunContext, log: @escaping @Sendable (String) -> Void)
        throws(TransportError) -> (address: NetworkAddress, simulator: GatewayServer?) {
        switch context.target.endpoint {
        case .simulator(let selection):
            // One connection after another: a harness reconnects after a device hangs up.
            // A crash closes the listener, so that later connections are refused.
            let gateway = try HL7GatewaySimulator.startOnLoopback(
                selection, lateBy: context.target.timeouts.response + .milliseconds(250), log: log)
            return (gateway.address, gateway)
        case .connect(let address):
            return (address, nil)
        case .listen(let address):
            // Rejected when the profile is loaded; kept total for safety.
            throw TransportError.connectFailed(address: address.description, reason: "the sender role cannot listen")
        }
    }
}
