import MedConformCore
import Testing

@testable import HL7v2

@Suite("Simulated monitor: fault-free messages")
struct MonitorMessageTests {
    let monitor = HL7MonitorSimulator(seed: 20_261_121)

    @Test("message(index:) is a pure function of seed and index")
    func deterministic() {
        let again = HL7MonitorSimulator(seed: 20_261_121)
        for index in 0..<20 {
            #expect(monitor.message(index: index) == again.message(index: index))
        }
        let other = HL7MonitorSimulator(seed: 20_261_122)
        #expect(monitor.message(index: 0) != other.message(index: 0))
        #expect(monitor.message(index: 0) != monitor.message(index: 1))
    }

    @Test("time stamps come from the index, not a clock")
    func timestampsFromIndex() throws {
        let first = try SimTest.parse(monitor.message(index: 0))
        let later = try SimTest.parse(monitor.message(index: 90))
        #expect(first["MSH-7"] == "20261121090000+0000")
        #expect(later["MSH-7"] == "20261121103000+0000")
        // Across a month boundary and a year boundary, checked against the civil calendar.
        #expect(SimulatedTime.dtm(SimulatedTime.messageTime(index: 9 * 24 * 60 + 15 * 60)) == "20261201000000+0000")
        #expect(SimulatedTime.dtm(SimulatedTime.epochSeconds(year: 2028, month: 2, day: 29, hour: 23, minute: 59, second: 59)) == "20280229235959+0000")
        #expect(SimulatedTime.dtm(0, withOffset: false) == "19700101000000")
        // Absurd indexes neither trap nor repeat the first message.
        #expect(monitor.message(index: .max) != monitor.message(index: 0))
        #expect(monitor.message(index: -5) == monitor.message(index: 0))
        // The same message a second later is still byte for byte the same.
        #expect(monitor.message(index: 3) == HL7MonitorSimulator(seed: 20_261_121).message(index: 3))
    }

    @Test("control IDs are unique per message and differ between seeds")
    func controlIDs() throws {
        var seen: Set<String> = []
        for index in 0..<200 {
            let id = try SimTest.parse(monitor.message(index: index))["MSH-10"] ?? ""
            #expect(id == monitor.controlID(index: index))
            #expect(seen.insert(id).inserted)
        }
        #expect(HL7MonitorSimulator(seed: 1).controlID(index: 0) != HL7MonitorSimulator(seed: 2).controlID(index: 0))
    }

    @Test("the header, patient, visit and order carry the PCD-01 and overlay values")
    func headerAndPatient() throws {
        let message = try SimTest.parse(monitor.message(index: 4))
        #expect(SimTest.segmentIDs(message) == ["MSH", "PID", "PV1", "OBR"] + Array(repeating: "OBX", count: 10))
        #expect(message.delimiters == HL7Delimiters.standard)
        #expect(message["MSH-3"] == "MEDCONFORM-SIM^0012345678ABCDEF^EUI-64")
        #expect(message["MSH-9"] == "ORU^R01^ORU_R01")
        #expect(message["MSH-11"] == "P")
        #expect(message["MSH-12"] == "2.6")
        #expect(message["MSH-15"] == "NE")
        #expect(message["MSH-16"] == "AL")
        #expect(message["MSH-18"] == "UNICODE UTF-8")
        #expect(message["MSH-21"] == "IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO")
        let nationalID = message["PID-3.1"] ?? ""
        #expect(nationalID.count == 16 && nationalID.allSatisfy { $0.isNumber })
        #expect(message["PID-3.4"] == "EXAMPLE-NID")
        #expect(message["PID-3.5"] == "NI")
        #expect(MonitorContent.patientNames.contains(message["PID-5"] ?? ""))
        #expect(["F", "M"].contains(message["PID-8"] ?? ""))
        #expect(message["PV1-2"] == "I")
        #expect(message["PV1-3.1"] == "SIM-ICU")
        #expect(message["OBR-1"] == "1")
        #expect(message["OBR-2.3"] == "0012345678ABCDEF")
        #expect(message["OBR-3.4"] == "EUI-64")
        #expect(message["OBR-4"] == "182777000^monitoring of patient^SNOMED-CT")
        #expect(message["OBR-7"]?.hasSuffix("+0000") == true)
        // The patient stays the same from message to message.
        let later = try SimTest.parse(monitor.message(index: 5))
        #expect(later["PID-3"] == message["PID-3"])
        #expect(later["PID-5"] == message["PID-5"])
    }

