import MedConformCore
import Testing

@testable import HL7v2

@Suite("Simulated gateway: acknowledgements")
struct GatewayRespondTests {
    static let gateway = HL7GatewaySimulator(seed: 3)
    static let monitor = HL7MonitorSimulator(seed: 11)

    /// The fault-free report with MSH-15 and MSH-16 replaced.
    static func report(accept: String, application: String, faults: [HL7MonitorFault] = []) -> [UInt8] {
        var draft = HL7MonitorSimulator(seed: 11, faults: faults).draft(index: 0)
        draft.set("MSH", 15, accept)
        draft.set("MSH", 16, application)
        return draft.encoded()
    }

    /// MSA-1 of each acknowledgement, after checking MSA-2 and the acknowledgement's header.
    static func codes(_ acknowledgements: [[UInt8]], echo: String) throws -> [String] {
        try acknowledgements.map { bytes in
            let ack = try SimTest.parse(bytes)
            #expect(SimTest.segmentIDs(ack).prefix(2) == ["MSH", "MSA"])
            #expect(ack["MSH-9"] == "ACK^R01^ACK")
            #expect(ack["MSH-12"] == "2.6")
            #expect(ack["MSH-21"] == "IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO")
            #expect(ack["MSH-7"]?.hasSuffix("+0000") == true)
            #expect(ack["MSA-2"] == echo)
            return ack["MSA-1"] ?? ""
        }
    }

    struct ModeCase: Sendable, CustomTestStringConvertible {
        var accept: String
        var application: String
        var valid: [String]
        var invalid: [String]
        var testDescription: String { "MSH-15 '\(accept)' MSH-16 '\(application)'" }
    }

    // HL7 table 0155: AL always, NE never, ER only on error, SU only on success.
    static let modes: [ModeCase] = [
        ModeCase(accept: "", application: "", valid: ["AA"], invalid: ["AE"]),
        ModeCase(accept: "NE", application: "AL", valid: ["AA"], invalid: ["AE"]),
        ModeCase(accept: "AL", application: "NE", valid: ["CA"], invalid: ["CE"]),
        ModeCase(accept: "AL", application: "AL", valid: ["CA", "AA"], invalid: ["CE", "AE"]),
        ModeCase(accept: "NE", application: "NE", valid: [], invalid: []),
        ModeCase(accept: "ER", application: "AL", valid: ["AA"], invalid: ["CE", "AE"]),
        ModeCase(accept: "SU", application: "ER", valid: ["CA"], invalid: ["AE"]),
        ModeCase(accept: "NE", application: "SU", valid: ["AA"], invalid: []),
        // Empty or unknown in enhanced mode counts as AL; an unknown value is rejected.
        ModeCase(accept: "", application: "AL", valid: ["CA", "AA"], invalid: ["CE", "AE"]),
        ModeCase(accept: "XX", application: "NE", valid: ["CE"], invalid: ["CE"]),
    ]

    @Test("valid and invalid messages get the acknowledgements MSH-15 and MSH-16 ask for", arguments: modes)
    func acknowledgementModes(_ mode: ModeCase) throws {
        let echo = Self.monitor.controlID(index: 0)
        let valid = Self.report(accept: mode.accept, application: mode.application)
        #expect(try Self.codes(Self.gateway.respond(to: valid, index: 0), echo: echo) == mode.valid)
        let invalid = Self.report(accept: mode.accept, application: mode.application, faults: [.missingPID3])
        #expect(try Self.codes(Self.gateway.respond(to: invalid, index: 0), echo: echo) == mode.invalid)
    }

    struct ValidationCase: Sendable, CustomTestStringConvertible {
        var fault: HL7MonitorFault
        var code: Int
        var location: String
        var testDescription: String { fault.name }
    }

    static let validations: [ValidationCase] = [
        ValidationCase(fault: .wrongMessageType, code: 200, location: "MSH^1^9"),
        ValidationCase(fault: .wrongVersion, code: 203, location: "MSH^1^12"),
        ValidationCase(fault: .badProcessingID, code: 202, location: "MSH^1^11"),
        ValidationCase(fault: .missingPID3, code: 101, location: "PID^1^3"),
        ValidationCase(fault: .badOBX3Coding, code: 103, location: "OBX^3^3"),
        ValidationCase(fault: .wrongRefidCode, code: 103, location: "OBX^4^3"),
        ValidationCase(fault: .duplicateOBX4, code: 205, location: "OBX^7^4"),
        ValidationCase(fault: .missingMSH21, code: 101, location: "MSH^1^21"),
        ValidationCase(fault: .badAckMode, code: 103, location: "MSH^1^15"),
        ValidationCase(fault: .missingOBR, code: 100, location: "OBX"),
        ValidationCase(fault: .missingOBRFields, code: 101, location: "OBR^1^3"),
        ValidationCase(fault: .missingOBX11, code: 101, location: "OBX^3^11"),
        ValidationCase(fault: .missingPV12, code: 101, location: "PV1^1^2"),
        ValidationCase(fault: .nonNumericValue, code: 102, location: "OBX^3^5"),
        ValidationCase(fault: .missingUnit, code: 101, location: "OBX^4^6"),
        ValidationCase(fault: .adtMessage, code: 200, location: "MSH^1^9"),
    ]

