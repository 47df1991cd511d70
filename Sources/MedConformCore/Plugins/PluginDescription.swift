/// What a plugin offers, for `--help`, `lint`, the registry and the fault-coverage test.
public struct PluginDescription: Sendable {
    public var id: String
    public var name: String
    public var summary: String
    public var version: String
    public var roles: [Role]
    /// The suite keys this plugin reads, besides the common ones (`id`, `title`, `plugin`, `target`).
    public var suiteKeys: [Key]
    public var simulators: [SimulatorDescription]

    public init(id: String, name: String, summary: String, version: String, roles: [Role], suiteKeys: [Key], simulators: [SimulatorDescription]) {
        self.id = id
        self.name = name
        self.summary = summary
        self.version = version
        self.roles = roles
        self.suiteKeys = suiteKeys
        self.simulators = simulators
    }

    /// A role the harness can play against the device.
    public struct Role: Sendable {
        public var id: String
        public var summary: String

        public init(id: String, summary: String) {
            self.id = id
            self.summary = summary
        }
    }

    /// A key of a suite, documented.
    public struct Key: Sendable {
        public var name: String
        public var summary: String

        public init(_ name: String, _ summary: String) {
            self.name = name
            self.summary = summary
        }
    }
}

/// A reference device built into a plugin.
public struct SimulatorDescription: Sendable {
    public var name: String
    public var summary: String
    /// The role of the harness when it tests this simulator.
    public var harnessRole: String
    public var faults: [FaultDescription]

    public init(name: String, summary: String, harnessRole: String, faults: [FaultDescription]) {
        self.name = name
        self.summary = summary
        self.harnessRole = harnessRole
        self.faults = faults
    }
}

/// A named defect a simulator can be told to have.
public struct FaultDescription: Sendable {
    public var name: String
    public var summary: String
    /// The requirement IDs a run against this fault must fail. The fault-coverage test holds
    /// the plugin to it, and checks that every requirement the plugin judges is in some list.
    public var breaks: [String]
    /// Set for a fault that only a fuzzer finds: it breaks nothing the ordinary suites check
    /// (``breaks`` is empty), and shows only for one kind of malformed or unusual input.
    public var fuzzOnly: FuzzOnly?

    /// True when the fault is for fuzzing campaigns to find (see ``fuzzOnly``).
    public var isFuzzOnly: Bool { fuzzOnly != nil }

    /// What sets a fuzz-only fault off, and how a campaign sees it fail.
    public struct FuzzOnly: Sendable, Equatable {
        /// The input that triggers the fault, in one line that reads after "when".
        public var trigger: String
        /// How the failure shows on the wire, the first class being the input's own.
        public var failureClasses: [FailureClass]

        /// Describes a fuzz-only fault's trigger and its failure classes, its own first.
        public init(trigger: String, failureClasses: [FailureClass]) {
            self.trigger = trigger
            self.failureClasses = failureClasses
        }
    }

    public init(name: String, summary: String, breaks: [String]) {
        self.name = name
        self.summary = summary
        self.breaks = breaks
        self.fuzzOnly = nil
    }

    /// A fuzz-only fault: it breaks no requirement of the ordinary suites.
    public init(name: String, summary: String, fuzzOnly: FuzzOnly) {
        self.name = name
        self.summary = summary
        self.breaks = []
        self.fuzzOnly = fuzzOnly
    }
}
