import Foundation
import MedConformApp
import MedConformCore
import Reporting
import Testing

/// The fuzzing issue's "done when", in-process: a campaign with a fixed seed against each
/// buggy simulator finds the bug, names its failure class, confirms and shrinks it, leaves a
/// replay file that `medconform replay` reproduces, and a second run gives the same cases and
/// verdicts. Each campaign is limited to the operator that can reach its bug, so it stays short.
@Suite(.serialized) struct FuzzCampaignTests {
    struct Scenario: Sendable, CustomTestStringConvertible {
        var simulator: String
        var role: String
        var fault: String
        var operators: [String]
        var cases: Int
        var expected: FailureClass
        /// The failure needs earlier cases (a stateful bug).
        var sequence: Bool = false

        var testDescription: String { "\(simulator) --fault \(fault)" }
    }

    static let scenarios: [Scenario] = [
        Scenario(simulator: "hl7-gateway", role: "sender", fault: "crash-on-hex-escape", operators: ["hl7.escape"], cases: 3000, expected: .reset),
        Scenario(simulator: "hl7-gateway", role: "sender", fault: "hang-on-delimiter-redeclaration",
                 operators: ["hl7.delimiter.declaration.msh2"], cases: 40, expected: .timeout),
        Scenario(simulator: "hl7-gateway", role: "sender", fault: "garbled-ack-on-long-component", operators: ["hl7.field.length"],
                 cases: 200, expected: .malformedAnswer),
        Scenario(simulator: "hl7-gateway", role: "sender", fault: "wrong-echo-on-many-repetitions", operators: ["hl7.field.repetitions"],
                 cases: 200, expected: .wrongAnswer),
        Scenario(simulator: "hl7-gateway", role: "sender", fault: "stall-after-oversize", operators: ["hl7.field.length"],
                 cases: 200, expected: .timeout, sequence: true),
        Scenario(simulator: "hl7-monitor", role: "receiver", fault: "crash-on-ack-escape", operators: ["hl7.escape"], cases: 300, expected: .reset),
        Scenario(simulator: "hl7-monitor", role: "receiver", fault: "hang-on-ack-redeclaration",
                 operators: ["hl7.delimiter.declaration.msh2"], cases: 40, expected: .timeout),
    ]

    static func profile(_ scenario: Scenario, in folder: TemporaryFolder, name: String = "fuzz.yaml") -> String {
        let timeouts = scenario.role == "sender" ? "{connect: 2s, response: 300ms, idle: 2s}" : "{connect: 2s, response: 50ms, idle: 400ms}"
        return folder.write(name, """
            medconform: 1
            id: fuzz-test
            title: Fuzz test
            specs: [ihe-pcd-01]
            device: {manufacturer: test, model: \(scenario.simulator)}
            target:
              simulator: \(scenario.simulator)
              seed: 5
              timeouts: \(timeouts)
            suites:
              - id: campaign
                plugin: hl7v2
                role: \(scenario.role)
                fuzz:
                  seed: 11
                  cases: \(scenario.cases)
                  operators: [\(scenario.operators.joined(separator: ", "))]
                  probe-every: 50
                  confirm: 2/2
                  shrink-tests: 12
                  max-findings: 3
            """)
    }

    static func campaign(_ outcome: RunCommand.Outcome?) throws -> FuzzCampaignRecord {
        try FuzzCampaignChecks.campaign(outcome)
    }

