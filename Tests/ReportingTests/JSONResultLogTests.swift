import Foundation
import MedConformCore
import Testing
@testable import Reporting

@Suite("JSONResultLog")
struct JSONResultLogTests {
    @Test(arguments: [Fixtures.run(), Fixtures.zeroSuites(), Fixtures.partialRun(), Fixtures.hostile("\u{0}\u{1B}[1m<&>\u{FFFE}🩺\r\n")])
    func roundTrips(_ run: RunResult) throws {
        let bytes = try JSONResultLog.render(run)
        #expect(try JSONResultLog.decode(bytes) == run)
        #expect(try JSONResultLog.render(JSONResultLog.decode(bytes)) == bytes)
    }

    private func object(_ run: RunResult = Fixtures.run()) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(try JSONResultLog.render(run)))
        return try #require(value as? [String: Any])
    }

    @Test func topLevelHasFormatExitStatusAndCounts() throws {
        let top = try object()
        #expect(Set(top.keys) == ["format", "exitStatus", "counts", "run"])
        #expect(top["format"] as? String == "medconform-result/1")
        let status = try #require(top["exitStatus"] as? [String: Any])
        #expect(status["code"] as? Int == 1)
        #expect(status["name"] as? String == "non-conformance")
        let counts = try #require(top["counts"] as? [String: Int])
        #expect(counts == ["total": 7, "pass": 2, "fail": 1, "error": 1, "skipped": 1, "inconclusive": 1, "not-applicable": 1])
    }

    @Test(arguments: [(Fixtures.partialRun(), 130, "interrupted"), (Fixtures.zeroSuites(), 3, "no-verdict")])
    func exitStatusFollowsTheRun(_ run: RunResult, _ code: Int, _ name: String) throws {
        let status = try #require(try object(run)["exitStatus"] as? [String: Any])
        #expect(status["code"] as? Int == code)
        #expect(status["name"] as? String == name)
    }

    @Test func transcriptBytesAreLowerCaseHexWithTheirLength() throws {
        let run = try #require(try object()["run"] as? [String: Any])
        let suites = try #require(run["suites"] as? [[String: Any]])
        let transcript = try #require(suites.first?["transcript"] as? [[String: Any]])
        let first = try #require(transcript.first)
        #expect(first["bytes"] as? String == Hex.encode(Fixtures.message))
        #expect(first["length"] as? Int == Fixtures.message.count)
        #expect(first["direction"] as? String == "device-to-harness")
        #expect(first["offsetNanoseconds"] as? Int == 120_000_000)
    }

    @Test func outputIsSortedPrettyAndKeepsSlashes() throws {
        let text = String(decoding: try JSONResultLog.render(Fixtures.run()), as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"counts\" : {"))
        #expect(text.contains("\"national/example-overlay\""))
        #expect(!text.contains("\\/"))
        #expect(text.hasSuffix("}\n"))
    }

    @Test func otherFormatsAreRefused() throws {
        let bytes = Array(#"{"format": "medconform-result/2", "run": {}}"#.utf8)
        #expect(throws: ReportingError.unsupportedFormat(found: "medconform-result/2", expected: "medconform-result/1")) {
            try JSONResultLog.decode(bytes)
        }
    }

    @Test(arguments: [
        ("not json", "cannot read the result log"),
        (#"{"run": {}}"#, "key 'format' is missing"),
    ])
    func unreadableLogsSayWhy(_ text: String, _ expected: String) {
        do {
            _ = try JSONResultLog.decode(Array(text.utf8))
            Issue.record("decoded \(text)")
        } catch {
            #expect(String(describing: error).contains(expected), "\(error)")
        }
    }

    @Test func corruptedBytesAreNamedByPath() throws {
        var text = String(decoding: try JSONResultLog.render(Fixtures.run()), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"bytes\" : \"0b", with: "\"bytes\" : \"zz", options: [], range: text.range(of: "\"bytes\" : \"0b"))
        do {
            _ = try JSONResultLog.decode(Array(text.utf8))
            Issue.record("decoded corrupted bytes")
        } catch {
            let message = String(describing: error)
            #expect(message.contains("run.suites[0].checks[0].observations[0].evidence.transcript[0].bytes"), "\(message)")
        }
    }

    @Test func lengthMustMatchTheBytes() throws {
        var text = String(decoding: try JSONResultLog.render(Fixtures.run()), as: UTF8.self)
        let length = "\"length\" : \(Fixtures.message.count)"
        text = text.replacingOccurrences(of: length, with: "\"length\" : 3", options: [], range: text.range(of: length))
        #expect(throws: ReportingError.self) { try JSONResultLog.decode(Array(text.utf8)) }
    }
}
