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
        try FuzzCampaignChecks.campaign(outcome)
    }

    @Test(arguments: scenarios)
    func campaignFindsConfirmsShrinksAndReplaysTheBug(_ scenario: Scenario) async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try await FuzzCampaignChecks.findsConfirmsShrinksAndReplays(
            profile: Self.profile(scenario, in: folder), fault: scenario.fault, expected: scenario.expected,
            operators: scenario.operators, in: folder)
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
        let (finding, bytes) = try await FuzzCampaignChecks.caseCommandPrintsTheFindingsCase(
            profile: Self.profile(scenario, in: folder), fault: scenario.fault, in: folder)
        // What the campaign wrote is those bytes: this base binds nothing.
        #expect(finding.replaySteps == [Hex.encode(bytes)])
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
