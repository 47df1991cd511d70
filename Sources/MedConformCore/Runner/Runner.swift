import Foundation

/// Runs the suites of a plan one after another (they share one device) and assembles the
/// record of the run.
///
/// Cancellation (Ctrl-C, SIGTERM) is cooperative: the running suite ends with what it has
/// judged, the suites not started are reported as skipped, and the result is marked partial
/// so that valid reports can still be written.
public struct Runner: Sendable {
    public var clock: MonotonicClock
    public var wallClock: @Sendable () -> Date
    public var hostname: String
    public var observer: any RunObserver

    public init(clock: MonotonicClock = .system(), wallClock: @escaping @Sendable () -> Date = { Date() },
                hostname: String = ProcessInfo.processInfo.hostName, observer: any RunObserver = SilentObserver()) {
        self.clock = clock
        self.wallClock = wallClock
        self.hostname = hostname
        self.observer = observer
    }

    public func run(_ plan: RunPlan, properties: [Property] = []) async -> RunResult {
        let startedAt = wallClock()
        let origin = clock.now()
        var results: [SuiteResult] = []
        var interrupted = false
        for (index, planned) in plan.suites.enumerated() {
            let definition = planned.definition
            if Task.isCancelled {
                interrupted = true
                results.append(Self.notRun(definition, plugin: planned.plugin.id))
                continue
            }
            observer.suiteStarted(definition, index: index, of: plan.suites.count)
            let suiteStart = clock.now()
            let context = SuiteRunContext(
                suite: definition, target: planned.target, specs: plan.specs, device: plan.profile.device,
                capabilities: plan.profile.capabilities, clock: clock, observer: observer, fuzz: plan.fuzz)
            var result = await planned.plugin.run(planned.configuration, context: context)
            result.startedOffsetNanoseconds = (suiteStart - origin).nanosecondsClamped
            result.durationNanoseconds = (clock.now() - suiteStart).nanosecondsClamped
            if Task.isCancelled {
                interrupted = true
                result.log.append("suite interrupted: results so far are kept, the rest was not run")
            }
            results.append(result)
        }
        let profile = plan.profile
        return RunResult(
            runID: "\(profile.id)-\(UTCTimestamp.compact(startedAt))",
            started: UTCTimestamp.iso8601(startedAt),
            hostname: hostname,
            duration: clock.now() - origin,
            profile: ProfileSummary(path: profile.path, id: profile.id, title: profile.title, sha256: plan.profileSHA256,
                                    device: profile.device, capabilities: profile.capabilities),
            specs: plan.specs.specs.map(SpecSummary.init),
            suites: results,
            coverage: SpecCoverage.compute(specs: plan.specs, suites: results),
            partial: interrupted,
            interruption: interrupted ? "run interrupted by a signal before every suite had finished" : nil,
            properties: properties)
    }

    /// The record of a suite the run never reached.
    static func notRun(_ definition: SuiteDefinition, plugin: String) -> SuiteResult {
        SuiteResult(
            id: definition.id, title: definition.title ?? definition.id, plugin: plugin,
            checks: [CheckResult(id: "suite-not-run", title: "Suite not run", requirements: [], outcome: .skipped,
                                 reason: "the run was interrupted before this suite started", kind: .interrupted, observations: [])])
    }
}
