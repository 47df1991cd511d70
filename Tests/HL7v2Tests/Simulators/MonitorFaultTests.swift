import MedConformCore
import Testing

@testable import HL7v2

@Suite("Simulated monitor: content faults")
struct MonitorFaultTests {
    static let seed: UInt64 = 77

    /// What each content fault changes: the fields that differ from the fault-free message
    /// (`SEG(occurrence)-field`), and a check of the new value.
    struct Case: Sendable, CustomTestStringConvertible {
        var fault: HL7MonitorFault
        var changed: [String]
        var check: @Sendable (HL7Message) -> Bool
        var testDescription: String { fault.name }
    }

    static let obxRows = (1...10).map { "OBX(\($0))-14" }

    static let cases: [Case] = [
        Case(fault: .wrongRefidCode, changed: ["OBX(4)-3"]) { $0.segments(named: "OBX")[3].field(3).text == "150457^MDC_PULS_OXIM_PULS_RATE^MDC" },
        Case(fault: .badOBX3Coding, changed: ["OBX(3)-3"]) {
            let field = $0.segments(named: "OBX")[2].field(3)
            return field.text == "150456^MDC_PULS_OXIM_SAT_O2" && field.component(3).isEmpty
        },
        Case(fault: .missingPID3, changed: ["PID(1)-3"]) { $0["PID-3"] == "" },
        Case(fault: .localPatientIDOnly, changed: ["PID(1)-3"]) { $0["PID-3"] == "12345^^^HOSPITAL^MR" },
        Case(fault: .duplicateOBX4, changed: ["OBX(7)-4"]) { $0.segments(named: "OBX")[6].field(4).text == "2.1.1.1" },
        Case(fault: .badOBX4Form, changed: ["OBX(3)-4"]) { $0.segments(named: "OBX")[2].field(4).text == "1-1-1" },
        Case(fault: .wrongUnit, changed: ["OBX(3)-6"]) { $0.segments(named: "OBX")[2].field(6).text == "266016^MDC_DIM_MMHG^MDC" },
        Case(fault: .missingUnit, changed: ["OBX(4)-6"]) {
            let row = $0.segments(named: "OBX")[3]
            return row.field(2).text == "NM" && row.field(6).isEmpty
        },
        Case(fault: .nonNumericValue, changed: ["OBX(3)-5"]) {
            let row = $0.segments(named: "OBX")[2]
            return row.field(2).text == "NM" && row.field(5).text == "ninety"
        },
        Case(fault: .wrongMessageType, changed: ["MSH(1)-9"]) { $0["MSH-9"] == "ORU^R01" && $0["MSH-9.1"] == "ORU" && $0["MSH-9.2"] == "R01" },
        Case(fault: .wrongVersion, changed: ["MSH(1)-12"]) { $0["MSH-12"] == "2.5" },
        Case(fault: .badProcessingID, changed: ["MSH(1)-11"]) { $0["MSH-11"] == "X" },
        Case(fault: .badAckMode, changed: ["MSH(1)-15"]) { $0["MSH-15"] == "XX" && $0["MSH-16"] == "AL" },
        Case(fault: .missingMSH21, changed: ["MSH(1)-21"]) { $0["MSH-21"] == "" },
        Case(fault: .missingOBRFields, changed: ["OBR(1)-3"]) { $0["OBR-3"] == "" && $0["OBR-2"] != "" },
        Case(fault: .missingOBX11, changed: ["OBX(3)-11"]) { $0.segments(named: "OBX")[2].field(11).isEmpty },
        Case(fault: .missingPV12, changed: ["PV1(1)-2"]) { $0["PV1-2"] == "" && $0["PV1-3"] != "" },
        Case(fault: .pid13Telephone, changed: ["PID(1)-13"]) { $0["PID-13"] == "5550100^PRN^PH" && $0["PID-13.1"] == "5550100" },
        Case(fault: .badTimestamp, changed: ["MSH(1)-7"]) {
            let text = $0["MSH-7"] ?? ""
            return text.count == 16 && text.hasPrefix("2026-11-21 09:") && !text.contains("+")
        },
        Case(fault: .noUTCOffset, changed: ["MSH(1)-7", "OBR(1)-7"] + obxRows) {
            ($0["MSH-7"] ?? "").count == 14 && !($0["OBR-7"] ?? "+").contains("+")
                && $0.segments(named: "OBX").allSatisfy { $0.field(14).text.count == 14 }
        },
        Case(fault: .latin1Charset, changed: ["MSH(1)-18"]) { $0["MSH-18"] == "8859/1" },
        Case(fault: .invalidUTF8, changed: ["PID(1)-5"]) {
            let raw = Array($0.first("PID")?.rawBytes(field: 5) ?? [])
            return raw.contains(0xFF) && raw.count == Array(($0["PID-5"] ?? "").utf8).count - 2
        },
        Case(fault: .controlCharacters, changed: ["OBX(2)-5"]) {
            let raw = Array($0.segments(named: "OBX")[1].rawBytes(field: 5))
            return raw.contains(0x01) && raw.contains(0x1B)
                && String(decoding: raw, as: UTF8.self).hasSuffix("]]></system-out><failure>")
        },
        Case(fault: .badEscape, changed: ["OBX(2)-5"]) {
            let value = $0.segments(named: "OBX")[1].field(5)
            return value.unescaped().problems.map(\.kind) == [.unterminated]
        },
    ]

