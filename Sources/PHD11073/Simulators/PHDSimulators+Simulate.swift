import MedConformCore
import Transports

extension PHDSimulators {
    /// Why a simulation could not start.
    public enum SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
        case unknownSimulator(String)
        case unknownFault(simulator: String, fault: String)
        case transport(TransportError)

        public var description: String {
            switch self {
            case .unknownSimulator(let name): "unknown simulator '\(name)'"
            case .unknownFault(let simulator, let fault): "simulator '\(simulator)' has no fault '\(fault)'"
            case .transport(let error): "\(error)"
            }
        }
    }

    /// Runs one simulator on its own, as `medconform simulate` asks.
    ///
    /// An agent connects (or waits for one connection), sends `request.count` measurements
    /// (10 when not given) and returns. The manager connects and serves that connection, or
    /// listens and serves one connection after another until cancelled.
    /// - Throws: ``SimulationError`` for an unknown simulator or fault, or a transport failure.
    public static func simulate(_ request: SimulationRequest, log: @escaping @Sendable (String) -> Void) async throws(SimulationError) {
        let selection = request.simulator
        let timeouts = request.timeouts
        if let specialization = agent(named: selection.name) {
            guard let simulator = PHDAgentSimulator(specialization: specialization, seed: selection.seed, faultNames: selection.faults) else {
                throw .unknownFault(simulator: selection.name, fault: firstUnknown(selection.faults, known: PHDAgentFault.allCases.map(\.name)))
            }
            try await withChannel(request.endpoint, timeouts: timeouts, log: log) { channel in
                await simulator.run(on: channel, measurements: request.count ?? 10, responseTimeout: timeouts.response, log: log)
            }
            return
        }
        guard selection.name == manager.name else { throw .unknownSimulator(selection.name) }
        guard let simulator = PHDManagerSimulator(seed: selection.seed, faultNames: selection.faults, idleLimit: timeouts.idle) else {
            throw .unknownFault(simulator: selection.name, fault: firstUnknown(selection.faults, known: PHDManagerFault.allCases.map(\.name)))
        }
        switch request.endpoint {
        case .connect:
            try await withChannel(request.endpoint, timeouts: timeouts, log: log) { channel in
                await simulator.serve(on: channel, responseTimeout: timeouts.response, log: log)
            }
        case .listen(let address):
            let listener: TCPListener
            do {
                listener = try await TCP.listen(on: address)
            } catch {
                throw .transport(error)
            }
            log("manager: listening on \(listener.address)")
            // One connection at a time, as a 20601 manager serves one agent per association;
            // a wait for the next agent is bounded by the idle limit, then begins again.
            while !Task.isCancelled {
                let connection: TCPConnection
                do {
                    connection = try await listener.accept(timeout: timeouts.idle)
                } catch {
                    if case .acceptTimeout = error { continue }
                    await listener.close()
                    if error == .cancelled { return }
                    throw .transport(error)
                }
                log("manager: connection from \(connection.remote)")
                await simulator.serve(on: APDUChannel(connection: connection), responseTimeout: timeouts.response, log: log)
            }
            await listener.close()
        }
    }

    /// Runs `body` on a channel to the harness: connected, or the first connection accepted.
    /// A listener stays open until `body` returns: closing it earlier could take the accepted
    /// connection with it.
    private static func withChannel(_ endpoint: SimulationRequest.Endpoint, timeouts: Timeouts, log: @Sendable (String) -> Void,
                                    _ body: (APDUChannel) async -> Void) async throws(SimulationError) {
        switch endpoint {
        case .connect(let address):
            let connection: TCPConnection
            do {
                connection = try await TCP.connect(to: address, timeout: timeouts.connect)
            } catch {
                throw .transport(error)
            }
            log("connected to \(connection.remote)")
            await body(APDUChannel(connection: connection))
        case .listen(let address):
            let listener: TCPListener
            do {
                listener = try await TCP.listen(on: address)
            } catch {
                throw .transport(error)
            }
            log("listening on \(listener.address)")
            let connection: TCPConnection
            do {
                connection = try await listener.accept(timeout: timeouts.idle)
            } catch {
                await listener.close()
                throw .transport(error)
            }
            log("connection from \(connection.remote)")
            await body(APDUChannel(connection: connection))
            await listener.close()
        }
    }

    private static func firstUnknown(_ names: [String], known: [String]) -> String {
        names.first { !known.contains($0) } ?? ""
    }
}
