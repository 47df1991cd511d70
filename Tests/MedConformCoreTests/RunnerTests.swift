import Foundation
@testable import MedConformCore
import Testing

/// A plugin whose suites wait (cooperatively) and then judge one requirement.
private struct WaitingPlugin: ProtocolPlugin {
    static let description = PluginDescription(id: "wait", name: "Wait", summary: "", version: "1", roles: [], suiteKeys: [], simulators: [])

    func configure(_ suite: ConfigMapping, context: SuiteConfigurationContext) -> Duration? { .milliseconds(50) }

    func run(_ configuration: Duration, context: SuiteRunContext) async -> SuiteResult {
        let cancelled = (try? await context.clock.sleep(configuration)) == nil
        let outcome: Outcome = cancelled ? .error : .pass
        let ref = RequirementRef(id: "R-1", spec: "s", base: nil, tightens: nil, status: .example, strength: .shall)
        return SuiteResult(id: context.suite.id, title: context.suite.id, plugin: "wait",
                           checks: [CheckResult(id: "R-1", title: "", requirements: [ref], outcome: outcome, reason: "", observations: [])])
    }

    func simulate(_ request: SimulationRequest, log: @escaping @Sendable (String) -> Void) async throws {}
}

@Suite("Runner")
struct RunnerTests {
    private func plan(suites count: Int) -> RunPlan {
        let location = SourceLocation.file("p.yaml")
        let target = TargetDefinition(endpoint: .connect(NetworkAddress(host: "127.0.0.1", port: 1)), transport: "mllp",
                                      timeouts: Timeouts(), maxFrameBytes: 1024, location: location)
        let requirement = Requirement(id: "R-1", specID: "s", title: "r", text: nil, strength: .shall, status: .example,
                                      source: RequirementSource(document: "d"), tightens: nil, check: nil, location: location)
        let spec = Spec(id: "s", title: "S", version: nil, plugin: "wait", extends: nil, uses: [], status: .example, summary: nil,
                        requirements: [requirement], tables: [], structures: [], path: "s.yaml", sha256: "0")
        let suites = (0..<count).map { index in
            SuiteDefinition(id: "suite\(index)", title: nil, plugin: "wait", target: nil, node: ConfigNode(.null, at: location), location: location)
        }
        let profile = Profile(path: "p.yaml", id: "p", title: "P", summary: nil, specs: [], device: DeviceInfo(manufacturer: "m", model: "x"),
                              capabilities: [], target: target, suites: suites)
        let plugin = AnyProtocolPlugin(WaitingPlugin())
        return RunPlan(profile: profile, profileSHA256: "abc", specs: SpecSet(specs: [spec]),
                       suites: suites.map { PlannedSuite(definition: $0, plugin: plugin, configuration: Duration.milliseconds(50), target: target) })
    }

    @Test func runsEverySuiteInOrderAndComputesCoverage() async {
        let runner = Runner(wallClock: { Date(timeIntervalSince1970: 0) }, hostname: "test")
        let result = await runner.run(plan(suites: 3))
        #expect(result.suites.map(\.id) == ["suite0", "suite1", "suite2"])
        #expect(result.runID == "p-19700101T000000Z")
        #expect(result.partial == false)
        #expect(result.exitStatus == .conforms)
        #expect(result.coverage.first?.entries.first?.outcome == .pass)
        #expect(result.coverage.first?.entries.first?.suites == ["suite0", "suite1", "suite2"])
    }

    @Test func cancellationLeavesAPartialButCompleteRecord() async {
        let runner = Runner(wallClock: { Date(timeIntervalSince1970: 0) }, hostname: "test")
        let plan = plan(suites: 3)
        let task = Task { await runner.run(plan) }
        task.cancel()
        let result = await task.value
        #expect(result.partial)
        #expect(result.exitStatus == .interrupted)
        #expect(result.suites.count == 3)
        #expect(result.suites.allSatisfy { $0.checks.first?.outcome == .skipped || $0.checks.first?.outcome == .error })
    }

    @Test func timeoutFiresAndValuesPassThrough() async throws {
        let clock = MonotonicClock.system()
        let value = try await withTimeout(.seconds(5), clock: clock) { 42 }
        #expect(value == 42)
        await #expect(throws: TimeoutError.self) {
            try await withTimeout(.milliseconds(20), clock: clock) { try await clock.sleep(.seconds(10)); return 1 }
        }
    }
}
