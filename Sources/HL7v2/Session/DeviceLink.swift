import MedConformCore
import Transports

/// Opens the connection to the device for one suite, starting the built-in simulator first
/// when the target names one. The simulator runs in-process but over real loopback TCP, so
/// the same framing and transport code is exercised as with a real device.
struct DeviceLink: Sendable {
    let channel: MLLPChannel
    /// The simulator, when one was started; cancelled and awaited by `close()`.
    let simulator: Task<Void, Never>?
    let listener: TCPListener?

    /// Closes the connection and stops the simulator. Idempotent enough for a suite's end.
    func close() async {
        await channel.close()
        simulator?.cancel()
        await simulator?.value
        await listener?.close()
    }

    static let loopback = NetworkAddress(host: "127.0.0.1", port: 0)

    /// The receiver role: the device (or the monitor simulator) talks first.
    static func openReceiver(_ configuration: HL7SuiteConfiguration, context: SuiteRunContext,
                             log: @escaping @Sendable (String) -> Void) async throws(TransportError) -> DeviceLink {
        let target = context.target
        switch target.endpoint {
        case .simulator(let selection):
            let listener = try await TCP.listen(on: loopback)
            let address = NetworkAddress(host: "127.0.0.1", port: listener.port)
            let monitor = HL7MonitorSimulator(seed: selection.seed, faults: selection.faults.compactMap(HL7MonitorFault.init(rawValue:)))
            let count = configuration.messages
            let timeouts = target.timeouts
            let task = Task {
                do {
                    let connection = try await TCP.connect(to: address, timeout: timeouts.connect)
                    let channel = MLLPChannel(connection: connection, maxFrameBytes: 16 << 20)
                    await monitor.run(on: channel, count: count, responseTimeout: timeouts.response, log: log)
                    await channel.close()
                } catch {
                    log("simulator hl7-monitor could not connect: \(error)")
                }
            }
            do {
                let connection = try await listener.accept(timeout: timeouts.connect)
                return DeviceLink(channel: MLLPChannel(connection: connection, maxFrameBytes: target.maxFrameBytes), simulator: task, listener: listener)
            } catch {
                task.cancel()
                await task.value
                await listener.close()
                throw error
            }
        case .listen(let address):
            let listener = try await TCP.listen(on: address)
            log("waiting for the device to connect to \(address) (up to \(target.timeouts.idle.secondsWithMilliseconds) s)")
            do {
                let connection = try await listener.accept(timeout: target.timeouts.idle)
                return DeviceLink(channel: MLLPChannel(connection: connection, maxFrameBytes: target.maxFrameBytes), simulator: nil, listener: listener)
            } catch {
                await listener.close()
                throw error
            }
        case .connect(let address):
            let connection = try await TCP.connect(to: address, timeout: target.timeouts.connect)
            return DeviceLink(channel: MLLPChannel(connection: connection, maxFrameBytes: target.maxFrameBytes), simulator: nil, listener: nil)
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
