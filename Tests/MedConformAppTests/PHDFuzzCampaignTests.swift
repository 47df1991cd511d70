import Foundation
import MedConformApp
import MedConformCore
import Reporting
import Testing

/// The PHD fuzz campaigns, in-process, the way ``FuzzCampaignTests`` checks the HL7 ones: a
/// campaign with a fixed seed against each simulated agent or manager with a fuzz-only fault
/// finds the bug, names its failure class, confirms and shrinks it, leaves a replay file that
/// `medconform replay` reproduces, and a second run gives the same cases and verdicts. Each
/// campaign is limited to the base and operator that reach its bug, so it stays short.
@Suite(.serialized) struct PHDFuzzCampaignTests {
    struct Scenario: Sendable, CustomTestStringConvertible {
        var simulator: String
        var role: String
        var fault: String
        var base: String
        var operators: [String]
        var cases: Int
        var expected: FailureClass

        var testDescription: String { "\(simulator) --fault \(fault)" }
    }

    // The hangs cost a response time each time they are met, so their campaigns stop soon
    // after the first one.
    static let scenarios: [Scenario] = [
        Scenario(simulator: "phd-pulse-oximeter", role: "manager", fault: "crash-on-proto-info-length",
                 base: "to-agent/aare-accepted-unknown-config", operators: ["mder.length.lie"], cases: 40, expected: .reset),
        Scenario(simulator: "phd-pulse-oximeter", role: "manager", fault: "hang-on-unknown-event-result",
                 base: "to-agent/rors-event-report", operators: ["mder.choice"], cases: 40, expected: .timeout),
        Scenario(simulator: "phd-manager", role: "agent", fault: "crash-on-empty-object-count",
                 base: "to-manager/roiv-config-report", operators: ["mder.count.lie"], cases: 40, expected: .reset),
        Scenario(simulator: "phd-manager", role: "agent", fault: "hang-on-long-attribute",
                 base: "to-manager/roiv-config-report", operators: ["mder.length.lie"], cases: 40, expected: .timeout),
    ]

    static func profile(_ scenario: Scenario, in folder: TemporaryFolder, name: String = "fuzz.yaml") -> String {
        folder.write(name, """
            medconform: 1
            id: phd-fuzz-test
            title: PHD fuzz test
            specs: [ieee-11073-20601]
            device: {manufacturer: test, model: \(scenario.simulator)}
            target:
              simulator: \(scenario.simulator)
              seed: 5
              transport: tcp
              timeouts: {connect: 2s, response: 200ms, idle: 2s}
            suites:
              - id: campaign
                plugin: phd11073
                role: \(scenario.role)
                fuzz:
                  seed: 11
                  base: \(scenario.base)
                  cases: \(scenario.cases)
                  operators: [\(scenario.operators.joined(separator: ", "))]
                  probe-every: 50
                  confirm: 2/2
                  shrink-tests: 12
                  max-findings: 3
            """)
    }

    static func campaign(_ outcome: RunCommand.Outcome?) throws -> FuzzCampaignRecord {
        try #require(outcome?.result?.suites.first?.fuzz)
    }

