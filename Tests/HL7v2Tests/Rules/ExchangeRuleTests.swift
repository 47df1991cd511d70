import MedConformCore
import Testing
import Transports

@testable import HL7v2

/// The exchange-level rules: MLLP framing, the reporter's message type and the
/// acknowledgement rules, judged on synthetic exchanges.
@Suite("HL7 v2 rules: exchanges and acknowledgements", .enabled(if: RuleFixtures.nationalRules != nil, "Specs folder not found"))
struct ExchangeRuleTests {
    typealias F = RuleFixtures
    typealias Kind = HL7AckExpectation.Kind

    // MARK: Which acknowledgements are owed

    struct ExpectationCase: Sendable, CustomTestStringConvertible {
        var msh15: String
        var msh16: String
        var conforms: Bool
        var mode: HL7AckExpectation.Mode
        var expected: [Kind]
        var testDescription: String { "'\(msh15)'|'\(msh16)' conforms=\(conforms)" }
    }

    static let expectationCases: [ExpectationCase] = [
        ExpectationCase(msh15: "", msh16: "", conforms: true, mode: .original, expected: [.application]),
        ExpectationCase(msh15: "", msh16: "", conforms: false, mode: .original, expected: [.application]),
        ExpectationCase(msh15: "NE", msh16: "AL", conforms: true, mode: .enhanced, expected: [.application]),
        ExpectationCase(msh15: "AL", msh16: "NE", conforms: false, mode: .enhanced, expected: [.accept]),
        ExpectationCase(msh15: "AL", msh16: "AL", conforms: true, mode: .enhanced, expected: [.accept, .application]),
        ExpectationCase(msh15: "NE", msh16: "NE", conforms: false, mode: .enhanced, expected: []),
        ExpectationCase(msh15: "ER", msh16: "NE", conforms: true, mode: .enhanced, expected: []),
        ExpectationCase(msh15: "ER", msh16: "NE", conforms: false, mode: .enhanced, expected: [.accept]),
        ExpectationCase(msh15: "NE", msh16: "SU", conforms: true, mode: .enhanced, expected: [.application]),
        ExpectationCase(msh15: "NE", msh16: "SU", conforms: false, mode: .enhanced, expected: []),
        ExpectationCase(msh15: "SU", msh16: "ER", conforms: false, mode: .enhanced, expected: [.application]),
        // Enhanced mode with one side empty, or a value outside table 0155: an acknowledgement is expected.
        ExpectationCase(msh15: "", msh16: "NE", conforms: true, mode: .enhanced, expected: [.accept]),
        ExpectationCase(msh15: "NE", msh16: "XX", conforms: true, mode: .enhanced, expected: [.application]),
    ]

    @Test("MSH-15 and MSH-16 decide the acknowledgements owed", arguments: expectationCases)
    func expectation(_ testCase: ExpectationCase) {
        let expectation = HL7AckExpectation.of(msh15: testCase.msh15, msh16: testCase.msh16, messageConforms: testCase.conforms)
        #expect(expectation.mode == testCase.mode)
        #expect(expectation.expected == testCase.expected)
    }

    @Test("MSA-1 codes name their kind")
    func kinds() {
        #expect(Kind.of(code: "CA") == .accept)
        #expect(Kind.of(code: "CR") == .accept)
        #expect(Kind.of(code: "AE") == .application)
        #expect(Kind.of(code: "") == nil)
        #expect(Kind.of(code: "XX") == nil)
    }

    // MARK: Acknowledgement rules

    struct Reply: Sendable {
        var bytes: [UInt8]
        var elapsed: Duration = .milliseconds(12)

        static func ack(_ code: String, echo: String = "MC0001", extra: [String] = [], after elapsed: Duration = .milliseconds(12)) -> Reply {
            Reply(bytes: F.bytes([F.ack[0], "MSA|\(code)|\(echo)"] + extra), elapsed: elapsed)
        }
    }

    struct AckCase: Sendable, CustomTestStringConvertible {
        var name: String
        var msh15 = "NE"
        var msh16 = "AL"
        var conforms: Bool? = true
        var replies: [Reply]
        var ending: AckExchange.Ending = .complete
        /// Requirement ID → expected outcome (nil: no observation) and words of the reason.
        var expected: [String: (Outcome?, [String])]
        var testDescription: String { name }
    }