    @Test("each content fault changes only its documented fields", arguments: cases)
    func contentFault(_ testCase: Case) throws {
        let clean = HL7MonitorSimulator(seed: Self.seed)
        let faulty = HL7MonitorSimulator(seed: Self.seed, faults: [testCase.fault])
        for index in [0, 1, 7] {
            let expected = try SimTest.parse(clean.message(index: index))
            let actual = try SimTest.parse(faulty.message(index: index))
            #expect(SimTest.differingFields(expected, actual) == testCase.changed)
            #expect(testCase.check(actual), "message \(index)")
        }
    }

    @Test("every content fault has a case above, and every case lists its breaks")
    func everyContentFaultCovered() {
        let covered = Set(Self.cases.map(\.fault))
        let special: Set<HL7MonitorFault> = [.adtMessage, .missingOBR, .badDelimiters]
        // Fuzz-only faults change no message; their tests are in FuzzOnlyMonitorTests.
        for fault in HL7MonitorFault.allCases where !fault.isTransportFault && !fault.isFuzzOnly {
            #expect(covered.contains(fault) || special.contains(fault), "\(fault.name) has no test case")
        }
    }

    @Test("bad-timestamp writes message 0 at 2026-11-21 09:00")
    func badTimestampText() throws {
        let message = try SimTest.parse(HL7MonitorSimulator(seed: 1, faults: [.badTimestamp]).message(index: 0))
        #expect(message["MSH-7"] == "2026-11-21 09:00")
        let plain = try SimTest.parse(HL7MonitorSimulator(seed: 1, faults: [.noUTCOffset]).message(index: 0))
        #expect(plain["MSH-7"] == "20261121090000")
    }

    @Test("missing-obr removes the OBR segment and nothing else")
    func missingOBR() throws {
        let clean = HL7MonitorSimulator(seed: Self.seed)
        let faulty = HL7MonitorSimulator(seed: Self.seed, faults: [.missingOBR])
        let expected = try SimTest.parse(clean.message(index: 2))
        let actual = try SimTest.parse(faulty.message(index: 2))
        #expect(actual.first("OBR") == nil)
        let obr = try #require(expected.first("OBR"))
        #expect(actual == expected.removingSegments(at: [obr.index]))
    }