    @Test(arguments: scenarios)
    func campaignFindsConfirmsShrinksAndReplaysTheBug(_ scenario: Scenario) async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = Self.profile(scenario, in: folder)
        let (outcome, captured) = await ProfileRun.run(path, faults: [scenario.fault], output: folder.file("run1"))
        #expect(outcome?.status == .nonConformance, "\(captured.standardError)")
        #expect(outcome?.status.rawValue == 1)
        let record = try Self.campaign(outcome)
        let finding = try #require(record.findings.first { $0.failureClass == scenario.expected },
                                   "classes found: \(record.findings.map(\.failureClass)); unconfirmed: \(record.unconfirmed)")
        #expect(finding.reproduced == "2/2")
        #expect(finding.sequence == nil)
        #expect(finding.shrunkAnomalies.filter { $0.operatorName != "shrink.delete" }.count == 1)
        #expect(scenario.operators.contains(finding.operatorName))
        let check = try #require(outcome?.result?.suites.first?.checks.first { $0.id == finding.testName })
        #expect(check.outcome == .fail && check.reason.contains("medconform replay"))
        let replayFile = folder.file("run1/fuzz/campaign/\(finding.replayFileName)")
        #expect(FileManager.default.fileExists(atPath: replayFile))
        if Repository.hasSchema, let junit = outcome?.reports?.junit, let xml = FileManager.default.contents(atPath: junit) {
            #expect(XMLSchemaValidation.validate(xml: Array(xml), schemaPath: Repository.junitSchema) == [])
        }

        // `medconform replay` brings the failure back from the recorded bytes.
        let replayOutput = CapturedOutput()
        let status = await ReplayCommand.main(ReplayCommand.Options(record: replayFile, specs: Repository.specs),
                                              environment: replayOutput.environment())
        #expect(status == .nonConformance, "\(replayOutput.standardOutput) \(replayOutput.standardError)")
        #expect(replayOutput.standardOutput.contains { $0.hasPrefix("reproduced") })
        #expect(replayOutput.standardOutput.contains { $0.contains("the same bytes") })

        // A second run with the same seed: the same cases and the same verdicts.
        let (again, _) = await ProfileRun.run(path, faults: [scenario.fault], output: folder.file("run2"))
        let second = try Self.campaign(again)
        #expect(second.casesFingerprint == record.casesFingerprint)
        #expect(second.findings.map(\.signature) == record.findings.map(\.signature))
        #expect(second.findings.map(\.shrunkSHA256) == record.findings.map(\.shrunkSHA256))
        #expect(again?.result?.suites.first?.checks.map(\.reason) == outcome?.result?.suites.first?.checks.map(\.reason))
    }

    /// The repository's PHD fuzz profiles, every operator at its weight, against the fault-free simulators.
    @Test(arguments: ["fuzz-phd-agent", "fuzz-phd-manager"])
    func faultFreeSimulatorsPassTheirCampaigns(_ name: String) async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var options = ProfileRun.options(Repository.path("Profiles/\(name).yaml"), output: folder.file("run"))
        options.fuzz = FuzzRunOptions(cases: 400)
        let captured = CapturedOutput()
        let plan = try #require(ProfileRun.plan(options, captured), "\(captured.standardError)")
        let outcome = await RunCommand.execute(plan, options: options, environment: captured.environment())
        #expect(outcome.status == .conforms, "\(name): \(captured.standardOutput)")
        let record = try Self.campaign(outcome)
        #expect(record.casesRun == 400)
        #expect(record.findings.isEmpty)
    }

    @Test func caseCommandPrintsTheBytesTheCampaignSent() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let scenario = Self.scenarios[2]
        let path = Self.profile(scenario, in: folder)
        let (outcome, _) = await ProfileRun.run(path, faults: [scenario.fault], output: folder.file("run"))
        let finding = try #require(try Self.campaign(outcome).findings.first)
        final class Bytes: @unchecked Sendable {
            var value: [UInt8] = []
        }
        let sink = Bytes()
        let captured = CapturedOutput()
        var environment = captured.environment()
        environment.standardOutputBytes = { sink.value += $0 }
        let status = CaseCommand.main(CaseCommand.Options(profile: path, specs: Repository.specs, suite: "campaign",
                                                          index: finding.address.index, format: .raw), environment: environment)
        #expect(status == .conforms)
        var sha = SHA256()
        sha.update(sink.value)
        #expect(Hex.encode(sha.finalize()) == finding.bytesSHA256)
        // What the campaign wrote is those bytes: this base binds nothing.
        #expect(finding.replaySteps == [Hex.encode(sink.value)])
        let text = CapturedOutput()
        _ = CaseCommand.main(CaseCommand.Options(profile: path, specs: Repository.specs, index: finding.address.index),
                             environment: text.environment())
        #expect(text.standardOutput.contains { $0.contains(finding.anomalies[0].path) })
        #expect(text.standardOutput.contains { $0.contains(finding.bytesSHA256) })
    }

    @Test func fuzzBlockMistakesAreProfileErrorsWithPositions() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let path = folder.write("bad.yaml", """
            medconform: 1
            id: bad
            title: Bad
            specs: [ieee-11073-20601]
            device: {manufacturer: test, model: x}
            target: {simulator: phd-pulse-oximeter, transport: tcp}
            suites:
              - id: campaign
                plugin: phd11073
                role: manager
                measurements: 3
                fuzz:
                  base: to-manager/aarq
                  operators: [mder.lenght.lie]
                  confirm: 3/2
                  probe-evry: 5
            """)
        let captured = CapturedOutput()
        #expect(ProfileRun.plan(ProfileRun.options(path, output: folder.file("out")), captured) == nil)
        let errors = captured.standardError.joined(separator: "\n")
        #expect(errors.contains("bad.yaml:11:") && errors.contains("'measurements' does not apply to a fuzz suite"))
        #expect(errors.contains("bad.yaml:13:") && errors.contains("to-agent/aare-accepted-unknown-config"))
        #expect(errors.contains("bad.yaml:14:") && errors.contains("did you mean 'mder.length.lie'"))
        #expect(errors.contains("bad.yaml:15:") && errors.contains("'confirm' must be 'r/n'"))
        #expect(errors.contains("probe-every"))
    }
}

/// Every fuzz-only fault of the PHD simulators is harmless in the ordinary exchange: the
/// profile that certifies the simulator still passes with it switched on.
@Suite(.serialized) struct PHDFuzzOnlyFaultTests {
    static let faults: [(simulator: String, fault: String)] =
        BuiltInPlugins.registry.plugins.filter { $0.description.id == "phd11073" }.flatMap { plugin in
            plugin.description.simulators.filter { ["phd-pulse-oximeter", "phd-manager"].contains($0.name) }.flatMap { simulator in
                simulator.faults.filter(\.isFuzzOnly).map { (simulator.name, $0.name) }
            }
        }

    @Test(arguments: faults.map { "\($0.simulator)/\($0.fault)" })
    func eachFuzzOnlyFaultLeavesThePHDProfilePassing(_ name: String) async throws {
        let entry = try #require(Self.faults.first { "\($0.simulator)/\($0.fault)" == name })
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (outcome, captured) = await ProfileRun.run(Repository.path("Profiles/\(entry.simulator).yaml"), faults: [entry.fault],
                                                       output: folder.path)
        let result = try #require(outcome?.result, "\(captured.standardError)")
        let recorded = result.suites.flatMap(\.properties).filter { $0.name == "simulator.faults" }.map(\.value)
        #expect(recorded.contains { $0.split(separator: ",").contains(Substring(entry.fault)) }, "\(recorded)")
        #expect(outcome?.status == .conforms, "\(captured.standardOutput.joined(separator: "\n"))")
        for check in result.allChecks {
            #expect(check.outcome == .pass, "\(check.id) is \(check.outcome.rawValue): \(check.reason)")
        }
    }

    @Test func thereAreTwoOnEachSide() {
        #expect(Self.faults.map { "\($0.simulator)/\($0.fault)" } == [
            "phd-pulse-oximeter/crash-on-proto-info-length", "phd-pulse-oximeter/hang-on-unknown-event-result",
            "phd-manager/crash-on-empty-object-count", "phd-manager/hang-on-long-attribute",
        ])
    }
}
