import MedConformCore

/// `medconform simulate`: runs a reference simulator on its own, for trying another tool
/// against it or for demonstrating a fault.
public enum SimulateCommand {
    public struct Options: Sendable {
        public var simulator: String
        public var faults: [String]
        public var seed: UInt64
        public var connect: String?
        public var listen: String?
        public var count: Int?

        public init(simulator: String, faults: [String] = [], seed: UInt64 = 1, connect: String? = nil, listen: String? = nil, count: Int? = nil) {
            self.simulator = simulator
            self.faults = faults
            self.seed = seed
            self.connect = connect
            self.listen = listen
            self.count = count
        }
    }

    /// The simulators and their faults, with the requirements each fault breaks (or, for a
    /// fuzz-only fault, its trigger and failure classes), for `--help`.
    public static var catalogue: String {
        var lines: [String] = []
        for plugin in BuiltInPlugins.registry.plugins {
            for simulator in plugin.description.simulators {
                lines.append("\(simulator.name) (harness role: \(simulator.harnessRole)): \(simulator.summary)")
                for fault in simulator.faults {
                    if let fuzzOnly = fault.fuzzOnly {
                        // Named as such, so nobody expects an ordinary profile run to catch it.
                        let classes = fuzzOnly.failureClasses.map(\.rawValue).joined(separator: ", ")
                        lines.append("  --fault \(fault.name): \(fault.summary) [fuzz-only: when \(fuzzOnly.trigger); fails as \(classes)]")
                    } else {
                        lines.append("  --fault \(fault.name): \(fault.summary) [breaks \(fault.breaks.joined(separator: ", "))]")
                    }
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Checks the options against the registry; prints what is wrong and returns nil on a usage error.
    public static func request(_ options: Options, environment: AppEnvironment) -> (AnyProtocolPlugin, SimulationRequest)? {
        let registry = BuiltInPlugins.registry
        guard let (plugin, simulator) = registry.simulator(options.simulator) else {
            environment.standardError("error: unknown simulator '\(options.simulator)'\(Suggestion.didYouMean(options.simulator, among: registry.simulatorNames)); known: \(registry.simulatorNames.joined(separator: ", "))")
            return nil
        }
        let known = simulator.faults.map(\.name)
        for fault in options.faults where !known.contains(fault) {
            environment.standardError("error: simulator '\(simulator.name)' has no fault '\(fault)'\(Suggestion.didYouMean(fault, among: known)); its faults: \(known.joined(separator: ", "))")
            return nil
        }
        let endpoint: SimulationRequest.Endpoint
        switch (options.connect, options.listen) {
        case (let text?, nil):
            guard let address = NetworkAddress.parse(text) else {
                environment.standardError("error: --connect '\(text)' is not host:port")
                return nil
            }
            endpoint = .connect(address)
        case (nil, let text?):
            guard let address = NetworkAddress.parse(text) else {
                environment.standardError("error: --listen '\(text)' is not host:port")
                return nil
            }
            endpoint = .listen(address)
        default:
            environment.standardError("error: give exactly one of --connect HOST:PORT or --listen HOST:PORT")
            return nil
        }
        let selection = SimulatorSelection(name: simulator.name, faults: options.faults, seed: options.seed)
        return (plugin, SimulationRequest(simulator: selection, endpoint: endpoint, count: options.count))
    }

    public static func main(_ options: Options, environment: AppEnvironment) async -> ExitStatus {
        guard let (plugin, request) = request(options, environment: environment) else { return .usage }
        let log = environment.standardError
        let (outcome, _) = await SignalCancellation.run { () -> String? in
            do {
                try await plugin.simulate(request, log: log)
                return nil
            } catch is CancellationError {
                return nil
            } catch {
                return "\(error)"
            }
        }
        if let problem = outcome {
            environment.standardError("error: \(problem)")
            return .noVerdict
        }
        return .conforms
    }
}
