import MedConformCore
import Testing

@testable import HL7v2

/// `medconform check` for HL7 v2: captured files in, one suite result per file out.
@Suite("HL7 v2 offline check", .enabled(if: RuleFixtures.nationalRules != nil, "Specs folder not found"))
struct OfflineCheckerTests {
    typealias F = RuleFixtures

    static func check(_ files: [CapturedFile]) throws -> [SuiteResult] {
        let (specs, rules) = try #require(RuleFixtures.nationalRules)
        return HL7OfflineChecker.check(files, rules: rules, specs: specs)
    }

    static func check(_ suite: SuiteResult, _ id: String) throws -> CheckResult {
        try #require(suite.checks.first { $0.id == id }, "no check \(id)")
    }

    @Test("prepare compiles the specs' rules")
    func prepare() throws {
        let specs = try TestSpecs.national()
        let collector = DiagnosticCollector()
        let rules = try #require(HL7OfflineChecker.prepare(specs: specs, collector: collector))
        #expect(collector.diagnostics.isEmpty)
        #expect(rules.requirements.count == specs.requirements.filter { $0.check != nil }.count)
    }

    @Test("one suite per file, one check per requirement, a transcript entry per message")
    func suiteShape() throws {
        let rules = try #require(RuleFixtures.nationalRules).rules
        let two = F.bytes(F.oru) + F.bytes(F.replacing("MSH", with: F.oru[0].replacingOccurrences(of: "MC0001", with: "MC0002")))
        let suites = try Self.check([
            CapturedFile(path: "captures/day 1/monitor#1.hl7", bytes: two),
            CapturedFile(path: "other/monitor#1.hl7", bytes: F.bytes(F.ack)),
        ])
        #expect(suites.map(\.id) == ["monitor_1.hl7", "monitor_1.hl7-2"])
        #expect(suites.map(\.title) == ["captures/day 1/monitor#1.hl7", "other/monitor#1.hl7"])
        #expect(suites.allSatisfy { $0.plugin == "hl7v2" })
        #expect(suites[0].checks.map(\.id) == rules.requirements.map(\.id))
        #expect(suites[0].transcript.count == 2)
        #expect(suites[0].transcript.allSatisfy { $0.direction == .fromDevice })
        #expect(suites[0].transcript[1].summary == "ORU^R01^ORU_R01 'MC0002'")
        #expect(suites[0].transcript[0].bytes == F.bytes(F.oru))
        #expect(suites[0].properties.contains(Property("file.messages", "2")))
        // Every message-level rule judged both messages; nothing fails.
        #expect(suites[0].count(.fail) == 0, "\(suites[0].checks.filter { $0.outcome == .fail }.map(\.reason))")
        let structure = try Self.check(suites[0], "PCD01-ORU-STRUCTURE")
        #expect(structure.outcome == .pass)
        #expect(structure.observations.map(\.subject) == ["message 1 (line 1)", "message 2 (line 7)"])
        // The acknowledgement in the second file echoes MC0001 of the first.
        #expect(try Self.check(suites[1], "HL7-MSA-2-ECHO").outcome == .pass)
    }

    @Test("exchange-level rules need a live exchange; plain files are not MLLP-framed")
    func notApplicableOffline() throws {
        let suite = try #require(try Self.check([CapturedFile(path: "a.hl7", bytes: F.bytes(F.oru))]).first)
        for id in ["HL7-MLLP-REPLY", "HL7-ACK-MODE", "HL7-ACK-ACCEPT-VALID", "HL7-ACK-REJECT-INVALID", "PCD01-DOR-MESSAGE-TYPE"] {
            let check = try Self.check(suite, id)
            #expect(check.outcome == .notApplicable, "\(id)")
            #expect(check.reason.contains("needs a live exchange"), "\(id): \(check.reason)")
        }
        let framing = try Self.check(suite, "HL7-MLLP-FRAMING")
        #expect(framing.outcome == .notApplicable)
        #expect(framing.reason.contains("file is not MLLP-framed"))
        let echo = try Self.check(suite, "HL7-MSA-2-ECHO")
        #expect(echo.outcome == .notApplicable)
        #expect(echo.reason.contains("no acknowledgement in this file"))
        let ackOnly = try Self.check(suite, "PCD01-ACK-MSH-9")
        #expect(ackOnly.outcome == .notApplicable)
        #expect(ackOnly.reason == "no message in this file falls under this check")
    }

