import Foundation

/// What the command line changes in a profile as it is loaded.
public struct LoadOverrides: Sendable {
    /// `--fault NAME`: switched on in every simulator target (the profile's and each suite's)
    /// whose simulator has a fault of that name. A name no simulator of the profile knows is
    /// an error.
    public var faults: [String]
    /// `--seed N`: replaces the seed of every simulator target.
    public var seed: UInt64?
    /// The environment `${env:NAME}` reads; tests pass a fixed one.
    public var environment: [String: String]

    public init(faults: [String] = [], seed: UInt64? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.faults = faults
        self.seed = seed
        self.environment = environment
    }
}
