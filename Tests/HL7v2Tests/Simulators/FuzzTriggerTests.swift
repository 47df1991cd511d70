import MedConformCore
import Testing

@testable import HL7v2

/// The triggers of the fuzz-only faults, without a connection: for each, a minimal input that
/// sets it off and a near-identical one that does not.
@Suite("Fuzz-only faults: triggers")
struct FuzzTriggerTests {
    static func parsed(_ payload: [UInt8]) throws -> HL7Message {
        try HL7Message.parse(payload)
    }

    // MARK: - crash-on-hex-escape

    struct EscapeCase: Sendable, CustomTestStringConvertible {
        var obx5: String
        var triggers: Bool
        var testDescription: String { "OBX-5 '\(obx5)' \(triggers ? "triggers" : "does not trigger")" }
    }

    static let hexEscapes: [EscapeCase] = [
        EscapeCase(obx5: "MODEL \\X4\\", triggers: true),           // odd number of digits
        EscapeCase(obx5: "MODEL \\X41\\", triggers: false),
        EscapeCase(obx5: "MODEL \\X4G\\", triggers: true),          // not a hex digit
        EscapeCase(obx5: "MODEL \\X4f\\", triggers: false),         // lower case is still hex
        EscapeCase(obx5: "MODEL \\X41", triggers: true),            // unterminated
        EscapeCase(obx5: "MODEL \\X41^B", triggers: true),          // ended by a delimiter
        EscapeCase(obx5: "MODEL \\T41", triggers: false),           // unterminated, but no hex escape
        EscapeCase(obx5: "MODEL \\X\\", triggers: false),           // no digits: not odd
        EscapeCase(obx5: "MODEL \\E\\X4", triggers: false),         // an escaped backslash, then text
        EscapeCase(obx5: "MODEL X4", triggers: false),
    ]

    @Test("crash-on-hex-escape: a malformed hex escape in OBX-5", arguments: hexEscapes)
    func hexEscapeInOBX5(_ testCase: EscapeCase) throws {
        let payload = FuzzSamples.modelNumber(testCase.obx5)
        #expect(FuzzTriggers.malformedHexEscapeInOBX5(try Self.parsed(payload)) == testCase.triggers)
        let gateway = HL7GatewaySimulator(seed: 1, faults: [.crashOnHexEscape])
        #expect(gateway.fuzzReaction(to: payload) == (testCase.triggers ? .crash : .none))
    }

    @Test("crash-on-hex-escape: only OBX-5 counts, with the escape character MSH-2 declares")
    func hexEscapeElsewhere() throws {
        let inOBX3 = FuzzSamples.report { draft in
            guard let position = draft.index(of: "OBX", occurrence: 1) else { return }
            draft.segments[position].set(3, "531969^MDC_ID_MODEL_NUMBER \\X4\\^MDC")
        }
        #expect(!FuzzTriggers.malformedHexEscapeInOBX5(try Self.parsed(inOBX3)))
        let inNote = FuzzSamples.report { $0.segments.append(SegmentDraft("NTE", ["1", "", "note \\X4\\"])) }
        #expect(!FuzzTriggers.malformedHexEscapeInOBX5(try Self.parsed(inNote)))
        // With '!' declared as the escape character, '!X4!' is the malformed escape and '\X4\' is text.
        let bang = Array("MSH|^~!&|DEV||||20261121090000+0000||ORU^R01^ORU_R01|C1|P|2.6\rOBX|1|ST|X||M !X4!\r".utf8)
        #expect(FuzzTriggers.malformedHexEscapeInOBX5(try Self.parsed(bang)))
        let text = Array("MSH|^~!&|DEV||||20261121090000+0000||ORU^R01^ORU_R01|C1|P|2.6\rOBX|1|ST|X||M \\X4\\\r".utf8)
        #expect(!FuzzTriggers.malformedHexEscapeInOBX5(try Self.parsed(text)))
    }

    // MARK: - hang-on-delimiter-redeclaration and hang-on-ack-redeclaration

    @Test("redeclared delimiters: MSH-2 anything but ^~\\&, parseable or not",
          arguments: [("^~\\&", false), ("^~\\&#", true), ("^~!&", true), ("~^\\&", true), ("^^\\&", true), ("^~\\", true)])
    func redeclaredDelimiters(_ encodingCharacters: String, _ triggers: Bool) {
        let payload = FuzzSamples.declaring(encodingCharacters)
        #expect(FuzzTriggers.redeclaresDelimiters(payload) == triggers)
        let gateway = HL7GatewaySimulator(seed: 1, faults: [.hangOnDelimiterRedeclaration])
        #expect(gateway.fuzzReaction(to: payload) == (triggers ? .hang : .none))
        let ack = FuzzSamples.ack(for: FuzzSamples.valid(), encodingCharacters: encodingCharacters)
        #expect(FuzzTriggers.redeclaresDelimiters(ack) == triggers)
    }

