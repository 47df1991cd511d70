import MedConformCore
import Transports

/// A simulated IHE PCD-01 Device Observation Reporter: a bedside vital-signs monitor that
/// sends ORU^R01 observation reports (SpO2, pulse rate, non-invasive blood pressure, body
/// temperature) to the harness, which plays the receiving system.
///
/// Every message is a pure function of the seed, the faults and the message index: no clock,
/// no system randomness, no hash order reaches the bytes. Message `n` is stamped
/// 2026-11-21 09:00:00+0000 plus `n` minutes. Without faults every message conforms to
/// `hl7v2`, `ihe-pcd-01` and the `national/example-id` overlay.
///
/// ```swift
/// let monitor = HL7MonitorSimulator(seed: 7, faults: [.wrongUnit])
/// let first = monitor.message(index: 0)          // ORU^R01 bytes, segments ended by CR
/// await monitor.run(on: channel, count: 10, responseTimeout: .seconds(2)) { print($0) }
/// ```
public struct HL7MonitorSimulator: Sendable {
    /// The seed all values derive from.
    public let seed: UInt64
    /// The faults the monitor has.
    public let faults: Set<HL7MonitorFault>
    /// Size of the note in the extra message that ``HL7MonitorFault/oversizeFrame`` sends; it
    /// must exceed the receiver's largest accepted frame (2 MiB by default, twice the usual 1 MiB).
    public let oversizeNoteBytes: Int

    /// Creates a monitor.
    /// - Parameters:
    ///   - seed: Chooses the patient, the control-ID prefix and every vital sign.
    ///   - faults: The defects to have; none gives a conformant device.
    ///   - oversizeNoteBytes: See ``oversizeNoteBytes``.
    public init(seed: UInt64, faults: some Sequence<HL7MonitorFault> = [], oversizeNoteBytes: Int = 2 << 20) {
        self.seed = seed
        self.faults = Set(faults)
        self.oversizeNoteBytes = max(0, oversizeNoteBytes)
    }

    /// Creates a monitor from fault names as written in profiles; nil when a name is unknown.
    public init?(seed: UInt64, faultNames: [String]) {
        var faults: [HL7MonitorFault] = []
        for name in faultNames {
            guard let fault = HL7MonitorFault(rawValue: name) else { return nil }
            faults.append(fault)
        }
        self.init(seed: seed, faults: faults)
    }

    /// The simulated device's EUI-64 (MSH-3, OBR-2/3, OBX-18).
    public static var deviceEUI64: String { MonitorContent.deviceEUI64 }

    /// MSH-10 of message `index`: `SIM`, six hex digits from the seed, `-`, the index.
    public func controlID(index: Int) -> String {
        "SIM" + MonitorContent.controlIDPrefix(seed: seed, salt: 0x4D4F_4E49_544F_5221) + "-" + String(max(0, index))
    }

    /// The payload of message `index` (from 0), without MLLP framing: an ORU^R01 (or, with
    /// ``HL7MonitorFault/adtMessage``, an ADT^A01) with every content fault applied.
    /// A pure function of the seed, the faults and `index`; negative indexes count as 0.
    public func message(index: Int) -> [UInt8] {
        draft(index: index).encoded()
    }

    /// The extra message ``HL7MonitorFault/oversizeFrame`` sends before message `index`: that
    /// message with its own control ID and a note of ``oversizeNoteBytes`` letters.
    public func oversizeMessage(index: Int) -> [UInt8] {
        var message = draft(index: index)
        message.set("MSH", 10, controlID(index: index) + "-LARGE")
        message.segments.append(SegmentDraft("NTE", ["1", "", String(repeating: "A", count: oversizeNoteBytes)]))
        return message.encoded()
    }

    // MARK: - Message content

    /// Positions of the OBX rows, in message order, for the faults that change one row.
    enum Row {
        static let oximeter = 0, modelNumber = 1, spo2 = 2, pulseRate = 3
        static let bloodPressure = 4, systolic = 5, diastolic = 6, mean = 7
        static let thermometer = 8, temperature = 9
    }

