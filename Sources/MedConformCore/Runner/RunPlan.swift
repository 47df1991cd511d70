/// A suite ready to run: its plugin and the configuration the plugin validated at load time.
public struct PlannedSuite: Sendable {
    public var definition: SuiteDefinition
    public var plugin: AnyProtocolPlugin
    public var configuration: any Sendable
    public var target: TargetDefinition

    public init(definition: SuiteDefinition, plugin: AnyProtocolPlugin, configuration: any Sendable, target: TargetDefinition) {
        self.definition = definition
        self.plugin = plugin
        self.configuration = configuration
        self.target = target
    }
}

/// Everything a run needs, produced by loading a profile: nothing in it can be invalid.
public struct RunPlan: Sendable {
    public var profile: Profile
    public var profileSHA256: String
    public var specs: SpecSet
    public var suites: [PlannedSuite]
    /// Command-line choices for the fuzz suites; set by `medconform run` after loading.
    public var fuzz = FuzzRunOptions()

    public init(profile: Profile, profileSHA256: String, specs: SpecSet, suites: [PlannedSuite]) {
        self.profile = profile
        self.profileSHA256 = profileSHA256
        self.specs = specs
        self.suites = suites
    }
}