    @Test("redeclared delimiters: only an MSH segment declares them")
    func redeclarationNeedsMSH() {
        #expect(!FuzzTriggers.redeclaresDelimiters(Array("XYZ|^~!&|A|B\r".utf8)))
        #expect(!FuzzTriggers.redeclaresDelimiters(Array("MSH".utf8)))
        #expect(!FuzzTriggers.redeclaresDelimiters([]))
        // Another field separator, standard encoding characters: no redeclaration of MSH-2.
        #expect(!FuzzTriggers.redeclaresDelimiters(Array("MSH#^~\\&#DEV#\r".utf8)))
        #expect(FuzzTriggers.redeclaresDelimiters(Array("MSH#^~\\&X#DEV#\r".utf8)))
    }

    @Test("fuzz reactions need their fault switched on")
    func reactionsNeedTheirFault() {
        let gateway = HL7GatewaySimulator(seed: 1, faults: HL7GatewayFault.allCases.filter { $0.isTransportFault })
        #expect(gateway.fuzzReaction(to: FuzzSamples.modelNumber("MODEL \\X4\\")) == .none)
        #expect(gateway.fuzzReaction(to: FuzzSamples.declaring("^~\\&#")) == .none)
        let both = HL7GatewaySimulator(seed: 1, faults: [.crashOnHexEscape, .hangOnDelimiterRedeclaration])
        #expect(both.fuzzReaction(to: FuzzSamples.valid()) == .none)
    }

    // MARK: - garbled-ack-on-long-component

    @Test("garbled-ack-on-long-component: a component of more than 2,048 bytes gets an unparseable answer")
    func longComponent() throws {
        let limit = HL7GatewaySimulator.longComponentBytes
        #expect(limit == 2048)
        let long = FuzzSamples.modelNumber(String(repeating: "M", count: limit + 1))
        let edge = FuzzSamples.modelNumber(String(repeating: "M", count: limit))
        #expect(FuzzTriggers.hasComponent(of: try Self.parsed(long), longerThan: limit))
        #expect(!FuzzTriggers.hasComponent(of: try Self.parsed(edge), longerThan: limit))
        // Subcomponents belong to their component; a component separator starts a new one.
        let subcomponents = FuzzSamples.modelNumber(String(repeating: "M", count: 1500) + "&" + String(repeating: "M", count: 1500))
        let components = FuzzSamples.modelNumber(String(repeating: "M", count: 1500) + "^" + String(repeating: "M", count: 1500))
        #expect(FuzzTriggers.hasComponent(of: try Self.parsed(subcomponents), longerThan: limit))
        #expect(!FuzzTriggers.hasComponent(of: try Self.parsed(components), longerThan: limit))

        let gateway = HL7GatewaySimulator(seed: 4, faults: [.garbledAckOnLongComponent])
        let garbled = gateway.respond(to: long, index: 0)
        #expect(garbled.count == 1)
        for answer in garbled {
            #expect(throws: HL7ParseError.self) { try HL7Message.parse(answer) }
            #expect(answer.starts(with: Array("MSH".utf8)))
        }
        // One byte shorter, the gateway answers exactly as without the fault.
        #expect(gateway.respond(to: edge, index: 0) == HL7GatewaySimulator(seed: 4).respond(to: edge, index: 0))
    }

    // MARK: - wrong-echo-on-many-repetitions

