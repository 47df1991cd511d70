import MedConformCore

/// A target as read: the definition when it has no errors, and otherwise the best guess that
/// lets plugins still check their own keys, so that one mistyped fault does not hide the
/// errors of every suite.
struct TargetReading {
    var definition: TargetDefinition?
    /// The definition, or when it has errors a target with the endpoint that could be read and
    /// defaults for the rest; nil when not even the endpoint could be read.
    var bestEffort: TargetDefinition?

    static let failed = TargetReading(definition: nil, bestEffort: nil)

    func map(_ transform: (TargetDefinition) -> TargetDefinition) -> TargetReading {
        TargetReading(definition: definition.map(transform), bestEffort: bestEffort.map(transform))
    }
}

/// Reads a `target:` mapping, of the profile or of one suite.
struct TargetReader {
    let registry: PluginRegistry
    let collector: DiagnosticCollector

    private static let endpointKeys = ["simulator", "connect", "listen"]

    /// Reads `node` as a target.
    ///
    /// - Parameters:
    ///   - context: What the target is, for messages: `target` or `target of suite 'x'`.
    ///   - timeoutsContext: The same for its timeouts: `timeouts` or `timeouts of suite 'x'`.
    /// - Returns: The target; its definition is nil when anything in it was wrong (every problem
    ///   is reported).
    func read(_ node: ConfigNode, context: String, timeoutsContext: String) -> TargetReading {
        let errorsBefore = collector.errorCount
        guard let mapping = ConfigMapping(node, context: context, keys: ProfileKeys.names(ProfileKeys.target), collector: collector) else {
            return .failed
        }
        let endpoints = mapping.keys.filter { Self.endpointKeys.contains($0) && mapping.value($0) != nil }
        if endpoints.isEmpty {
            collector.error(
                "\(context) needs one of 'simulator', 'connect' or 'listen' to say how the device is reached",
                at: mapping.location)
        }
        if let first = endpoints.first {
            for extra in endpoints.dropFirst() where extra != first {
                collector.error(
                    "\(context) can have only one of 'simulator', 'connect' or 'listen'; remove '\(extra)' or '\(first)'",
                    at: mapping.keyLocation(extra))
            }
        }
        let simulator = readSimulator(mapping, isEndpoint: endpoints.contains("simulator"), context: context)
        let connect = mapping.address("connect")
        let listen = mapping.address("listen")
        let transport = mapping.choice("transport", ProfileRules.transports) ?? "mllp"
        let maxFrame = mapping.byteSize("max-frame", in: ProfileRules.maxFrameRange) ?? TargetDefinition.defaultMaxFrameBytes
        let timeouts = readTimeouts(mapping, context: timeoutsContext)

        let endpoint: TargetDefinition.Endpoint?
        switch endpoints.first {
        case "simulator": endpoint = simulator.map { .simulator($0) }
        case "connect": endpoint = connect.map { .connect($0) }
        case "listen": endpoint = listen.map { .listen($0) }
        default: endpoint = nil
        }
        guard let endpoint else { return .failed }
        let target = TargetDefinition(endpoint: endpoint, transport: transport, timeouts: timeouts, maxFrameBytes: maxFrame, location: mapping.location)
        return TargetReading(definition: collector.errorCount == errorsBefore ? target : nil, bestEffort: target)
    }

    private func readSimulator(_ mapping: ConfigMapping, isEndpoint: Bool, context: String) -> SimulatorSelection? {
        for key in ["faults", "seed"] where !isEndpoint && mapping.value(key) != nil {
            collector.error(
                "'\(key)' in \(context) applies only to a simulator; remove it, or test a simulator with 'simulator'",
                at: mapping.keyLocation(key))
        }
        let name = mapping.string("simulator")
        var description: SimulatorDescription?
        if let name, let node = mapping.value("simulator") {
            description = registry.simulator(name)?.simulator
            if description == nil {
                collector.error(
                    "unknown simulator '\(name)'\(ProfileRules.suggestion(for: name, among: registry.simulatorNames.sorted(), listing: "the simulators"))",
                    at: node.location)
            }
        }
        var faults: [String] = []
        for (fault, location) in mapping.stringList("faults") ?? [] where isEndpoint {
            guard let description else { continue }
            let known = description.faults.map(\.name)
            if known.contains(fault) {
                if !faults.contains(fault) { faults.append(fault) }
            } else {
                collector.error(Self.unknownFaultMessage(fault, simulator: description), at: location)
            }
        }
        let seed = isEndpoint ? mapping.unsigned64("seed") : nil
        guard isEndpoint, let name, description != nil else { return nil }
        return SimulatorSelection(name: name, faults: faults, seed: seed ?? 1)
    }

    static func unknownFaultMessage(_ fault: String, simulator: SimulatorDescription) -> String {
        let known = simulator.faults.map(\.name)
        if known.isEmpty {
            return "simulator '\(simulator.name)' has no fault '\(fault)'; it has no faults to switch on"
        }
        return "simulator '\(simulator.name)' has no fault '\(fault)'\(ProfileRules.suggestion(for: fault, among: known, listing: "its faults"))"
    }

    private func readTimeouts(_ target: ConfigMapping, context: String) -> Timeouts {
        var timeouts = Timeouts()
        guard let mapping = target.mapping("timeouts", context: context, keys: ProfileKeys.names(ProfileKeys.timeouts)) else {
            return timeouts
        }
        if let value = mapping.duration("connect") { timeouts.connect = value }
        if let value = mapping.duration("response") { timeouts.response = value }
        if let value = mapping.duration("idle") { timeouts.idle = value }
        return timeouts
    }
}
