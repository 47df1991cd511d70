import Foundation
import MedConformApp
import MedConformCore
import Reporting
import Testing

@Suite("Commands: lint, profile errors, check, specs")
struct CommandTests {
    @Test func theShippedProfilesLint() {
        let captured = CapturedOutput()
        let profiles = ["Profiles/demo-pcd01-monitor.yaml", "Profiles/example-real-monitor.yaml"].map(Repository.path)
        let status = LintCommand.main(profiles: profiles, specs: Repository.specs, environment: captured.environment())
        #expect(status == .conforms, "\(captured.standardError)")
    }

    @Test func aBrokenProfileIsReportedWithPositionsAndExitCodeTwo() async {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let profile = folder.write("broken.yaml", """
            medconform: 1
            id: broken
            title: Broken
            specs: [ihe-pcd-1]
            device: {manufacturer: Test, model: X}
            target: {simulator: hl7-monitr, timeouts: {response: 2 sec}}
            suites:
              - {id: a, plugin: hl7v2, role: receiver, mesages: 3}
            """)
        let captured = CapturedOutput()
        let status = await RunCommand.main(RunCommand.Options(profile: profile, specs: Repository.specs), environment: captured.environment())
        #expect(status == .usage)
        let errors = captured.standardError
        #expect(errors.contains { $0.hasPrefix("\(profile):4:") && $0.contains("ihe-pcd-1") && $0.contains("did you mean 'ihe-pcd-01'") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("\(profile):6:") && $0.contains("hl7-monitr") && $0.contains("hl7-monitor") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("\(profile):6:") && $0.contains("2 sec") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("\(profile):8:") && $0.contains("mesages") && $0.contains("did you mean 'messages'") }, "\(errors)")
        #expect(captured.standardOutput.isEmpty, "nothing ran")
    }

    @Test func anUnknownFaultOnTheCommandLineIsAUsageError() async {
        let captured = CapturedOutput()
        let options = RunCommand.Options(profile: Repository.demoProfile, specs: Repository.specs, faults: ["wrong-refid-cod"])
        let status = await RunCommand.main(options, environment: captured.environment())
        #expect(status == .usage)
        #expect(captured.standardError.joined().contains("wrong-refid-code"))
    }

    @Test(.enabled(if: Repository.hasVectors, "needs ../shared/vectors/hl7v2"))
    func theValidVectorsPassPCD01() throws {
        let files = ["pcd01_bp_ipf_request.hl7", "pcd01_bp_ipf_request.mllp", "pcd01_monitor_ipf_request2.hl7",
                     "pcd01_ack_aa_ipf.hl7", "pcd01_ack_ce_err_ipf.hl7"].map { (Repository.hl7Vectors as NSString).appendingPathComponent($0) }
        let captured = CapturedOutput()
        let result = try #require(CheckCommand.judge(CheckCommand.Options(files: files, specs: Repository.specs), environment: captured.environment()),
                                  "\(captured.standardError)")
        #expect(result.exitStatus == .conforms)
        #expect(!result.allChecks.contains { $0.outcome == .fail })
        let echo = result.suites.first { $0.title.hasSuffix("pcd01_ack_aa_ipf.hl7") }?.checks.first { $0.id == "HL7-MSA-2-ECHO" }
        #expect(echo?.outcome == .pass, "the AA acknowledgement echoes MSGID1234 of the BP request")
    }

    @Test(.enabled(if: Repository.hasVectors, "needs ../shared/vectors/hl7v2"))
    func theNegativeVectorFailsAndTheReportsExplainWhy() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let file = (Repository.hl7Vectors as NSString).appendingPathComponent("pcd01_bp_hapi_negative_withdrawn_pid13.hl7")
        let captured = CapturedOutput()
        let status = CheckCommand.main(CheckCommand.Options(files: [file], specs: Repository.specs, output: folder.path), environment: captured.environment())
        #expect(status == .nonConformance)
        let json = try String(contentsOfFile: folder.file("result.json"), encoding: .utf8)
        #expect(json.contains("PCD01-PID-13-XTN1"))
        let junit = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix("TEST-") })
        let xml = try String(contentsOfFile: folder.file(junit), encoding: .utf8)
        #expect(xml.contains("PCD01-PID-13-XTN1"))
        if Repository.hasSchema {
            #expect(XMLSchemaValidation.validate(xml: Array(xml.utf8), schemaPath: Repository.junitSchema) == [])
        }
    }

    @Test func theOverlayIsNamedSeparatelyFromItsBase() {
        let captured = CapturedOutput()
        let status = SpecsCommand.main(ids: ["national/example-id"], specs: Repository.specs, environment: captured.environment())
        #expect(status == .conforms)
        let lines = captured.standardOutput
        #expect(lines.contains { $0.hasPrefix("national/example-id (extends ihe-pcd-01) [example]") })
        #expect(lines.contains { $0.hasPrefix("ihe-pcd-01 (extends hl7v2) [derived]") })
        #expect(lines.contains { $0.contains("IDEX-TS-UTC-OFFSET [shall, example, tightens PCD01-TS-FORMAT]") })
    }

    @Test func simulateHelpMarksFuzzOnlyFaultsWithTheirTriggerAndFailureClass() throws {
        let lines = SimulateCommand.catalogue.split(separator: "\n").map(String.init)
        let crash = try #require(lines.first { $0.hasPrefix("  --fault crash-on-hex-escape: ") })
        #expect(crash.contains("[fuzz-only: when OBX-5"), "\(crash)")
        #expect(crash.hasSuffix("; fails as reset, refused, probe-failed]"), "\(crash)")
        let hang = try #require(lines.first { $0.hasPrefix("  --fault hang-on-ack-redeclaration: ") })
        #expect(hang.hasSuffix("of an acknowledgement is anything but ^~\\&; fails as timeout]"), "\(hang)")
        // Every fault line says either what it breaks or that it is fuzz-only, never an empty list.
        let faults = lines.filter { $0.hasPrefix("  --fault ") }
        #expect(faults.count > 40)
        // Seven HL7 ones; two on each of the five PHD agents and two on the PHD manager.
        #expect(faults.filter { $0.contains("[fuzz-only: when ") }.count == 7 + 2 * 5 + 2)
        let phdCrash = try #require(lines.first { $0.hasPrefix("  --fault crash-on-empty-object-count: ") })
        #expect(phdCrash.hasSuffix("; fails as reset, refused, probe-failed]"), "\(phdCrash)")
        #expect(!faults.contains { $0.hasSuffix("[breaks ]") })
        #expect(faults.allSatisfy { $0.contains("[fuzz-only: when ") || $0.contains("[breaks ") })
    }

    @Test func simulateRejectsUnknownNamesWithASuggestion() async {
        let captured = CapturedOutput()
        let status = await SimulateCommand.main(SimulateCommand.Options(simulator: "hl7-gatway", listen: "127.0.0.1:0"), environment: captured.environment())
        #expect(status == .usage)
        #expect(captured.standardError.joined().contains("did you mean 'hl7-gateway'"))
    }
}

@Suite("Generated files")
struct GeneratedFileTests {
    /// The committed profile schema is what this build generates; `MEDCONFORM_RECORD=1` rewrites it.
    @Test func theCommittedProfileSchemaIsCurrent() throws {
        let path = Repository.path(SchemaCommand.committedPath)
        let generated = SchemaCommand.text + "\n"
        if ProcessInfo.processInfo.environment["MEDCONFORM_RECORD"] == "1" {
            try generated.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(committed == generated, "\(SchemaCommand.committedPath) is out of date; run the tests with MEDCONFORM_RECORD=1 to rewrite it")
    }
}