    @Test("observations: MDC codes and units, unique dotted sub-IDs, R status, offsets, EUI-64")
    func observations() throws {
        let message = try SimTest.parse(monitor.message(index: 0))
        let rows = message.segments(named: "OBX")
        let expected: [(code: String, subID: String, type: String, unit: String)] = [
            ("528388^MDC_DEV_SPEC_PROFILE_PULS_OXIM^MDC", "1.0.0.0", "", ""),
            ("531969^MDC_ID_MODEL_NUMBER^MDC", "1.0.0.1", "ST", ""),
            ("150456^MDC_PULS_OXIM_SAT_O2^MDC", "1.1.1.1", "NM", "262688^MDC_DIM_PERCENT^MDC"),
            ("149530^MDC_PULS_OXIM_PULS_RATE^MDC", "1.1.1.2", "NM", "264864^MDC_DIM_BEAT_PER_MIN^MDC"),
            ("528391^MDC_DEV_SPEC_PROFILE_BP^MDC", "2.0.0.0", "", ""),
            ("150021^MDC_PRESS_BLD_NONINV_SYS^MDC", "2.1.1.1", "NM", "266016^MDC_DIM_MMHG^MDC"),
            ("150022^MDC_PRESS_BLD_NONINV_DIA^MDC", "2.1.1.2", "NM", "266016^MDC_DIM_MMHG^MDC"),
            ("150023^MDC_PRESS_BLD_NONINV_MEAN^MDC", "2.1.1.3", "NM", "266016^MDC_DIM_MMHG^MDC"),
            ("528392^MDC_DEV_SPEC_PROFILE_TEMP^MDC", "3.0.0.0", "", ""),
            ("150364^MDC_TEMP_BODY^MDC", "3.1.1.1", "NM", "268192^MDC_DIM_DEGC^MDC"),
        ]
        try #require(rows.count == expected.count)
        for (number, (row, want)) in zip(rows, expected).enumerated() {
            #expect(row.field(1).text == String(number + 1))
            #expect(row.field(2).text == want.type)
            #expect(row.field(3).text == want.code)
            #expect(row.field(4).text == want.subID)
            #expect(row.field(6).text == want.unit)
            #expect(row.field(5).isEmpty == want.type.isEmpty, "device rows carry no value, the others do")
            #expect(row.field(11).text == "R")
            #expect(row.field(14).text.count == 19 && row.field(14).text.hasSuffix("+0000"))
            #expect(row.field(18).text == "0012345678ABCDEF^EUI-64")
        }
    }

    @Test("vital signs stay in their realistic ranges and MAP follows SYS and DIA", arguments: [0 as UInt64, 1, 42, 20_261_121, .max])
    func vitalSignRanges(seed: UInt64) throws {
        let monitor = HL7MonitorSimulator(seed: seed)
        for index in 0..<50 {
            let message = try SimTest.parse(monitor.message(index: index))
            let rows = message.segments(named: "OBX")
            func value(_ row: Int) -> Int? { Int(rows[row].field(5).text) }
            let spo2 = try #require(value(2)), pulse = try #require(value(3))
            let sys = try #require(value(5)), dia = try #require(value(6)), map = try #require(value(7))
            #expect((94...99).contains(spo2))
            #expect((55...95).contains(pulse))
            #expect((105...135).contains(sys))
            #expect((65...88).contains(dia))
            #expect(map == dia + Int((Double(sys - dia) / 3).rounded()))
            let temperature = rows[9].field(5).text
            #expect(temperature.count == 4 && temperature.dropFirst(2).first == ".")
            let tenths = try #require(Int(temperature.replacingOccurrences(of: ".", with: "")))
            #expect((363...374).contains(tenths))
        }
    }

    @Test("every message is plain ASCII, needs no escapes, and ends every segment with CR")
    func plainBytes() {
        for index in 0..<20 {
            let bytes = monitor.message(index: index)
            #expect(bytes.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0D })
            #expect(bytes.last == 0x0D)
            #expect(!bytes.contains(0x0A))
        }
    }

    @Test("the harness's valid template is the fault-free monitor's message")
    func validTemplate() {
        #expect(HL7Simulators.validObservationReport(seed: 9, index: 3) == HL7MonitorSimulator(seed: 9).message(index: 3))
    }

    @Test("the gateway accepts every fault-free message")
    func gatewayAcceptsFaultFree() throws {
        for index in 0..<10 {
            let message = try SimTest.parse(monitor.message(index: index))
            #expect(GatewayValidation.findings(in: message) == [])
        }
    }
}
