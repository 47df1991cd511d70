import MedConformCore
import Transports

/// The HL7 v2 plugin's reference simulators: their descriptions for the registry and the
/// fault-coverage test, the harness's built-in valid message, and a runner for
/// `medconform simulate`.
public enum HL7Simulators {
    /// The simulated PCD-01 monitor; the harness tests it as the `receiver`.
    public static let monitor = SimulatorDescription(
        name: "hl7-monitor",
        summary: "IHE PCD-01 vital-signs monitor (Device Observation Reporter) sending ORU^R01 over MLLP",
        harnessRole: "receiver",
        faults: HL7MonitorFault.allCases.map { describe($0.name, $0.summary, $0.breaks, $0.fuzzOnly) })

    /// The simulated receiving gateway; the harness tests it as the `sender`.
    public static let gateway = SimulatorDescription(
        name: "hl7-gateway",
        summary: "IHE PCD-01 receiving system that acknowledges ORU^R01 messages over MLLP",
        harnessRole: "sender",
        faults: HL7GatewayFault.allCases.map { describe($0.name, $0.summary, $0.breaks, $0.fuzzOnly) })

    private static func describe(_ name: String, _ summary: String, _ breaks: [String],
                                 _ fuzzOnly: FaultDescription.FuzzOnly?) -> FaultDescription {
        if let fuzzOnly { return FaultDescription(name: name, summary: summary, fuzzOnly: fuzzOnly) }
        return FaultDescription(name: name, summary: summary, breaks: breaks)
    }

    /// Both simulators, in the order `--help` lists them.
    public static let descriptions: [SimulatorDescription] = [monitor, gateway]

    /// The message the harness sends as a conformant observation report when it plays the
    /// sender: the fault-free monitor's message `index` for `seed`. A pure function.
    public static func validObservationReport(seed: UInt64, index: Int) -> [UInt8] {
        HL7MonitorSimulator(seed: seed).message(index: index)
    }

    /// Why a simulation could not start.
    /// Runs one simulator on its own, as `medconform simulate` asks.
    ///
    /// The monitor connects (or waits for one connection), sends `request.count` messages
    /// (10 when not given) and returns. The gateway connects (or listens) and serves one
    /// connection after another until cancelled; with `connect` it serves that one connection.
    /// - Throws: ``SimulationError`` for an unknown simulator or fault, or a transport failure.
    public static func simulate(
        _ request: SimulationRequest, maxFrameBytes: Int = 1 << 20, log: @escaping @Sendable (String) -> Void
    ) async throws(SimulationError) {
        let selection = request.simulator
        let timeouts = request.timeouts
        switch selection.name {
        case monitor.name:
            guard let simulator = HL7MonitorSimulator(seed: selection.seed, faultNames: selection.faults) else {
                throw .unknownFault(simulator: selection.name, fault: SimulationError.firstUnknown(selection.faults, monitor))
            }
            try await withChannel(request.endpoint, timeouts: timeouts, maxFrameBytes: maxFrameBytes, log: log) { channel in
                await simulator.run(on: channel, count: request.count ?? 10, responseTimeout: timeouts.response, log: log)
            }
        case gateway.name:
            guard let simulator = HL7GatewaySimulator(
                seed: selection.seed, faultNames: selection.faults,
                lateBy: timeouts.response + .seconds(1), idleLimit: timeouts.idle)
            else {
                throw .unknownFault(simulator: selection.name, fault: SimulationError.firstUnknown(selection.faults, gateway))
            }
            switch request.endpoint {
            case .connect:
                try await withChannel(request.endpoint, timeouts: timeouts, maxFrameBytes: maxFrameBytes, log: log) { channel in
                    await simulator.serve(channel, log: log)
                }
            case .listen(let address):
                // Blocking sockets on a thread of their own, as in-process: a fuzzer's cases
                // cost this process two wake-ups each, not an event loop's hand-offs.
                let server: GatewayServer
                do {
                    server = try GatewayServer.start(simulator, on: address, maxFrameBytes: maxFrameBytes, log: log)
                } catch {
                    throw .transport(error)
                }
                log("gateway: listening on \(server.address)")
                let failure = await withTaskCancellationHandler {
                    await server.finished()
                } onCancel: {
                    server.stop()
                }
                server.stop()
                if let failure { throw .transport(failure) }
            }
        default:
            throw .unknownSimulator(selection.name)
        }
    }

    /// Runs `body` on an MLLP channel over the one connection to the harness.
    private static func withChannel(
        _ endpoint: SimulationRequest.Endpoint, timeouts: Timeouts, maxFrameBytes: Int,
        log: @Sendable (String) -> Void, _ body: (MLLPChannel) async -> Void
    ) async throws(SimulationError) {
        try await SimulationEndpoint.withConnection(endpoint, timeouts: timeouts, log: log) { connection in
            await body(MLLPChannel(connection: connection, maxFrameBytes: maxFrameBytes))
        }
    }
}
