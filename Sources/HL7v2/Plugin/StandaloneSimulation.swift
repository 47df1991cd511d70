import MedConformCore
import Transports

/// `medconform simulate`: a reference simulator on its own, talking to another tool.
enum StandaloneSimulation {
    static func run(_ request: SimulationRequest, log: @escaping @Sendable (String) -> Void) async throws {
        let selection = request.simulator
        switch selection.name {
        case "hl7-monitor":
            let monitor = HL7MonitorSimulator(seed: selection.seed, faults: selection.faults.compactMap(HL7MonitorFault.init(rawValue:)))
            let count = request.count ?? 10
            let channel = try await open(request, log: log)
            log("hl7-monitor: sending \(count) ORU^R01 messages to \(channel.remote)")
            await monitor.run(on: channel, count: count, responseTimeout: request.timeouts.response, log: log)
            await channel.close()
        case "hl7-gateway":
            let gateway = HL7GatewaySimulator(seed: selection.seed, faults: selection.faults.compactMap(HL7GatewayFault.init(rawValue:)),
                                              lateBy: request.timeouts.response + .milliseconds(250))
            switch request.endpoint {
            case .listen(let address):
                let listener = try await TCP.listen(on: address)
                log("hl7-gateway: listening on \(listener.address); Ctrl-C to stop")
                defer { Task { await listener.close() } }
                while !Task.isCancelled {
                    do {
                        let connection = try await listener.accept(timeout: .seconds(3600))
                        log("hl7-gateway: connection from \(connection.remote)")
                        await gateway.serve(MLLPChannel(connection: connection, maxFrameBytes: TargetDefinition.defaultMaxFrameBytes), log: log)
                    } catch {
                        // An idle hour is not a reason to stop; anything else is.
                        guard case .acceptTimeout = error else { throw error }
                    }
                }
            case .connect:
                let channel = try await open(request, log: log)
                await gateway.serve(channel, log: log)
                await channel.close()
            }
        default:
            throw TransportError.connectFailed(address: "-", reason: "unknown simulator '\(selection.name)'")
        }
    }

    /// One connection, either way round.
    private static func open(_ request: SimulationRequest, log: @Sendable (String) -> Void) async throws -> MLLPChannel {
        switch request.endpoint {
        case .connect(let address):
            let connection = try await TCP.connect(to: address, timeout: request.timeouts.connect)
            return MLLPChannel(connection: connection, maxFrameBytes: TargetDefinition.defaultMaxFrameBytes)
        case .listen(let address):
            let listener = try await TCP.listen(on: address)
            log("\(request.simulator.name): waiting for a connection on \(listener.address)")
            let connection = try await listener.accept(timeout: .seconds(3600))
            await listener.close()
            return MLLPChannel(connection: connection, maxFrameBytes: TargetDefinition.defaultMaxFrameBytes)
        }
    }
}
