import Foundation
import MedConformCore
import ProfileLoader
import Reporting

/// `medconform run`: load a profile, run its suites against the device, write the reports.
public enum RunCommand {
    public struct Options: Sendable {
        public var profile: String
        public var specs: String?
        public var output: String?
        public var faults: [String]
        public var seed: UInt64?
        /// `--cases N` and `--shard K/N` for the fuzz suites.
        public var fuzz: FuzzRunOptions

        public init(profile: String, specs: String? = nil, output: String? = nil, faults: [String] = [], seed: UInt64? = nil,
                    fuzz: FuzzRunOptions = FuzzRunOptions()) {
            self.fuzz = fuzz
            self.profile = profile
            self.specs = specs
            self.output = output
            self.faults = faults
            self.seed = seed
        }
    }

    /// What a run produced, for the command line and for tests.
    public struct Outcome: Sendable {
        public var status: ExitStatus
        public var result: RunResult?
        public var reports: ReportPaths?
    }

    /// Loads the profile; on any profile or spec error prints every diagnostic and returns nil (exit 2).
    public static func plan(_ options: Options, environment: AppEnvironment) -> RunPlan? {
        let collector = DiagnosticCollector()
        defer { for diagnostic in collector.sorted { environment.standardError(diagnostic.description) } }
        guard let library = SpecLoading.library(explicit: options.specs, profilePath: options.profile,
                                                environment: environment, collector: collector)
        else { return nil }
        let loader = ProfileLoader(registry: BuiltInPlugins.registry, specs: library)
        let overrides = LoadOverrides(faults: options.faults, seed: options.seed, environment: environment.environment)
        var plan = loader.load(path: options.profile, overrides: overrides, collector: collector)
        plan?.fuzz = options.fuzz
        return collector.hasErrors ? nil : plan
    }

    /// Runs the plan under `Task` cancellation and writes the reports, whatever happened.
    public static func execute(_ plan: RunPlan, options: Options, environment: AppEnvironment) async -> Outcome {
        let observer: any RunObserver = environment.isInteractive
            ? TerminalProgress(write: environment.standardError) : SilentObserver()
        let runner = Runner(wallClock: environment.wallClock, hostname: environment.hostname, observer: observer)
        var properties: [Property] = []
        if !options.faults.isEmpty { properties.append(Property("faults", options.faults.joined(separator: ","))) }
        if let seed = options.seed { properties.append(Property("simulator.seed", String(seed))) }
        if let shard = options.fuzz.shard { properties.append(Property("fuzz.shard", shard.description)) }
        let result = await runner.run(plan, properties: properties)
        let directory = options.output ?? (environment.currentDirectory as NSString)
            .appendingPathComponent("Results/\(result.runID)")
        for line in VerdictText.summary(of: result) { environment.standardOutput(line) }
        do {
            let paths = try ReportWriter(directory: directory).write(result)
            environment.standardOutput("reports: \(paths.junit), \(paths.json), \(paths.html)")
            return Outcome(status: result.exitStatus, result: result, reports: paths)
        } catch {
            environment.standardError("error: \(error)")
            return Outcome(status: .noVerdict, result: result, reports: nil)
        }
    }

    /// The whole command: plan, run with Ctrl-C handling, report. Returns the exit status.
    public static func main(_ options: Options, environment: AppEnvironment) async -> ExitStatus {
        guard let plan = plan(options, environment: environment) else { return .usage }
        let (outcome, _) = await SignalCancellation.run { await execute(plan, options: options, environment: environment) }
        return outcome.status
    }
}
