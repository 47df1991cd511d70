import MedConformCore

/// One PHD suite's settings, validated when the profile loads.
public struct PHDSuiteConfiguration: Sendable {
    /// The harness's role.
    public enum Role: String, Sendable, CaseIterable {
        /// The harness is the manager and tests an agent (a cuff, an oximeter, …).
        case manager
        /// The harness is an agent and tests a manager or gateway.
        case agent
    }

    /// How the harness as manager answers the association request.
    public enum AssociationAnswer: String, Sendable, CaseIterable {
        /// accepted-unknown-config, so that the agent sends its configuration to be judged.
        case unknownConfig = "accepted-unknown-config"
        /// accepted: the harness takes the standard configuration from the specs and the agent
        /// goes straight to reporting.
        case accepted
    }

    /// Waiting limits per state of the 20601 state machine. The standard's own values are not
    /// public (standards.md §2), so they are the profile's to set.
    public struct StateTimeouts: Sendable, Hashable {
        public var association: Duration
        public var configuration: Duration
        public var operating: Duration
        public var release: Duration
    }

    public var role: Role
    public var rules: PHDRuleSet
    public var measurements: Int
    public var answer: AssociationAnswer
    public var timeouts: StateTimeouts
    /// The standard configuration the harness offers as an agent.
    public var specialization: PHDSpecialization
    public var requirementFilter: [String]?
    /// The fuzz campaign that replaces the ordinary exchange, when the suite has a `fuzz:` block.
    public var fuzz: PHDFuzzConfiguration?
}