    @Test("wrong-echo-on-many-repetitions: more than 8 repetitions of a field spoil MSA-2 and nothing else")
    func manyRepetitions() throws {
        let limit = HL7GatewaySimulator.repetitionLimit
        #expect(limit == 8)
        let many = FuzzSamples.patientIDs(limit + 1)
        let edge = FuzzSamples.patientIDs(limit)
        #expect(FuzzTriggers.hasField(of: try Self.parsed(many), withMoreRepetitionsThan: limit))
        #expect(!FuzzTriggers.hasField(of: try Self.parsed(edge), withMoreRepetitionsThan: limit))
        // MSH-2 declares '~' without repeating anything.
        #expect(!FuzzTriggers.hasField(of: try Self.parsed(FuzzSamples.valid()), withMoreRepetitionsThan: 0))

        let faulty = HL7GatewaySimulator(seed: 4, faults: [.wrongEchoOnManyRepetitions])
        let clean = HL7GatewaySimulator(seed: 4)
        let control = try #require(try Self.parsed(many)["MSH-10"])
        let wrong = try SimTest.parse(try #require(faulty.respond(to: many, index: 0).first))
        let right = try SimTest.parse(try #require(clean.respond(to: many, index: 0).first))
        #expect(wrong["MSA-2"] != control)
        #expect(wrong["MSA-2"]?.isEmpty == false)
        #expect(right["MSA-2"] == control)
        #expect(SimTest.differingFields(right, wrong) == ["MSA(1)-2"])
        #expect(faulty.respond(to: edge, index: 0) == clean.respond(to: edge, index: 0))
    }

    @Test("wrong-echo-on-many-repetitions: the echo differs even when MSH-10 is the gateway's own control ID")
    func wrongEchoAlwaysDiffers() throws {
        let faulty = HL7GatewaySimulator(seed: 4, faults: [.wrongEchoOnManyRepetitions])
        let own = faulty.controlID(index: 0, kind: .application)
        let payload = FuzzSamples.report { draft in
            draft.set("MSH", 10, own)
            draft.set("PID", 3, Array(repeating: "1^^^EXAMPLE-NID^NI", count: 9).joined(separator: "~"))
        }
        let ack = try SimTest.parse(try #require(faulty.respond(to: payload, index: 0).first))
        #expect(ack["MSA-2"] != own)
    }

    // MARK: - stall-after-oversize

    @Test("stall-after-oversize: the third message over 16 KiB stalls the gateway for good")
    func stallCount() async {
        let limit = HL7GatewaySimulator.oversizeBytes
        #expect(limit == 16 * 1024)
        let state = GatewayFaultState()
        func record(_ size: Int) async -> Bool {
            await state.recordMessage(byteCount: size, limit: limit, stallAt: HL7GatewaySimulator.oversizeMessagesToStall)
        }
        #expect(await record(limit + 1) == false)
        #expect(await record(limit) == false)       // exactly 16 KiB is not oversize
        #expect(await record(100) == false)
        #expect(await record(limit + 1) == false)
        #expect(await record(limit) == false)
        #expect(await record(limit + 1) == true)    // the third oversize message
        #expect(await record(100) == true)          // and everything after it
        // A new state, as a restarted simulator has, starts afresh.
        #expect(await GatewayFaultState().recordMessage(byteCount: 100, limit: limit, stallAt: 3) == false)
        #expect(FuzzSamples.sized(limit + 1).count == limit + 1)
    }

    // MARK: - crash-on-ack-escape

    struct AckCase: Sendable, CustomTestStringConvertible {
        var msa3: String
        var err8: String?
        var triggers: Bool
        var testDescription: String { "MSA-3 '\(msa3)' ERR-8 '\(err8 ?? "-")'" }
    }

    static let ackEscapes: [AckCase] = [
        AckCase(msa3: "bad \\X4\\ value", err8: nil, triggers: true),
        AckCase(msa3: "bad \\X41\\ value", err8: nil, triggers: false),
        AckCase(msa3: "bad \\XG1\\", err8: nil, triggers: true),
        AckCase(msa3: "bad \\Q\\ code", err8: nil, triggers: true),          // unknown escape letter
        AckCase(msa3: "bad \\T\\ code", err8: nil, triggers: false),
        AckCase(msa3: "cut off \\", err8: nil, triggers: true),              // unterminated
        AckCase(msa3: "cut off \\E\\", err8: nil, triggers: false),
        AckCase(msa3: "", err8: "detail \\X4\\", triggers: true),
        AckCase(msa3: "", err8: "detail \\X34\\", triggers: false),
        AckCase(msa3: "", err8: "detail \\.br\\ next line", triggers: false),
    ]

    @Test("crash-on-ack-escape: a malformed escape in MSA-3 or an ERR field", arguments: ackEscapes)
    func ackEscape(_ testCase: AckCase) throws {
        let ack = FuzzSamples.ack(for: FuzzSamples.valid(), code: "AE", msa3: testCase.msa3, err8: testCase.err8)
        #expect(FuzzTriggers.malformedEscapeInAcknowledgementText(try Self.parsed(ack)) == testCase.triggers)
    }

    @Test("crash-on-ack-escape: the same escape elsewhere in the acknowledgement is not looked at")
    func ackEscapeElsewhere() throws {
        let text = "MSH|^~\\&|TEST \\X4\\ RECEIVER||||20261121090000+0000||ACK^R01^ACK|T-1|P|2.6\rMSA|AA|C\\Q\\1|\r"
        #expect(!FuzzTriggers.malformedEscapeInAcknowledgementText(try HL7Message.parse(text)))
    }
}