    @Test(arguments: scenarios)
    func campaignFindsConfirmsShrinksAndReplaysTheBug(_ scenario: Scenario) async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try await FuzzCampaignChecks.findsConfirmsShrinksAndReplays(
            profile: Self.profile(scenario, in: folder), fault: scenario.fault, expected: scenario.expected,
            operators: scenario.operators, sequence: scenario.sequence, in: folder)
    }

    @Test func faultFreeSimulatorsPassTheirCampaigns() async throws {
        for scenario in [Self.scenarios[0], Self.scenarios[5]] {
            let folder = TemporaryFolder()
            defer { folder.remove() }
            var short = scenario
            short.cases = 300
            let (outcome, captured) = await ProfileRun.run(Self.profile(short, in: folder), output: folder.file("run"))
            #expect(outcome?.status == .conforms, "\(scenario.simulator): \(captured.standardOutput)")
            let record = try Self.campaign(outcome)
            #expect(record.casesRun == 300)
            #expect(record.findings.isEmpty)
        }
    }

    @Test func caseCommandPrintsTheBytesTheCampaignSent() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let scenario = Self.scenarios[0]
        _ = try await FuzzCampaignChecks.caseCommandPrintsTheFindingsCase(
            profile: Self.profile(scenario, in: folder), fault: scenario.fault, in: folder)
    }

    @Test func shardsMergeIntoTheReportOfOneRun() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var scenario = Self.scenarios[0]
        scenario.cases = 1500
        let path = Self.profile(scenario, in: folder)
        let (whole, _) = await ProfileRun.run(path, faults: [scenario.fault], output: folder.file("whole"))
        var directories: [String] = []
        for k in 0..<3 {
            var options = ProfileRun.options(path, faults: [scenario.fault], output: folder.file("shard\(k)"))
            options.fuzz = FuzzRunOptions(shard: FuzzShard(index: UInt64(k), count: 3))
            let captured = CapturedOutput()
            let plan = try #require(ProfileRun.plan(options, captured))
            _ = await RunCommand.execute(plan, options: options, environment: captured.environment())
            directories.append(folder.file("shard\(k)"))
        }
        let merged = CapturedOutput()
        let status = MergeCommand.main(MergeCommand.Options(directories: directories, output: folder.file("merged")),
                                       environment: merged.environment())
        #expect(status == whole?.status)
        let data = try #require(FileManager.default.contents(atPath: folder.file("merged/result.json")))
        let run = try JSONResultLog.decode(Array(data))
        var mergedRecord = try #require(run.suites.first?.fuzz)
        var wholeRecord = try Self.campaign(whole)
        mergedRecord.durationNanoseconds = 0
        wholeRecord.durationNanoseconds = 0
        mergedRecord.probes = 0
        wholeRecord.probes = 0
        #expect(mergedRecord == wholeRecord)
        #expect(run.suites.first?.checks == whole?.result?.suites.first?.checks)
        // The merged folder holds the replay files too.
        for finding in mergedRecord.findings {
            #expect(FileManager.default.fileExists(atPath: folder.file("merged/fuzz/campaign/\(finding.replayFileName)")))
        }
    }

    @Test func fuzzBlockMistakesAreProfileErrorsWithPositions() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.write("bad.yaml", """
            medconform: 1
            id: bad
            title: Bad
            specs: [ihe-pcd-01]
            device: {manufacturer: test, model: x}
            target: {simulator: hl7-gateway}
            suites:
              - id: campaign
                plugin: hl7v2
                role: sender
                fuzz:
                  seed: 1
                  operators: [hl7.escpe]
                  confirm: 3/2
                  probe-evry: 5
            """)
        let captured = CapturedOutput()
        #expect(ProfileRun.plan(ProfileRun.options(path, output: folder.file("out")), captured) == nil)
        let errors = captured.standardError.joined(separator: "\n")
        #expect(errors.contains("bad.yaml:13:"))
        #expect(errors.contains("did you mean 'hl7.escape'"))
        #expect(errors.contains("bad.yaml:14:"))
        #expect(errors.contains("'confirm' must be 'r/n'"))
        #expect(errors.contains("probe-every"))
    }
}

/// The fuzz commands' mistakes: each says what is wrong and exits 2, nothing is written.
@Suite struct FuzzCommandErrorTests {
    @Test func caseCommandNeedsACampaignSuite() {
        let captured = CapturedOutput()
        let status = CaseCommand.main(CaseCommand.Options(profile: Repository.demoProfile, specs: Repository.specs, index: 3),
                                      environment: captured.environment())
        #expect(status == .usage)
        #expect(captured.standardError.contains { $0.contains("has no fuzz suite") })
        let named = CapturedOutput()
        let other = CaseCommand.main(CaseCommand.Options(profile: Repository.demoProfile, specs: Repository.specs, suite: "observatons", index: 3),
                                     environment: named.environment())
        #expect(other == .usage)
        #expect(named.standardError.contains { $0.contains("did you mean 'observations'") })
    }

    @Test func mergeRefusesResultsOfDifferentProfiles() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let scenario = FuzzCampaignTests.Scenario(simulator: "hl7-gateway", role: "sender", fault: "", operators: ["hl7.escape"],
                                                  cases: 20, expected: .reset)
        let path = FuzzCampaignTests.profile(scenario, in: folder)
        _ = await ProfileRun.run(path, output: folder.file("fuzz"))
        _ = await ProfileRun.run(Repository.demoProfile, output: folder.file("demo"))
        let captured = CapturedOutput()
        let status = MergeCommand.main(MergeCommand.Options(directories: [folder.file("fuzz"), folder.file("demo")],
                                                            output: folder.file("merged")), environment: captured.environment())
        #expect(status == .usage)
        #expect(captured.standardError.contains { $0.contains("different profiles") })
        #expect(!FileManager.default.fileExists(atPath: folder.file("merged")))
        let missing = CapturedOutput()
        #expect(MergeCommand.main(MergeCommand.Options(directories: [folder.file("nowhere")]), environment: missing.environment()) == .usage)
        #expect(missing.standardError.contains { $0.contains("cannot read") })
    }

    @Test func replayRejectsAFileThatIsNoReplayRecord() async {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.write("not-a-record.json", #"{"format": "medconform-result/1"}"#)
        let captured = CapturedOutput()
        let status = await ReplayCommand.main(ReplayCommand.Options(record: path, specs: Repository.specs), environment: captured.environment())
        #expect(status == .usage)
        #expect(captured.standardError.contains { $0.contains("not a medconform replay file") && $0.contains("medconform-replay/1") })
    }
}