    @Test("a message the gateway's checks refuse gets AE with an ERR of table 0357", arguments: validations)
    func validationFailure(_ testCase: ValidationCase) throws {
        let monitor = HL7MonitorSimulator(seed: 11, faults: [testCase.fault])
        let acks = Self.gateway.respond(to: monitor.message(index: 2), index: 2)
        // MSH-15 'XX' counts as AL, so bad-ack-mode also gets a CE before the AE.
        #expect(acks.count == (testCase.fault == .badAckMode ? 2 : 1))
        let ack = try SimTest.parse(try #require(acks.last))
        #expect(ack["MSA-1"] == "AE")
        #expect(ack["MSA-2"] == monitor.controlID(index: 2))
        let errors = ack.segments(named: "ERR")
        try #require(!errors.isEmpty)
        #expect(errors[0].field(3).component(1).text == String(testCase.code))
        #expect(errors[0].field(3).component(3).text == "HL70357")
        #expect(errors[0].field(4).text == "E")
        #expect(errors[0].field(2).text == testCase.location)
    }

    @Test("unparseable input gets one AR, echoing MSH-10 when it can be found")
    func unparseable() throws {
        let broken = HL7MonitorSimulator(seed: 11, faults: [.badDelimiters]).message(index: 0)
        let acks = Self.gateway.respond(to: broken, index: 0)
        try #require(acks.count == 1)
        let ack = try SimTest.parse(acks[0])
        #expect(ack["MSA-1"] == "AR")
        #expect(ack["MSA-2"] == Self.monitor.controlID(index: 0))
        #expect(ack["ERR-3.1"] == "102")
        // Garbage still gets a reject, with nothing to echo in MSA-2.
        let garbage = Self.gateway.respond(to: Array("garbage".utf8), index: 0)
        #expect(garbage.count == 1)
        let reject = try HL7Message.parse(try #require(garbage.first))
        #expect(reject["MSA-1"] == "AR" && reject["MSA-2"] == "")
        for input in [[], Array("MSH|^~\\&|A\rPID|1\rbad segment".utf8)] {
            let answers = Self.gateway.respond(to: input, index: 0)
            #expect(answers.count == 1)
            #expect(try answers.first.map { try SimTest.parse($0)["MSA-1"] } == "AR")
        }
        let hostile = Array("MSH|^~\\&|A||||x||ORU|id^with|pipes\u{1}|P\rx".utf8)
        let answer = try SimTest.parse(try #require(Self.gateway.respond(to: hostile, index: 0).first))
        #expect(answer["MSA-2"] == "id^with")
        #expect(answer.segmentCount == 3)
    }

    @Test("acknowledgements are pure and carry their own control IDs")
    func pureAndOwnIDs() throws {
        let valid = Self.report(accept: "AL", application: "AL")
        let first = Self.gateway.respond(to: valid, index: 4)
        #expect(first == HL7GatewaySimulator(seed: 3).respond(to: valid, index: 4))
        let ids = try first.map { try SimTest.parse($0)["MSH-10"] ?? "" }
        #expect(Set(ids).count == 2)
        #expect(!ids.contains(Self.monitor.controlID(index: 0)))
        #expect(HL7GatewaySimulator(seed: 4).respond(to: valid, index: 4) != first)
    }

    @Test("the acknowledgement is addressed to the sender in MSH-5")
    func addressedToSender() throws {
        let ack = try SimTest.parse(try #require(Self.gateway.respond(to: Self.monitor.message(index: 0), index: 0).first))
        #expect(ack["MSH-3"] == "MEDCONFORM-GW^0012345678FEDCBA^EUI-64")
        #expect(ack["MSH-5"] == "MEDCONFORM-SIM^0012345678ABCDEF^EUI-64")
    }

    // MARK: - Faults

    static let valid = monitor.message(index: 0)
    static let invalid = HL7MonitorSimulator(seed: 11, faults: [.missingPID3]).message(index: 0)

    static func respond(_ faults: [HL7GatewayFault], _ payload: [UInt8]) throws -> [HL7Message] {
        try HL7GatewaySimulator(seed: 3, faults: faults).respond(to: payload, index: 0).map { try SimTest.parse($0) }
    }

    @Test("wrong-msa2 puts its own control ID in MSA-2")
    func wrongMSA2() throws {
        let ack = try #require(try Self.respond([.wrongMSA2], Self.valid).first)
        #expect(ack["MSA-1"] == "AA")
        #expect(ack["MSA-2"] == ack["MSH-10"])
        #expect(ack["MSA-2"] != Self.monitor.controlID(index: 0))
    }

    @Test("empty-msa2 leaves MSA-2 empty")
    func emptyMSA2() throws {
        let ack = try #require(try Self.respond([.emptyMSA2], Self.valid).first)
        #expect(ack["MSA-1"] == "AA")
        #expect(ack.first("MSA")?.field(2).isEmpty == true)
    }

    @Test("no-ack owes nothing")
    func noAck() throws {
        #expect(try Self.respond([.noAck], Self.valid).isEmpty)
        #expect(try Self.respond([.noAck], Self.invalid).isEmpty)
    }

    @Test("bad-ack-code accepts with OK and still rejects with AE")
    func badAckCode() throws {
        let ack = try #require(try Self.respond([.badAckCode], Self.valid).first)
        #expect(ack["MSA-1"] == "OK")
        #expect(ack["MSA-2"] == Self.monitor.controlID(index: 0))
        #expect(try Self.respond([.badAckCode], Self.invalid).map { $0["MSA-1"] } == ["AE"])
    }

    @Test("accept-everything answers AA to an invalid message, without ERR")
    func acceptEverything() throws {
        let acks = try Self.respond([.acceptEverything], Self.invalid)
        #expect(acks.map { $0["MSA-1"] } == ["AA"])
        #expect(acks.first?.first("ERR") == nil)
    }

    @Test("reject-everything answers AE with a complete ERR to a valid message")
    func rejectEverything() throws {
        let ack = try #require(try Self.respond([.rejectEverything], Self.valid).first)
        #expect(ack["MSA-1"] == "AE")
        #expect(ack["ERR-3.1"]?.isEmpty == false)
        #expect(ack["ERR-4"] == "E")
    }

    @Test("commit-ack-in-original-mode answers CA or CE where AA or AE is owed")
    func commitInsteadOfApplication() throws {
        #expect(try Self.respond([.commitAckInOriginalMode], Self.valid).map { $0["MSA-1"] } == ["CA"])
        #expect(try Self.respond([.commitAckInOriginalMode], Self.invalid).map { $0["MSA-1"] } == ["CE"])
        let original = Self.report(accept: "", application: "")
        #expect(try Self.respond([.commitAckInOriginalMode], original).map { $0["MSA-1"] } == ["CA"])
    }

    @Test("wrong-ack-type writes ACK^A01^ACK")
    func wrongAckType() throws {
        let ack = try #require(try Self.respond([.wrongAckType], Self.valid).first)
        #expect(ack["MSH-9"] == "ACK^A01^ACK")
        #expect(ack["MSA-1"] == "AA")
    }

    @Test("incomplete-err leaves ERR-3 and ERR-4 empty, still rejecting")
    func incompleteERR() throws {
        let ack = try #require(try Self.respond([.incompleteERR], Self.invalid).first)
        #expect(ack["MSA-1"] == "AE")
        let err = try #require(ack.first("ERR"))
        #expect(err.field(3).isEmpty && err.field(4).isEmpty)
        #expect(!err.field(8).isEmpty)
        #expect(try Self.respond([.incompleteERR], Self.valid).first?.first("ERR") == nil)
    }

    @Test("missing-msa sends only the header")
    func missingMSA() throws {
        let ack = try #require(try Self.respond([.missingMSA], Self.valid).first)
        #expect(SimTest.segmentIDs(ack) == ["MSH"])
        let rejected = try #require(try Self.respond([.missingMSA], Self.invalid).first)
        #expect(SimTest.segmentIDs(rejected) == ["MSH", "ERR"])
    }

    @Test("missing-ack-msh21 leaves MSH-21 empty")
    func missingAckMSH21() throws {
        let ack = try #require(try Self.respond([.missingAckMSH21], Self.valid).first)
        #expect(ack["MSH-21"] == "")
        #expect(ack["MSA-1"] == "AA")
    }

    @Test("content faults change only their part of the acknowledgement")
    func faultsAreLocal() throws {
        let clean = try #require(try Self.respond([], Self.valid).first)
        let expectations: [(HL7GatewayFault, [String])] = [
            (.wrongMSA2, ["MSA(1)-2"]), (.emptyMSA2, ["MSA(1)-2"]), (.badAckCode, ["MSA(1)-1"]), (.wrongAckType, ["MSH(1)-9"]),
            (.missingAckMSH21, ["MSH(1)-21"]), (.lateAck, []), (.brokenAckFraming, []), (.dropBeforeAck, []),
            (.incompleteERR, []),
        ]
        for (fault, changed) in expectations {
            let faulty = try #require(try Self.respond([fault], Self.valid).first)
            #expect(SimTest.differingFields(clean, faulty) == changed, "\(fault.name)")
        }
    }

    @Test("fault names parse back, and unknown names are refused")
    func faultNames() {
        #expect(HL7GatewaySimulator(seed: 1, faultNames: ["no-ack"])?.faults == [.noAck])
        #expect(HL7GatewaySimulator(seed: 1, faultNames: ["no-acks"]) == nil)
        for fault in HL7GatewayFault.allCases {
            #expect(HL7GatewayFault(rawValue: fault.name) == fault)
            // A fuzz-only fault breaks nothing the ordinary suites check; every other fault does.
            #expect(fault.breaks.isEmpty == fault.isFuzzOnly, "\(fault.name)")
        }
    }
}