    @Test("adt-message sends ADT^A01 for the same patient, still well formed")
    func adtMessage() throws {
        let clean = try SimTest.parse(HL7MonitorSimulator(seed: Self.seed).message(index: 3))
        let faulty = try SimTest.parse(HL7MonitorSimulator(seed: Self.seed, faults: [.adtMessage]).message(index: 3))
        #expect(SimTest.segmentIDs(faulty) == ["MSH", "EVN", "PID", "PV1"])
        #expect(faulty["MSH-9"] == "ADT^A01^ADT_A01")
        #expect(faulty["MSH-9.1"] != "ORU")
        #expect(faulty["EVN-2"] == clean["MSH-7"])
        for path in ["MSH-3", "MSH-7", "MSH-10", "MSH-11", "MSH-12", "MSH-15", "MSH-16", "MSH-18", "MSH-21", "PID-3", "PID-5", "PV1-2"] {
            #expect(faulty[path] == clean[path], "\(path)")
        }
    }

    @Test("bad-delimiters declares a repeated delimiter in MSH-2 and changes no other byte")
    func badDelimiters() throws {
        let clean = HL7MonitorSimulator(seed: Self.seed).message(index: 0)
        let faulty = HL7MonitorSimulator(seed: Self.seed, faults: [.badDelimiters]).message(index: 0)
        #expect(Array(faulty.prefix(9)) == Array("MSH|^^\\&|".utf8))
        #expect(faulty.count == clean.count)
        let differing = zip(clean, faulty).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(differing == [5])
        #expect(throws: HL7ParseError.self) { try HL7Message.parse(faulty) }
    }

    @Test("transport and fuzz-only faults leave the message content alone")
    func transportFaultsKeepContent() {
        let clean = HL7MonitorSimulator(seed: Self.seed)
        for fault in HL7MonitorFault.allCases where fault.isTransportFault || fault.isFuzzOnly {
            let faulty = HL7MonitorSimulator(seed: Self.seed, faults: [fault])
            #expect(faulty.message(index: 1) == clean.message(index: 1), "\(fault.name)")
        }
    }

    @Test("faults combine in a fixed order, whatever order they are given in")
    func combinationIsOrderIndependent() {
        let faults: [HL7MonitorFault] = [.controlCharacters, .badEscape, .wrongUnit, .missingPID3, .noUTCOffset]
        let forward = HL7MonitorSimulator(seed: 5, faults: faults)
        let backward = HL7MonitorSimulator(seed: 5, faults: faults.reversed())
        for index in 0..<5 {
            #expect(forward.message(index: index) == backward.message(index: index))
        }
    }

    @Test("the oversized message is the message with a large note and its own control ID")
    func oversizeMessage() throws {
        let monitor = HL7MonitorSimulator(seed: Self.seed, faults: [.oversizeFrame], oversizeNoteBytes: 5000)
        let large = monitor.oversizeMessage(index: 1)
        #expect(large.count > 5000)
        let parsed = try SimTest.parse(large)
        #expect(parsed["MSH-10"] == monitor.controlID(index: 1) + "-LARGE")
        #expect(parsed.segments.last?.id == "NTE")
        #expect(HL7MonitorSimulator(seed: Self.seed).oversizeMessage(index: 0).count > 2 << 20)
    }

    @Test("fault names parse back, and unknown names are refused")
    func faultNames() {
        #expect(HL7MonitorSimulator(seed: 1, faultNames: ["wrong-unit", "drop-connection"])?.faults == [.wrongUnit, .dropConnection])
        #expect(HL7MonitorSimulator(seed: 1, faultNames: ["wrong-units"]) == nil)
        for fault in HL7MonitorFault.allCases {
            #expect(HL7MonitorFault(rawValue: fault.name) == fault)
            // A fuzz-only fault breaks nothing the ordinary suites check; every other fault does.
            #expect(fault.breaks.isEmpty == fault.isFuzzOnly, "\(fault.name)")
            #expect(!fault.summary.isEmpty)
        }
    }

    @Test("the monitor waits for the acknowledgements MSH-15 and MSH-16 ask for")
    func awaitedAcknowledgements() {
        #expect(HL7MonitorSimulator(seed: 1).acknowledgementsAwaited(index: 0) == (false, true))
        #expect(HL7MonitorSimulator(seed: 1, faults: [.badAckMode]).acknowledgementsAwaited(index: 0) == (false, true))
        #expect(HL7MonitorSimulator(seed: 1, faults: [.adtMessage]).acknowledgementsAwaited(index: 0) == (false, true))
    }
}
