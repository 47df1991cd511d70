import MedConformCore

/// The IEEE 11073-20601 plugin's reference simulators: one agent per specialization, which
/// the harness tests as the `manager`, and one manager, which it tests as the `agent`.
public enum PHDSimulators {
    /// The simulator name of the agent of `specialization`: `phd-pulse-oximeter`, ….
    public static func agentName(_ specialization: PHDSpecialization) -> String { "phd-" + specialization.rawValue }

    /// The description of the agent of `specialization`, its faults with that
    /// specialization's requirement IDs.
    public static func agentDescription(_ specialization: PHDSpecialization) -> SimulatorDescription {
        SimulatorDescription(
            name: agentName(specialization),
            summary: "IEEE 11073-\(specialization.partNumber) \(specialization.rawValue.split(separator: "-").joined(separator: " ")) agent "
                + "with standard configuration \(PHDBytes.hex16(specialization.devConfigID)), 20601 over TCP",
            harnessRole: "manager",
            faults: PHDAgentFault.allCases.map {
                describe($0.name, $0.summary, $0.breaks(for: specialization), $0.fuzzOnly)
            })
    }

    /// The simulated manager; the harness tests it as the `agent`.
    public static let manager = SimulatorDescription(
        name: "phd-manager",
        summary: "IEEE 11073-20601 manager that knows the five standard configurations, over TCP",
        harnessRole: "agent",
        faults: PHDManagerFault.allCases.map { describe($0.name, $0.summary, $0.breaks, $0.fuzzOnly) })

    static func describe(_ name: String, _ summary: String, _ breaks: [String], _ fuzzOnly: FaultDescription.FuzzOnly?) -> FaultDescription {
        if let fuzzOnly { return FaultDescription(name: name, summary: summary, fuzzOnly: fuzzOnly) }
        return FaultDescription(name: name, summary: summary, breaks: breaks)
    }

    /// Every simulator, agents in specialization order, then the manager.
    public static let descriptions: [SimulatorDescription] = PHDSpecialization.allCases.map(agentDescription) + [manager]

    /// The specialization of the agent simulator called `name`; nil for any other name.
    public static func agent(named name: String) -> PHDSpecialization? {
        PHDSpecialization.allCases.first { agentName($0) == name }
    }
}