    static let reply = "HL7-MLLP-REPLY", echo = "HL7-MSA-2-ECHO", mode = "HL7-ACK-MODE"
    static let accepts = "HL7-ACK-ACCEPT-VALID", rejects = "HL7-ACK-REJECT-INVALID"

    static let ackCases: [AckCase] = [
        AckCase(name: "AA for a conformant message", replies: [.ack("AA")], expected: [
            reply: (.pass, ["answered in 0.012 s (limit 2.000 s)"]), echo: (.pass, ["MC0001"]),
            mode: (.pass, ["MSH-15 'NE' and MSH-16 'AL' ask for application acknowledgement", "sent AA"]),
            accepts: (.pass, ["accepted with AA"]), rejects: (nil, []),
        ]),
        AckCase(name: "AE for a message in error", conforms: false, replies: [.ack("AE", extra: ["ERR|||100|E"])], expected: [
            mode: (.pass, []), accepts: (nil, []), rejects: (.pass, ["rejected with AE"]),
        ]),
        AckCase(name: "AA for a message in error", conforms: false, replies: [.ack("AA")], expected: [
            rejects: (.fail, ["accepted a message that breaks the profile with AA"]),
        ]),
        AckCase(name: "AE for a conformant message", replies: [.ack("AE", extra: ["ERR|||207|E|||Bad OBX"])], expected: [
            accepts: (.fail, ["answered a conformant message with AE", "ERR-3 '207'", "ERR-7 'Bad OBX'"]),
        ]),
        AckCase(name: "no answer in time", replies: [], ending: .timedOut(limit: .seconds(2)), expected: [
            reply: (.fail, ["no acknowledgement within 2.000 s"]), echo: (nil, []),
            mode: (.inconclusive, ["nothing came before the exchange ended"]), accepts: (.inconclusive, ["no application acknowledgement arrived"]),
        ]),
        AckCase(name: "accept acknowledgement where an application one is owed", replies: [.ack("CA")], expected: [
            mode: (.fail, ["ask for application acknowledgement (application: AA, AE or AR), but the device sent CA"]),
        ]),
        AckCase(name: "AL|AL answered with CA then AA", msh15: "AL", msh16: "AL", replies: [.ack("CA"), .ack("AA")], expected: [
            reply: (.pass, []), mode: (.pass, ["accept acknowledgement, then application acknowledgement"]),
            accepts: (.pass, ["AA"]),
        ]),
        AckCase(name: "AL|AL, connection closed after CA", msh15: "AL", msh16: "AL", replies: [.ack("CA")], ending: .closed,
                expected: [
                    reply: (.fail, ["closed the connection after only 1 of 2 acknowledgements"]),
                    mode: (.inconclusive, ["only CA came before the exchange ended"]),
                ]),
        AckCase(name: "NE|NE with no answer", msh15: "NE", msh16: "NE", replies: [], expected: [
            reply: (.notApplicable, ["ask for no acknowledgement"]), echo: (.notApplicable, []),
            mode: (.pass, ["ask for no acknowledgement, and the device sent nothing"]),
            accepts: (.notApplicable, []),
        ]),
        AckCase(name: "NE|NE answered anyway", msh15: "NE", msh16: "NE", replies: [.ack("AA")], expected: [
            mode: (.fail, ["ask for no acknowledgement (none), but the device sent AA"]),
        ]),
        AckCase(name: "original mode answered with AA", msh15: "", msh16: "", replies: [.ack("AA")], expected: [
            mode: (.pass, ["MSH-15 and MSH-16 empty (original mode)"]),
        ]),
        AckCase(name: "original mode answered with CA", msh15: "", msh16: "", replies: [.ack("CA")], expected: [
            mode: (.fail, ["original mode", "sent CA"]),
        ]),
        AckCase(name: "MSA-2 does not echo", replies: [.ack("AA", echo: "OTHER")], expected: [
            echo: (.fail, ["MSA-2 of acknowledgement 1 is 'OTHER' but the message's MSH-10 is 'MC0001'"]),
        ]),
        AckCase(name: "late answer", replies: [.ack("AA", after: .milliseconds(3500))], expected: [
            reply: (.fail, ["acknowledgement 1 came after 3.500 s; the limit is 2.000 s"]),
        ]),
        AckCase(name: "framing broken", replies: [], ending: .framing(.bytesOutsideFrame(count: 3, offset: 0)), expected: [
            reply: (.fail, ["no acknowledgement: the answer broke MLLP framing", "outside any MLLP frame"]),
        ]),
        AckCase(name: "transport failed", replies: [], ending: .transport("connection reset by peer"), expected: [
            reply: (.error, ["transport failed", "connection reset by peer"]),
        ]),
        AckCase(name: "answer that does not parse", replies: [Reply(bytes: Array("garbage".utf8))], expected: [
            echo: (.inconclusive, ["did not parse"]), mode: (.inconclusive, ["could not be read"]),
        ]),
        AckCase(name: "unknown MSA-1", replies: [.ack("OK")], expected: [
            mode: (.fail, ["MSA-1 of acknowledgement 1 is 'OK', not an acknowledgement code of table 0008"]),
        ]),
        AckCase(name: "ER|NE, conformance unknown, no answer", msh15: "ER", msh16: "NE", conforms: nil, replies: [], expected: [
            reply: (.notApplicable, ["no acknowledgement when the message conforms"]), mode: (.pass, []),
            accepts: (nil, []), rejects: (nil, []),
        ]),
    ]

