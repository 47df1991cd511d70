import MedConformCore

/// Why `medconform simulate` could not run a simulator, for every plugin's simulators.
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

    /// The first of `names` that `simulator` does not declare.
    public static func firstUnknown(_ names: [String], _ simulator: SimulatorDescription) -> String {
        let known = simulator.faults.map(\.name)
        return names.first { !known.contains($0) } ?? ""
    }
}

/// The one connection a standalone simulator talks on: made to the harness, or the first
/// one accepted from it.
public enum SimulationEndpoint {
    /// Runs `body` on the connection. A listener stays open until `body` returns: closing it
    /// earlier could take the accepted connection with it.
    public static func withConnection(
        _ endpoint: SimulationRequest.Endpoint, timeouts: Timeouts, log: @Sendable (String) -> Void,
        _ body: (TCPConnection) async -> Void
    ) async throws(SimulationError) {
        switch endpoint {
        case .connect(let address):
            let connection: TCPConnection
            do {
                connection = try await TCP.connect(to: address, timeout: timeouts.connect)
            } catch {
                throw .transport(error)
            }
            log("connected to \(connection.remote)")
            await body(connection)
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
                // Waits for the harness as long as the idle limit allows; one connection only.
                connection = try await listener.accept(timeout: timeouts.idle)
            } catch {
                await listener.close()
                throw .transport(error)
            }
            log("connection from \(connection.remote)")
            await body(connection)
            await listener.close()
        }
    }
}