    struct FramingCase: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var outcome: Outcome
        var words: [String]
        var testDescription: String { name }
    }

    static let framingCases: [FramingCase] = [
        FramingCase(name: "two good frames", bytes: [0x0B] + F.bytes(F.oru) + [0x1C, 0x0D, 0x0B] + F.bytes(F.ack) + [0x1C, 0x0D],
                    outcome: .pass, words: []),
        FramingCase(name: "frame cut off", bytes: [0x0B] + F.bytes(F.oru), outcome: .fail, words: ["stream ended inside an MLLP frame"]),
        FramingCase(name: "no CR after the end block", bytes: [0x0B] + F.bytes(F.oru) + [0x1C], outcome: .fail,
                    words: ["end block 0x1C is not followed by CR"]),
        FramingCase(name: "message outside any frame", bytes: [0x0B] + F.bytes(F.oru) + [0x1C, 0x0D] + F.bytes(F.ack),
                    outcome: .fail, words: ["outside any MLLP frame"]),
    ]

    @Test("MLLP framing of a framed file", arguments: framingCases)
    func framing(_ testCase: FramingCase) throws {
        let suite = try #require(try Self.check([CapturedFile(path: "f.mllp", bytes: testCase.bytes)]).first)
        let framing = try Self.check(suite, "HL7-MLLP-FRAMING")
        #expect(framing.outcome == testCase.outcome, "\(framing.reason)")
        for word in testCase.words { #expect(framing.reason.contains(word), "\(framing.reason)") }
        #expect(try Self.check(suite, "HL7-MSH-ENCODING").outcome == .pass)
    }

    @Test("a file without any message fails parse")
    func emptyFile() throws {
        for bytes in [[UInt8](), Array("\r\n\r\n".utf8)] {
            let suite = try #require(try Self.check([CapturedFile(path: "empty.hl7", bytes: bytes)]).first)
            let parse = try Self.check(suite, "HL7-MSH-ENCODING")
            #expect(parse.outcome == .fail)
            #expect(parse.reason.contains("no HL7 message found"))
            #expect(parse.kind == .malformed)
            #expect(suite.transcript.isEmpty)
        }
    }

    @Test("LF and CRLF line ends, and text that is not a message")
    func lineEnds() throws {
        let crlf = Array(F.oru.joined(separator: "\r\n").utf8) + [0x0D, 0x0A]
        let lf = Array(F.ack.joined(separator: "\n").utf8) + [0x0A]
        let suites = try Self.check([
            CapturedFile(path: "crlf.hl7", bytes: crlf),
            CapturedFile(path: "lf.hl7", bytes: lf),
            CapturedFile(path: "noise.txt", bytes: Array("hello\nworld\n".utf8)),
        ])
        #expect(suites[0].count(.fail) == 0, "\(suites[0].checks.filter { $0.outcome == .fail }.map(\.reason))")
        #expect(suites[1].count(.fail) == 0, "\(suites[1].checks.filter { $0.outcome == .fail }.map(\.reason))")
        let parse = try Self.check(suites[2], "HL7-MSH-ENCODING")
        #expect(parse.outcome == .fail)
        #expect(parse.reason.contains("does not start with MSH"))
        #expect(suites[2].transcript.first?.summary?.contains("does not start with MSH") == true)
    }

    @Test("an acknowledgement naming no captured message is not judged")
    func unmatchedEcho() throws {
        let ack = F.replacing("MSA", with: "MSA|AA|NOT-CAPTURED", in: F.ack)
        let suite = try #require(try Self.check([CapturedFile(path: "ack.hl7", bytes: F.bytes(ack))]).first)
        let echo = try Self.check(suite, "HL7-MSA-2-ECHO")
        #expect(echo.outcome == .notApplicable)
        #expect(echo.reason.contains("no captured message has control ID 'NOT-CAPTURED'"))
    }
}