    func draft(index rawIndex: Int) -> MessageDraft {
        let index = max(0, rawIndex)
        let withOffset = !faults.contains(.noUTCOffset)
        let messageTime = SimulatedTime.messageTime(index: index)
        let vitals = MonitorContent.vitalSigns(seed: seed, index: index)
        let observed = SimulatedTime.dtm(messageTime - Int64(vitals.observationLag), withOffset: withOffset)
        let patient = MonitorContent.patient(seed: seed)
        let control = controlID(index: index)

        var message = MessageDraft()
        message.segments.append(
            .header([
                MonitorContent.sendingApplication, "", "", "",                  // MSH-3 … MSH-6
                SimulatedTime.dtm(messageTime, withOffset: withOffset), "",     // MSH-7, MSH-8
                "ORU^R01^ORU_R01", control, "P", "2.6", "", "",                 // MSH-9 … MSH-14
                "NE", "AL", "", "UNICODE UTF-8", "", "",                        // MSH-15 … MSH-20
                MonitorContent.profileIdentifier,                               // MSH-21
            ]))
        message.segments.append(
            SegmentDraft("PID", ["", "", patient.nationalID + "^^^EXAMPLE-NID^NI", "", patient.name, "", "", patient.sex]))
        message.segments.append(SegmentDraft("PV1", ["", "I", patient.location]))
        let order = control + "^MEDCONFORM-SIM^" + MonitorContent.deviceEUI64 + "^EUI-64"
        message.segments.append(
            SegmentDraft("OBR", ["1", "P" + order, "F" + order, MonitorContent.universalServiceID, "", "", observed]))

        var setID = 0
        func row(_ type: String, _ code: String, _ subID: String, _ value: String = "", _ unit: String = "") {
            setID += 1
            message.segments.append(
                SegmentDraft("OBX", [
                    String(setID), type, code, subID, value, unit, "", "", "", "", "R", "", "", observed, "", "", "",
                    MonitorContent.equipment,
                ]))
        }
        row("", "528388^MDC_DEV_SPEC_PROFILE_PULS_OXIM^MDC", "1.0.0.0")
        row("ST", "531969^MDC_ID_MODEL_NUMBER^MDC", "1.0.0.1", MonitorContent.modelNumber)
        row("NM", "150456^MDC_PULS_OXIM_SAT_O2^MDC", "1.1.1.1", String(vitals.spo2), "262688^MDC_DIM_PERCENT^MDC")
        row("NM", "149530^MDC_PULS_OXIM_PULS_RATE^MDC", "1.1.1.2", String(vitals.pulseRate), "264864^MDC_DIM_BEAT_PER_MIN^MDC")
        row("", "528391^MDC_DEV_SPEC_PROFILE_BP^MDC", "2.0.0.0")
        row("NM", "150021^MDC_PRESS_BLD_NONINV_SYS^MDC", "2.1.1.1", String(vitals.systolic), "266016^MDC_DIM_MMHG^MDC")
        row("NM", "150022^MDC_PRESS_BLD_NONINV_DIA^MDC", "2.1.1.2", String(vitals.diastolic), "266016^MDC_DIM_MMHG^MDC")
        row("NM", "150023^MDC_PRESS_BLD_NONINV_MEAN^MDC", "2.1.1.3", String(vitals.mean), "266016^MDC_DIM_MMHG^MDC")
        row("", "528392^MDC_DEV_SPEC_PROFILE_TEMP^MDC", "3.0.0.0")
        row("NM", "150364^MDC_TEMP_BODY^MDC", "3.1.1.1", vitals.temperatureText, "268192^MDC_DIM_DEGC^MDC")

        if faults.contains(.adtMessage) {
            message = admission(from: message, messageTime: messageTime, withOffset: withOffset)
        }
        applyContentFaults(to: &message, messageTime: messageTime)
        return message
    }

    /// ADT^A01 for the same patient: what a device that confuses its role would send.
    private func admission(from report: MessageDraft, messageTime: Int64, withOffset: Bool) -> MessageDraft {
        var message = MessageDraft(report.segments.filter { ["MSH", "PID", "PV1"].contains($0.id) })
        message.set("MSH", 9, "ADT^A01^ADT_A01")
        message.segments.insert(SegmentDraft("EVN", ["A01", SimulatedTime.dtm(messageTime, withOffset: withOffset)]), at: 1)
        return message
    }