    static func exchange(_ testCase: AckCase, rules: HL7RuleSet) throws -> AckExchange {
        let header = F.oru[0].replacingOccurrences(of: "|NE|AL|", with: "|\(testCase.msh15)|\(testCase.msh16)|")
        let sent = try HL7Message.parse(F.bytes(F.replacing("MSH", with: header)))
        let responses = testCase.replies.enumerated().map { number, reply in
            AckResponse(bytes: reply.bytes, elapsed: reply.elapsed,
                        verdicts: rules.judgeMessage(reply.bytes, subject: "acknowledgement \(number + 1)"))
        }
        return AckExchange(
            sent: sent, sentConforms: testCase.conforms, responses: responses, ending: testCase.ending,
            responseLimit: .seconds(2), subject: "message 1 (control ID 'MC0001')",
            evidence: Evidence(transcript: [TranscriptEntry(direction: .toDevice, offset: .zero, bytes: sent.bytes)]))
    }

    @Test("acknowledgement rules", arguments: ackCases)
    func acknowledgements(_ testCase: AckCase) throws {
        let rules = try #require(RuleFixtures.nationalRules).rules
        let observations = rules.judgeAcknowledgements(try Self.exchange(testCase, rules: rules))
        for (requirement, (outcome, words)) in testCase.expected {
            let found = observations.filter { $0.requirementID == requirement }.map(\.observation)
            let aggregate = found.isEmpty ? nil : Outcome.aggregate(found.map(\.outcome))
            #expect(aggregate == outcome, "\(requirement): \(found.map { "\($0.outcome): \($0.reason)" })")
            let reasons = found.map(\.reason).joined(separator: " | ")
            for word in words { #expect(reasons.contains(word), "\(requirement): '\(word)' not in: \(reasons)") }
            for observation in found {
                #expect(observation.subject == "message 1 (control ID 'MC0001')")
                if observation.outcome == .fail {
                    #expect(observation.kind != nil)
                    #expect(!observation.evidence.transcript.isEmpty, "the transcript travels with a failure")
                }
            }
        }
        // Only acknowledgement requirements are judged here.
        let kinds = Set(observations.compactMap { rules.kind(of: $0.requirementID) })
        #expect(kinds.isSubset(of: Set(HL7RuleKind.acknowledgementKinds)))
    }

    @Test("timeouts, closes and framing problems carry their problem kind")
    func problemKinds() throws {
        let rules = try #require(RuleFixtures.nationalRules).rules
        let endings: [(AckExchange.Ending, ProblemKind)] = [
            (.timedOut(limit: .seconds(2)), .timeout), (.closed, .connectionClosed),
            (.framing(.truncatedAtEndOfStream(bufferedBytes: 5)), .framing),
        ]
        for (ending, kind) in endings {
            let testCase = AckCase(name: "", replies: [], ending: ending, expected: [:])
            let observations = rules.judgeAcknowledgements(try Self.exchange(testCase, rules: rules))
            let reply = observations.first { $0.requirementID == Self.reply }?.observation
            #expect(reply?.outcome == .fail)
            #expect(reply?.kind == kind)
        }
    }

    // MARK: Framing and message type

    @Test("MLLP framing passes without a problem and fails naming it")
    func framing() throws {
        let rules = try #require(RuleFixtures.nationalRules).rules
        let evidence = Evidence(items: [EvidenceItem("connection", "1")])
        let good = rules.judgeFraming(nil, subject: "message 1", evidence: evidence)
        #expect(good.map(\.requirementID) == ["HL7-MLLP-FRAMING"])
        #expect(good.first?.observation.outcome == .pass)
        let bad = rules.judgeFraming(.missingCarriageReturnAfterEndBlock(offset: 120), subject: "message 2", evidence: evidence)
        let observation = try #require(bad.first?.observation)
        #expect(observation.outcome == .fail)
        #expect(observation.kind == .framing)
        #expect(observation.reason.contains("byte 120: end block 0x1C is not followed by CR 0x0D"))
        #expect(observation.evidence.items.contains(EvidenceItem("connection", "1")))
    }

    @Test("a reporter must send ORU^R01")
    func reporterMessageType() throws {
        let rules = try #require(RuleFixtures.nationalRules).rules
        let oru = rules.judgeMessage(F.bytes(F.oru), subject: "message 1")
        let pass = rules.judgeReporterMessageType(oru, subject: "message 1")
        #expect(pass.map(\.requirementID) == ["PCD01-DOR-MESSAGE-TYPE"])
        #expect(pass.first?.observation.outcome == .pass)
        let ack = rules.judgeMessage(F.bytes(F.ack), subject: "message 2")
        let fail = try #require(rules.judgeReporterMessageType(ack, subject: "message 2").first?.observation)
        #expect(fail.outcome == .fail)
        #expect(fail.reason.contains("the reporter sent MSH-9 'ACK^R01^ACK', but it must send ORU^R01 messages"))
        let garbage = rules.judgeMessage(Array("nothing".utf8), subject: "message 3")
        #expect(rules.judgeReporterMessageType(garbage, subject: "message 3").isEmpty)
    }

    // MARK: Results

    @Test("check results: one per requirement of the kinds, in spec order, whenEmpty for the rest")
    func checkResults() throws {
        let (specs, rules) = try #require(RuleFixtures.nationalRules)
        let verdicts = rules.judgeMessage(F.bytes(F.replacing("OBX|2", with: F.oru[4].replacingOccurrences(of: "150021^", with: "150020^"))),
                                          subject: "message 1")
        let results = rules.checkResults(verdicts.observations, kinds: HL7RuleKind.messageKinds, specs: specs,
                                         whenEmpty: (.inconclusive, "no message reached this check"))
        let expectedIDs = rules.requirements.filter { rules.kind(of: $0.id)?.isMessageLevel == true }.map(\.id)
        #expect(results.map(\.id) == expectedIDs)
        let refid = try #require(results.first { $0.id == "PCD01-OBX-3-REFID" })
        #expect(refid.outcome == .fail)
        #expect(refid.reason.hasPrefix("message 1: OBX[1]-3") || refid.reason.hasPrefix("message 1: OBX[2]-3"))
        #expect(refid.requirements.first?.spec == "ihe-pcd-01")
        #expect(refid.requirements.first?.base == "hl7v2")
        let overlay = try #require(results.first { $0.id == "IDEX-TS-UTC-OFFSET" })
        #expect(overlay.requirements.first?.spec == "national/example-id")
        #expect(overlay.requirements.first?.tightens == "PCD01-TS-FORMAT")
        let ack = try #require(results.first { $0.id == "HL7-MSA-1" })
        #expect(ack.outcome == .inconclusive)
        #expect(ack.reason == "no message reached this check")
    }
}
