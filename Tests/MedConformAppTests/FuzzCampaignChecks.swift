import Foundation
import MedConformApp
import MedConformCore
import Reporting
import Testing

/// What every plugin's fuzz campaign must do from the command line, checked the same way for
/// HL7 v2 (``FuzzCampaignTests``) and IEEE 11073-20601 (``PHDFuzzCampaignTests``).
enum FuzzCampaignChecks {
    /// The campaign record of a run's first suite.
    static func campaign(_ outcome: RunCommand.Outcome?) throws -> FuzzCampaignRecord {
        try #require(outcome?.result?.suites.first?.fuzz)
    }

    /// Runs the profile (its one suite, `campaign`) with `fault` on, and checks that the campaign
    /// exits 1 and finds the bug as `expected` through one of `operators`, confirmed 2/2 and
    /// shrunk to one anomaly; that its testcase says how to replay it and the JUnit report is
    /// valid; that `medconform replay` brings it back; and that a second run with the same seed
    /// runs the same cases to the same verdicts.
    /// - Parameter sequence: Whether the bug needs earlier cases (a stateful bug).
    static func findsConfirmsShrinksAndReplays(profile path: String, fault: String, expected: FailureClass, operators: [String],
                                               sequence: Bool = false, in folder: TemporaryFolder) async throws {
        let (outcome, captured) = await ProfileRun.run(path, faults: [fault], output: folder.file("run1"))
        #expect(outcome?.status == .nonConformance, "\(captured.standardError)")
        #expect(outcome?.status.rawValue == 1)
        let record = try campaign(outcome)
        let finding = try #require(record.findings.first { $0.failureClass == expected },
                                   "classes found: \(record.findings.map(\.failureClass)); unconfirmed: \(record.unconfirmed)")
        #expect(finding.reproduced == "2/2")
        #expect((finding.sequence != nil) == sequence)
        #expect(finding.shrunkAnomalies.filter { $0.operatorName != "shrink.delete" }.count == 1)
        #expect(operators.contains(finding.operatorName))
        // The JUnit testcase names the class; the replay file is where the message says.
        let check = try #require(outcome?.result?.suites.first?.checks.first { $0.id == finding.testName })
        #expect(check.outcome == .fail && check.reason.contains("medconform replay"))
        let replayFile = folder.file("run1/fuzz/campaign/\(finding.replayFileName)")
        #expect(FileManager.default.fileExists(atPath: replayFile))
        if Repository.hasSchema, let junit = outcome?.reports?.junit, let xml = FileManager.default.contents(atPath: junit) {
            #expect(XMLSchemaValidation.validate(xml: Array(xml), schemaPath: Repository.junitSchema) == [])
            #expect(String(decoding: xml, as: UTF8.self).contains("fuzz.seed"))
        }

        // `medconform replay` brings the failure back from the recorded bytes.
        let replayOutput = CapturedOutput()
        let status = await ReplayCommand.main(ReplayCommand.Options(record: replayFile, specs: Repository.specs),
                                              environment: replayOutput.environment())
        #expect(status == .nonConformance, "\(replayOutput.standardOutput) \(replayOutput.standardError)")
        #expect(replayOutput.standardOutput.contains { $0.hasPrefix("reproduced") })
        if finding.sequence == nil {
            #expect(replayOutput.standardOutput.contains { $0.contains("the same bytes") })
        }

        // A second run with the same seed: the same cases and the same verdicts.
        let (again, _) = await ProfileRun.run(path, faults: [fault], output: folder.file("run2"))
        let second = try campaign(again)
        #expect(second.casesFingerprint == record.casesFingerprint)
        #expect(second.findings.map(\.signature) == record.findings.map(\.signature))
        #expect(second.findings.map(\.shrunkSHA256) == record.findings.map(\.shrunkSHA256))
        #expect(again?.result?.suites.first?.checks.map(\.reason) == outcome?.result?.suites.first?.checks.map(\.reason))
    }

    /// Runs the profile with `fault` on and checks that `medconform case` prints, as raw bytes,
    /// exactly the case of its first finding, and as hex its anomaly's path and digest.
    /// Returns the finding and the printed bytes.
    static func caseCommandPrintsTheFindingsCase(profile path: String, fault: String,
                                                 in folder: TemporaryFolder) async throws -> (FuzzFinding, [UInt8]) {
        let (outcome, _) = await ProfileRun.run(path, faults: [fault], output: folder.file("run"))
        let finding = try #require(try campaign(outcome).findings.first)
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
        let text = CapturedOutput()
        _ = CaseCommand.main(CaseCommand.Options(profile: path, specs: Repository.specs, index: finding.address.index),
                             environment: text.environment())
        #expect(text.standardOutput.contains { $0.contains(finding.anomalies[0].path) })
        #expect(text.standardOutput.contains { $0.contains(finding.bytesSHA256) })
        return (finding, sink.value)
    }
}