    /// Applies the content faults in declaration order, so that the result never depends on
    /// the order of the set.
    private func applyContentFaults(to message: inout MessageDraft, messageTime: Int64) {
        func setOBX(_ row: Int, _ field: Int, _ value: String) {
            guard let position = message.index(of: "OBX", occurrence: row) else { return }
            message.segments[position].set(field, value)
        }
        func appendToOBX5(_ row: Int, _ bytes: [UInt8]) {
            guard let position = message.index(of: "OBX", occurrence: row) else { return }
            var value = message.segments[position].fields.count >= 5 ? message.segments[position].fields[4] : []
            value.append(contentsOf: bytes)
            message.segments[position].setRaw(5, value)
        }
        for fault in HL7MonitorFault.allCases where faults.contains(fault) {
            switch fault {
            case .wrongRefidCode: setOBX(Row.pulseRate, 3, "150457^MDC_PULS_OXIM_PULS_RATE^MDC")
            case .badOBX3Coding: setOBX(Row.spo2, 3, "150456^MDC_PULS_OXIM_SAT_O2")
            case .missingPID3: message.set("PID", 3, "")
            case .localPatientIDOnly: message.set("PID", 3, "12345^^^HOSPITAL^MR")
            case .duplicateOBX4: setOBX(Row.diastolic, 4, "2.1.1.1")
            case .badOBX4Form: setOBX(Row.spo2, 4, "1-1-1")
            case .wrongUnit: setOBX(Row.spo2, 6, "266016^MDC_DIM_MMHG^MDC")
            case .missingUnit: setOBX(Row.pulseRate, 6, "")
            case .nonNumericValue: setOBX(Row.spo2, 5, "ninety")
            case .wrongMessageType: message.set("MSH", 9, "ORU^R01")
            case .adtMessage: break  // built above: it replaces the whole message
            case .wrongVersion: message.set("MSH", 12, "2.5")
            case .badProcessingID: message.set("MSH", 11, "X")
            case .badAckMode: message.set("MSH", 15, "XX")
            case .missingMSH21: message.set("MSH", 21, "")
            case .missingOBR: message.remove("OBR")
            case .missingOBRFields: message.set("OBR", 3, "")
            case .missingOBX11: setOBX(Row.spo2, 11, "")
            case .missingPV12: message.set("PV1", 2, "")
            case .pid13Telephone: message.set("PID", 13, "5550100^PRN^PH")
            case .badTimestamp: message.set("MSH", 7, Self.humanReadableTime(messageTime))
            case .noUTCOffset: break  // applied while building: every time stamp is written without it
            case .latin1Charset: message.set("MSH", 18, "8859/1")
            case .invalidUTF8:
                if let position = message.index(of: "PID") {
                    let name = message.segments[position].fields.count >= 5 ? message.segments[position].fields[4] : []
                    // 0xFF after the family name: never valid in UTF-8, still a valued PID-5.
                    var bytes: [UInt8] = []
                    var inserted = false
                    for byte in name {
                        if byte == 0x5E && !inserted {
                            bytes.append(0xFF)
                            inserted = true
                        }
                        bytes.append(byte)
                    }
                    if !inserted { bytes.append(0xFF) }
                    message.segments[position].setRaw(5, bytes)
                }
            case .controlCharacters:
                // Raw SOH and ESC, and text that would close a CDATA section and open a failure in
                // a JUnit report that copied device text without escaping it.
                appendToOBX5(Row.modelNumber, [0x20, 0x01, 0x1B] + Array("]]></system-out><failure>".utf8))
            case .badEscape: appendToOBX5(Row.modelNumber, Array(" \\X4".utf8))
            case .badDelimiters: message.set("MSH", 2, "^^\\&")
            case .brokenFraming, .oversizeFrame, .dropConnection: break  // applied by `run`
            case .crashOnAckEscape, .hangOnAckRedeclaration: break  // react to acknowledgements in `run`
            }
        }
    }

    /// `2026-11-21 09:00`: how a person writes the time, not an HL7 DTM.
    static func humanReadableTime(_ epochSeconds: Int64) -> String {
        let stamp = Array(SimulatedTime.dtm(epochSeconds, withOffset: false))
        func part(_ range: Range<Int>) -> String { String(stamp[range]) }
        return part(0..<4) + "-" + part(4..<6) + "-" + part(6..<8) + " " + part(8..<10) + ":" + part(10..<12)
    }

    /// Which acknowledgements message `index` asks for in MSH-15 and MSH-16 (HL7 table 0155):
    /// both empty is original mode (one application acknowledgement); otherwise AL asks always.
    /// ER and SU ask only on error or success, so the monitor does not wait for them.
    func acknowledgementsAwaited(index: Int) -> (accept: Bool, application: Bool) {
        let draft = draft(index: index)
        guard let header = draft.segments.first else { return (false, true) }
        let accept = header.text(15), application = header.text(16)
        if accept.isEmpty && application.isEmpty { return (false, true) }
        return (accept == "AL", application == "AL")
    }
}
