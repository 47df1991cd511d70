import MedConformCore
import Testing

@testable import HL7v2

/// Every message-level rule, judged with the real PCD-01 and national-overlay checks on
/// synthetic messages: each has inputs that pass and inputs that fail, and a failure's reason
/// names what is wrong.
@Suite("HL7 v2 rules: message-level checks", .enabled(if: RuleFixtures.nationalRules != nil, "Specs folder not found"))
struct MessageRuleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var requirement: String
        var segments: [String]
        var outcome: Outcome
        var words: [String] = []
        var testDescription: String { "\(requirement): \(name)" }
    }

    typealias F = RuleFixtures

    static let cases: [Case] = [
        // parse
        Case(name: "conformant message", requirement: "HL7-MSH-ENCODING", segments: F.oru, outcome: .pass, words: ["|^~\\&"]),
        Case(name: "does not start with MSH", requirement: "HL7-MSH-ENCODING", segments: Array(F.oru.dropFirst()),
             outcome: .fail, words: ["cannot be parsed", "does not start with MSH", "\"PID|||12\""]),
        Case(name: "duplicate delimiter", requirement: "HL7-MSH-ENCODING",
             segments: F.replacing("MSH", with: "MSH|^^\\&|X", in: F.oru), outcome: .fail, words: ["already the component separator"]),
        // escapes
        Case(name: "well-formed escapes", requirement: "HL7-ESCAPES",
             segments: F.inserting(#"OBX|4|ST|0^MDC_TEXT^MDC|1.0.0.9|a \F\ b \S\ c \X0D0A\ d \.br\|||||R"#, after: "OBX|3"),
             outcome: .pass),
        Case(name: "unknown escape code", requirement: "HL7-ESCAPES",
             segments: F.inserting(#"OBX|4|ST|0^MDC_TEXT^MDC|1.0.0.9|a \Q\ b|||||R"#, after: "OBX|3"),
             outcome: .fail, words: ["OBX[4]-5", "segment 7", "unknown escape code 'Q'"]),
        Case(name: "unterminated escape", requirement: "HL7-ESCAPES",
             segments: F.replacing("PID", with: #"PID|||1234567890123456^^^EXAMPLE-NID^NI||Test\Xpatient^Alpha"#),
             outcome: .fail, words: ["PID-5", "not terminated"]),
        // charset
        Case(name: "UTF-8 text", requirement: "HL7-CHARSET",
             segments: F.replacing("PID", with: "PID|||1234567890123456^^^EXAMPLE-NID^NI||Tëstpatient^Ålpha"), outcome: .pass),
        Case(name: "invalid UTF-8 under a UTF-8 declaration", requirement: "HL7-CHARSET",
             segments: F.replacing("PID", with: "PID|||1234567890123456^^^EXAMPLE-NID^NI||Test«E9»patient"),
             outcome: .fail, words: ["not valid UTF-8", "PID-5", "0xE9", "declares UTF-8"]),
        Case(name: "8859/1 bytes under an 8859/1 declaration", requirement: "HL7-CHARSET",
             segments: F.replacing("PID", with: "PID|||1234567890123456^^^EXAMPLE-NID^NI||Test«E9»patient",
                                   in: F.replacing("MSH", with: F.oru[0].replacingOccurrences(of: "UNICODE UTF-8", with: "8859/1"))),
             outcome: .pass),
        Case(name: "raw escape character in a value", requirement: "HL7-CHARSET",
             segments: F.inserting("OBX|4|ST|0^MDC_TEXT^MDC|1.0.0.9|a«1B»[31mb|||||R", after: "OBX|3"),
             outcome: .fail, words: ["raw control character \\u{1B}", "OBX[4]-5", "\\X1B\\"]),
        Case(name: "raw tab in a value", requirement: "HL7-CHARSET",
             segments: F.inserting("OBX|4|ST|0^MDC_TEXT^MDC|1.0.0.9|a«09»b|||||R", after: "OBX|3"),
             outcome: .fail, words: ["\\u{9}", "\\X09\\"]),
        // value
        Case(name: "MSH-9 as required", requirement: "PCD01-MSH-9", segments: F.oru, outcome: .pass),
        Case(name: "MSH-9 without structure", requirement: "PCD01-MSH-9",
             segments: F.replacing("MSH", with: F.oru[0].replacingOccurrences(of: "ORU^R01^ORU_R01", with: "ORU^R01")),
             outcome: .fail, words: ["MSH-9 is 'ORU^R01' but must be 'ORU^R01^ORU_R01'"]),
        Case(name: "processing ID outside table 0103", requirement: "PCD01-MSH-11",
             segments: F.replacing("MSH", with: F.oru[0].replacingOccurrences(of: "|MC0001|P|", with: "|MC0001|N|")),
             outcome: .fail, words: ["MSH-11.1 is 'N', not one of D, P, T"]),
        Case(name: "MSH-16 outside table 0155", requirement: "PCD01-MSH-15-16",
             segments: F.replacing("MSH", with: F.oru[0].replacingOccurrences(of: "|NE|AL|", with: "|NE|XX|")),
             outcome: .fail, words: ["MSH-16 is 'XX'"]),
        Case(name: "PID-13 without the withdrawn component", requirement: "PCD01-PID-13-XTN1",
             segments: F.replacing("PID", with: F.oru[1] + "||||||||^PRN^PH^^1^555^0100"), outcome: .pass),
        Case(name: "PID-13 with the withdrawn component", requirement: "PCD01-PID-13-XTN1",
             segments: F.replacing("PID", with: F.oru[1] + "||||||||0123456789"),
             outcome: .fail, words: ["PID-13.1 must be empty", "withheld: patient data"]),
        Case(name: "withdrawn component in a later repetition", requirement: "PCD01-PID-13-XTN1",
             segments: F.replacing("PID", with: F.oru[1] + "||||||||^PRN^PH~555"),
             outcome: .fail, words: ["PID-13(2).1 must be empty"]),
        Case(name: "no PID segment", requirement: "PCD01-PID-13-XTN1", segments: F.replacing("PID", with: nil),
             outcome: .notApplicable, words: ["no PID segment"]),
        Case(name: "MSH-18 not UTF-8", requirement: "IDEX-MSH-18-UTF8",
             segments: F.replacing("MSH", with: F.oru[0].replacingOccurrences(of: "UNICODE UTF-8", with: "8859/1")),
             outcome: .fail, words: ["MSH-18 is '8859/1' but must be 'UNICODE UTF-8'"]),
        Case(name: "MSA-1 outside table 0008", requirement: "HL7-MSA-1",
             segments: F.replacing("MSA", with: "MSA|OK|MC0001", in: F.ack), outcome: .fail, words: ["MSA-1 is 'OK'"]),
        Case(name: "MSA-1 in table 0008", requirement: "HL7-MSA-1", segments: F.ack, outcome: .pass),
        // structure
        Case(name: "ORU with PV1, NTE and several OBX", requirement: "PCD01-ORU-STRUCTURE",
             segments: F.inserting("NTE|1||note", after: "OBX|2", in: F.inserting("PV1||E", after: "PID")), outcome: .pass),
        Case(name: "no patient", requirement: "PCD01-ORU-STRUCTURE", segments: F.replacing("PID", with: nil), outcome: .pass),
        Case(name: "segment marked X", requirement: "PCD01-ORU-STRUCTURE", segments: F.inserting("SFT|Vendor", after: "MSH"),
             outcome: .fail, words: ["segment 2 'SFT'", "marked X (not supported)"]),
        Case(name: "NTE where the profile marks it X", requirement: "PCD01-ORU-STRUCTURE",
             segments: F.inserting("NTE|1||note", after: "PID"), outcome: .fail, words: ["segment 3 'NTE'", "marked X"]),
        Case(name: "Z-segment", requirement: "PCD01-ORU-STRUCTURE", segments: F.inserting("ZXX|1", after: "OBR"),
             outcome: .fail, words: ["segment 4 'ZXX'", "unknown segment"]),
        Case(name: "OBR missing", requirement: "PCD01-ORU-STRUCTURE", segments: F.replacing("OBR", with: nil),
             outcome: .fail, words: ["required group ORDER_OBSERVATION (starting with OBR) missing", "after segment 2 'PID'"]),
        Case(name: "two PID", requirement: "PCD01-ORU-STRUCTURE", segments: F.inserting(F.oru[1], after: "PID"),
             outcome: .fail, words: ["segment 3 'PID'", "too many 'PID' (max 1)"]),
        Case(name: "OBX before OBR", requirement: "PCD01-ORU-STRUCTURE",
             segments: [F.oru[0], F.oru[1], F.oru[3], F.oru[2]],
             outcome: .fail, words: ["required group ORDER_OBSERVATION (starting with OBR) missing in PATIENT_RESULT after segment 2 'PID'"]),
        Case(name: "ACK with ERR", requirement: "PCD01-ACK-STRUCTURE", segments: F.ack + ["ERR|||100|E"], outcome: .pass),
        Case(name: "ACK with ERR before MSA", requirement: "PCD01-ACK-STRUCTURE",
             segments: [F.ack[0], "ERR|||100|E", F.ack[1]], outcome: .fail, words: ["segment 2 'ERR' is not allowed here (expected MSA): required segment MSA missing in ACK_R01 after segment 1 'MSH'"]),
        Case(name: "ACK without MSA", requirement: "PCD01-ACK-STRUCTURE", segments: [F.ack[0]],
             outcome: .fail, words: ["required segment MSA missing in ACK_R01 at the end of the message"]),
        // required-fields
        Case(name: "MSH-21 empty", requirement: "PCD01-MSH-REQUIRED",
             segments: F.replacing("MSH", with: F.oru[0].replacingOccurrences(of: "IHE PCD ORU-R01 2006^HL7^1.3.6.1.4.1.19376.1.6.1.1.1^ISO", with: "")),
             outcome: .fail, words: ["MSH-21 is empty; the field is required"]),
        Case(name: "PID-5 explicit null", requirement: "PCD01-PID-REQUIRED",
             segments: F.replacing("PID", with: #"PID|||1234567890123456^^^EXAMPLE-NID^NI||"""#),
             outcome: .fail, words: ["PID-5 holds only the explicit null"]),
        Case(name: "OBR-4 only separators", requirement: "PCD01-OBR-REQUIRED",
             segments: F.replacing("OBR", with: "OBR|1|ORD1|FIL1|^^"), outcome: .fail, words: ["OBR-4 holds only separators"]),
        Case(name: "OBX-11 missing in the third OBX", requirement: "PCD01-OBX-REQUIRED",
             segments: F.replacing("OBX|3", with: "OBX|3|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.0.1.2|80|mm[Hg]^mm[Hg]^UCUM"),
             outcome: .fail, words: ["OBX[3]-11 is empty"]),
        Case(name: "no PV1", requirement: "PCD01-PV1-REQUIRED", segments: F.oru, outcome: .notApplicable, words: ["no PV1 segment"]),
        Case(name: "PV1-2 valued", requirement: "PCD01-PV1-REQUIRED", segments: F.inserting("PV1||E", after: "PID"), outcome: .pass),
        // obx-value
        Case(name: "signed decimal", requirement: "PCD01-OBX-VALUE",
             segments: F.replacing("OBX|3", with: F.oru[5].replacingOccurrences(of: "|80|", with: "|-80.5|")), outcome: .pass),
        Case(name: "NM without value", requirement: "PCD01-OBX-VALUE",
             segments: F.replacing("OBX|3", with: F.oru[5].replacingOccurrences(of: "|80|", with: "||")),
             outcome: .fail, words: ["OBX[3]-2 (value type) is 'NM' but OBX[3]-5 (value) is empty"]),
        Case(name: "value without type", requirement: "PCD01-OBX-VALUE",
             segments: F.replacing("OBX|3", with: F.oru[5].replacingOccurrences(of: "|NM|", with: "||")),
             outcome: .fail, words: ["OBX[3]-5 holds a value but OBX[3]-2 (value type) is empty"]),
        Case(name: "exponent in NM", requirement: "PCD01-OBX-VALUE",
             segments: F.replacing("OBX|3", with: F.oru[5].replacingOccurrences(of: "|80|", with: "|8e1|")),
             outcome: .fail, words: ["OBX[3]-5 is '8e1', which is not an NM number"]),
        Case(name: "no OBX", requirement: "PCD01-OBX-VALUE", segments: F.ack, outcome: .notApplicable, words: ["no OBX segment"]),
        // mdc-coding
        Case(name: "REFID without MDC_", requirement: "PCD01-OBX-3-CODING",
             segments: F.replacing("OBX|2", with: F.oru[4].replacingOccurrences(of: "^MDC_PRESS_BLD_NONINV_SYS^", with: "^PRESS_SYS^")),
             outcome: .fail, words: ["OBX[2]-3", "'PRESS_SYS' does not start with MDC_"]),
        Case(name: "LOINC instead of MDC", requirement: "PCD01-OBX-3-CODING",
             segments: F.replacing("OBX|2", with: "OBX|2|NM|8480-6^Systolic^LN|1.0.1.1|120|266016^MDC_DIM_MMHG^MDC|||||R"),
             outcome: .fail, words: ["'8480-6' is not a 32-bit number", "is 'LN', not MDC"]),
        // mdc-code-match
        Case(name: "wrong code for the REFID", requirement: "PCD01-OBX-3-REFID",
             segments: F.replacing("OBX|2", with: F.oru[4].replacingOccurrences(of: "150021^", with: "150020^")),
             outcome: .fail, words: ["MDC_PRESS_BLD_NONINV_SYS has code 150021", "gives '150020'", "150020 is the code of MDC_PRESS_BLD_NONINV"]),
        Case(name: "public-sample mistake 149522^MDC_PULS_RATE", requirement: "PCD01-OBX-3-REFID",
             segments: F.replacing("OBX|2", with: "OBX|2|NM|149522^MDC_PULS_RATE^MDC|1.0.1.1|60|/min^/min^UCUM|||||R"),
             outcome: .fail, words: ["MDC_PULS_RATE has code 149514", "149522 is the code of MDC_BLD_PULS_RATE_INV"]),
        Case(name: "code unknown to the table", requirement: "PCD01-OBX-3-REFID",
             segments: F.replacing("OBX|2", with: F.oru[4].replacingOccurrences(of: "150021^", with: "999999^")),
             outcome: .fail, words: ["does not know code 999999"]),
        Case(name: "REFID outside the table", requirement: "PCD01-OBX-3-REFID",
             segments: [F.oru[0], F.oru[1], F.oru[2], "OBX|1|NM|148065^MDC_ECG_V_P_C_CNT^MDC|1.6.1.2|0|/min^/min^UCUM|||||R"],
             outcome: .notApplicable, words: ["REFIDs not in the harness's MDC table, so not judged: MDC_ECG_V_P_C_CNT"]),
        // pattern and unique
        Case(name: "OBX-4 not a dotted sub-ID", requirement: "PCD01-OBX-4-FORM",
             segments: F.replacing("OBX|2", with: F.oru[4].replacingOccurrences(of: "|1.0.1.1|", with: "|1..1|")),
             outcome: .fail, words: ["OBX[2]-4 is '1..1', which does not match ^[0-9]+(\\.[0-9]+){0,5}$"]),
        Case(name: "OBX-4 with six levels", requirement: "PCD01-OBX-4-FORM",
             segments: F.replacing("OBX|2", with: F.oru[4].replacingOccurrences(of: "|1.0.1.1|", with: "|1.0.1.1.2.3|")),
             outcome: .pass),
        Case(name: "duplicate OBX-4", requirement: "PCD01-OBX-4-UNIQUE",
             segments: F.replacing("OBX|3", with: F.oru[5].replacingOccurrences(of: "|1.0.1.2|", with: "|1.0.1.1|")),
             outcome: .fail, words: ["OBX-4 '1.0.1.1' appears in OBX[2] (segment 5) and again in OBX[3] (segment 6)"]),
        // units
        Case(name: "unit outside MDC and UCUM", requirement: "PCD01-OBX-6-UNITS",
             segments: F.replacing("OBX|3", with: F.oru[5].replacingOccurrences(of: "mm[Hg]^mm[Hg]^UCUM", with: "mmHg")),
             outcome: .fail, words: ["OBX[3]-6 is 'mmHg', neither"]),
        Case(name: "wrong MDC unit code", requirement: "PCD01-OBX-6-UNITS",
             segments: F.replacing("OBX|2", with: F.oru[4].replacingOccurrences(of: "266016^", with: "266017^")),
             outcome: .fail, words: ["unit MDC_DIM_MMHG has code 266016, but the message gives 266017"]),
        Case(name: "NM without unit", requirement: "PCD01-OBX-6-UNITS",
             segments: F.replacing("OBX|2", with: F.oru[4].replacingOccurrences(of: "266016^MDC_DIM_MMHG^MDC", with: "")),
             outcome: .fail, words: ["OBX[2]-6 is empty; an NM observation needs a unit"]),
        Case(name: "no NM observation", requirement: "PCD01-OBX-6-UNITS", segments: Array(F.oru.prefix(4)),
             outcome: .notApplicable, words: ["no OBX with value type NM"]),
        // unit-dimension
        Case(name: "percent for a blood pressure", requirement: "PCD01-OBX-6-DIMENSION",
             segments: F.replacing("OBX|2", with: F.oru[4].replacingOccurrences(of: "266016^MDC_DIM_MMHG", with: "262688^MDC_DIM_PERCENT")),
             outcome: .fail, words: ["OBX[2]-6", "does not measure MDC_PRESS_BLD_NONINV_SYS", "MDC_DIM_MMHG, MDC_DIM_KILO_PASCAL, mm[Hg] (UCUM)"]),
        Case(name: "kPa in UCUM", requirement: "PCD01-OBX-6-DIMENSION",
             segments: F.replacing("OBX|3", with: F.oru[5].replacingOccurrences(of: "mm[Hg]^mm[Hg]^UCUM", with: "kPa^kPa^UCUM")),
             outcome: .pass),
        // timestamp
        Case(name: "month 13", requirement: "PCD01-TS-FORMAT",
             segments: F.replacing("MSH", with: F.oru[0].replacingOccurrences(of: "20240101120000+0000", with: "20241301120000+0000")),
             outcome: .fail, words: ["MSH-7 is '20241301120000+0000': month 13 is out of range"]),
        Case(name: "30 February", requirement: "PCD01-TS-FORMAT",
             segments: F.replacing("OBR", with: F.oru[2].replacingOccurrences(of: "20240101115900+0000", with: "20240230115900+0000")),
             outcome: .fail, words: ["OBR-7", "day 30 is out of range for month 2"]),
        Case(name: "fraction and negative offset", requirement: "PCD01-TS-FORMAT",
             segments: F.replacing("OBR", with: F.oru[2].replacingOccurrences(of: "20240101115900+0000", with: "20240101115900.1234-0330")),
             outcome: .pass),
        Case(name: "offset with three digits", requirement: "PCD01-TS-FORMAT",
             segments: F.replacing("OBR", with: F.oru[2].replacingOccurrences(of: "+0000", with: "+000")),
             outcome: .fail, words: ["UTC offset must be 4 digits"]),
        Case(name: "no offset, base rule", requirement: "PCD01-TS-FORMAT",
             segments: F.replacing("OBX|2", with: F.oru[4].replacingOccurrences(of: "20240101115900+0000", with: "20240101115900")),
             outcome: .pass),
        Case(name: "no offset, overlay rule", requirement: "IDEX-TS-UTC-OFFSET",
             segments: F.replacing("OBX|2", with: F.oru[4].replacingOccurrences(of: "20240101115900+0000", with: "20240101115900")),
             outcome: .fail, words: ["OBX[2]-14 is '20240101115900': no UTC offset"]),
        // identifier
        Case(name: "no national identifier", requirement: "IDEX-PID-3-NATIONAL-ID",
             segments: F.replacing("PID", with: "PID|||PAT001^^^Testhospital^PI||Testpatient^Alpha"),
             outcome: .fail, words: ["no repetition of PID-3 has assigning authority", "'EXAMPLE-NID'", "authorities present: 'Testhospital'"]),
        Case(name: "national identifier of the wrong form", requirement: "IDEX-PID-3-NATIONAL-ID",
             segments: F.replacing("PID", with: "PID|||12345^^^EXAMPLE-NID^NI||Testpatient^Alpha"),
             outcome: .fail, words: ["repetition 1 has authority 'EXAMPLE-NID'", "withheld: patient data", "^[0-9]{16}$"]),
        Case(name: "national identifier in the second repetition", requirement: "IDEX-PID-3-NATIONAL-ID",
             segments: F.replacing("PID", with: "PID|||PAT001^^^Testhospital^PI~1234567890123456^^^EXAMPLE-NID&1.2.3&ISO^NI||Testpatient"),
             outcome: .pass),
    ]

    @Test("outcome and reason", arguments: cases)
    func judge(_ testCase: Case) throws {
        let rules = try #require(RuleFixtures.nationalRules).rules
        #expect(rules.kind(of: testCase.requirement) != nil, "unknown requirement \(testCase.requirement)")
        let verdicts = rules.judgeMessage(RuleFixtures.bytes(testCase.segments), subject: "message 1")
        #expect(verdicts.outcome(of: testCase.requirement) == testCase.outcome,
                "\(verdicts.observations(of: testCase.requirement).map { "\($0.outcome): \($0.reason)" })")
        let reasons = verdicts.reasons(of: testCase.requirement, testCase.outcome)
        for word in testCase.words {
            #expect(reasons.contains(word), "'\(word)' not in: \(reasons)")
        }
        for observation in verdicts.observations(of: testCase.requirement) where observation.outcome == .fail {
            #expect(!observation.evidence.items.isEmpty, "a failure without evidence: \(observation.reason)")
            #expect(!observation.reason.contains("\n") && !observation.reason.contains("\r"))
            #expect(observation.subject == "message 1")
        }
    }

    @Test("the conformant fixtures fail nothing")
    func fixturesConform() throws {
        let rules = try #require(RuleFixtures.nationalRules).rules
        for segments in [RuleFixtures.oru, RuleFixtures.ack] {
            let verdicts = rules.judgeMessage(RuleFixtures.bytes(segments), subject: "fixture")
            #expect(verdicts.conforms, "\(verdicts.failureSummary)")
            #expect(verdicts.firstFailure == nil)
            #expect(verdicts.message != nil)
        }
        let oru = rules.judgeMessage(RuleFixtures.bytes(RuleFixtures.oru), subject: "fixture")
        #expect(oru.messageType == "ORU^R01^ORU_R01")
        #expect(oru.controlID == "MC0001")
    }

    @Test("a message outside a rule's messages filter gets no observation from it")
    func messageFilter() throws {
        let rules = try #require(RuleFixtures.nationalRules).rules
        let ack = rules.judgeMessage(RuleFixtures.bytes(RuleFixtures.ack), subject: "ack")
        #expect(ack.outcome(of: "PCD01-MSH-9") == nil)
        #expect(ack.outcome(of: "PCD01-ORU-STRUCTURE") == nil)
        #expect(ack.outcome(of: "PCD01-ACK-MSH-9") == .pass)
        let oru = rules.judgeMessage(RuleFixtures.bytes(RuleFixtures.oru), subject: "oru")
        #expect(oru.outcome(of: "PCD01-ACK-MSH-9") == nil)
        #expect(oru.outcome(of: "HL7-MSA-1") == nil)
    }

    @Test("a message that does not parse is judged by parse alone")
    func unparsedMessage() throws {
        let rules = try #require(RuleFixtures.nationalRules).rules
        let verdicts = rules.judgeMessage(Array("garbage\r".utf8), subject: "message 9")
        #expect(verdicts.message == nil)
        #expect(!verdicts.conforms)
        #expect(verdicts.observations.map(\.requirementID) == ["HL7-MSH-ENCODING"])
        let failure = try #require(verdicts.firstFailure)
        #expect(failure.observation.kind == .malformed)
        #expect(failure.observation.subject == "message 9")
        #expect(failure.observation.reason.contains("does not start with MSH"))
    }

    @Test("observations come in requirement spec order")
    func observationOrder() throws {
        let (specs, rules) = try #require(RuleFixtures.nationalRules)
        let verdicts = rules.judgeMessage(RuleFixtures.bytes(RuleFixtures.oru), subject: "m")
        let order = Dictionary(uniqueKeysWithValues: specs.requirements.enumerated().map { ($0.element.id, $0.offset) })
        let positions = verdicts.observations.compactMap { order[$0.requirementID] }
        #expect(positions == positions.sorted())
        #expect(positions.count == verdicts.observations.count)
    }

    @Test("device text in reasons is shown with visible escapes")
    func reasonsAreSafe() throws {
        let rules = try #require(RuleFixtures.nationalRules).rules
        let segments = F.replacing("MSH", with: F.oru[0].replacingOccurrences(of: "ORU^R01^ORU_R01", with: "ORU^R01«1B»[2J«07»"))
        let verdicts = rules.judgeMessage(RuleFixtures.bytes(segments), subject: "m")
        let reasons = verdicts.reasons(of: "PCD01-MSH-9", .fail)
        #expect(reasons.contains("ORU^R01\\u{1B}[2J\\u{7}"))
        for item in verdicts.observations {
            let text = item.observation.reason + item.observation.evidence.items.map(\.value).joined()
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(item.requirementID): \(text)")
        }
    }

    @Test("many failures of one rule in one message are capped")
    func failureCap() throws {
        let rules = try #require(RuleFixtures.nationalRules).rules
        let bad = (1...50).map { "OBX|\($0)|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.0.1.\($0)|x|266016^MDC_DIM_MMHG^MDC|||||R" }
        let verdicts = rules.judgeMessage(RuleFixtures.bytes(Array(F.oru.prefix(3)) + bad), subject: "m")
        let failures = verdicts.observations(of: "PCD01-OBX-VALUE")
        #expect(failures.count == RuleRecorder.failureCap + 1)
        #expect(failures.last?.reason.contains("30 more non-conformances") == true)
    }
}
