/// The gateway's own checks of a received observation report.
///
/// A receiving system has to decide whether to accept a message without a rules engine, so
/// the gateway carries a small, fixed list of PCD-01 checks (the harness judges with Specs/;
/// the simulator only needs to tell a conformant report from a broken one). Each finding
/// becomes one ERR segment with a code of HL7 table 0357. National overlays are not checked:
/// a PCD-01 gateway does not know them.
struct GatewayFinding: Sendable, Equatable {
    /// HL7 table 0357 codes used by the gateway.
    enum Code: Int, Sendable {
        case segmentSequenceError = 100
        case requiredFieldMissing = 101
        case dataTypeError = 102
        case tableValueNotFound = 103
        case unsupportedMessageType = 200
        case unsupportedProcessingID = 202
        case unsupportedVersionID = 203
        case duplicateKeyIdentifier = 205
        case applicationInternalError = 207

        /// The table's text for the code.
        var text: String {
            switch self {
            case .segmentSequenceError: "Segment sequence error"
            case .requiredFieldMissing: "Required field missing"
            case .dataTypeError: "Data type error"
            case .tableValueNotFound: "Table value not found"
            case .unsupportedMessageType: "Unsupported message type"
            case .unsupportedProcessingID: "Unsupported processing id"
            case .unsupportedVersionID: "Unsupported version id"
            case .duplicateKeyIdentifier: "Duplicate key identifier"
            case .applicationInternalError: "Application internal error"
            }
        }
    }

    var code: Code
    /// ERR-2 (error location, ERL): segment ID ^ occurrence ^ field; empty for the whole message.
    var location: String
    /// ERR-8 (user message): what is wrong, in plain text.
    var detail: String
}

enum GatewayValidation {
    /// At most this many findings are reported; one is enough to reject.
    static let maxFindings = 8

    /// The MDC codes the gateway knows, REFID to code, for the OBX-3 code check.
    static let knownCodes: [(refid: String, code: String)] = [
        ("MDC_PULS_OXIM_SAT_O2", "150456"), ("MDC_PULS_OXIM_PULS_RATE", "149530"),
        ("MDC_PULS_RATE", "149514"), ("MDC_PULS_RATE_NON_INV", "149546"), ("MDC_BLD_PULS_RATE_INV", "149522"),
        ("MDC_ECG_HEART_RATE", "147842"), ("MDC_PRESS_BLD_NONINV", "150020"),
        ("MDC_PRESS_BLD_NONINV_SYS", "150021"), ("MDC_PRESS_BLD_NONINV_DIA", "150022"),
        ("MDC_PRESS_BLD_NONINV_MEAN", "150023"), ("MDC_TEMP_BODY", "150364"), ("MDC_RESP_RATE", "151562"),
        ("MDC_DEV_SPEC_PROFILE_PULS_OXIM", "528388"), ("MDC_DEV_SPEC_PROFILE_BP", "528391"),
        ("MDC_DEV_SPEC_PROFILE_TEMP", "528392"),
    ]

    /// Checks one parsed message; an empty result means the gateway accepts it.
    static func findings(in message: HL7Message) -> [GatewayFinding] {
        var found: [GatewayFinding] = []
        func add(_ code: GatewayFinding.Code, _ location: String, _ detail: String) {
            if found.count < maxFindings { found.append(GatewayFinding(code: code, location: location, detail: detail)) }
        }

        let type = message["MSH-9"] ?? ""
        if type != "ORU^R01^ORU_R01" {
            add(.unsupportedMessageType, "MSH^1^9", "MSH-9 is '\(type)', expected ORU^R01^ORU_R01")
        }
        let version = message["MSH-12.1"] ?? ""
        if version != "2.6" {
            add(.unsupportedVersionID, "MSH^1^12", "MSH-12 is '\(version)', expected 2.6")
        }
        let processing = message["MSH-11.1"] ?? ""
        if !["D", "P", "T"].contains(processing) {
            add(.unsupportedProcessingID, "MSH^1^11", "MSH-11 is '\(processing)', expected D, P or T")
        }
        if let header = message.first("MSH") {
            // MSH-15 and MSH-16 may both be empty: original acknowledgement mode, which a
            // receiver still accepts (it answers with one application acknowledgement).
            for n in [3, 7, 9, 10, 11, 12, 21] where header.field(n).isEmpty {
                add(.requiredFieldMissing, "MSH^1^\(n)", "MSH-\(n) is empty")
            }
            for n in [15, 16] {
                let value = header.field(n).text
                if !value.isEmpty && !["AL", "NE", "ER", "SU"].contains(value) {
                    add(.tableValueNotFound, "MSH^1^\(n)", "MSH-\(n) '\(value)' is not in HL7 table 0155")
                }
            }
        }

        checkOrder(message, add)

        for (occurrence, pid) in message.segments(named: "PID").enumerated() {
            for n in [3, 5] where pid.field(n).isEmpty {
                add(.requiredFieldMissing, "PID^\(occurrence + 1)^\(n)", "PID-\(n) is empty")
            }
        }
        for (occurrence, pv1) in message.segments(named: "PV1").enumerated() where pv1.field(2).isEmpty {
            add(.requiredFieldMissing, "PV1^\(occurrence + 1)^2", "PV1-2 is empty")
        }
        for (occurrence, obr) in message.segments(named: "OBR").enumerated() {
            for n in 1...4 where obr.field(n).isEmpty {
                add(.requiredFieldMissing, "OBR^\(occurrence + 1)^\(n)", "OBR-\(n) is empty")
            }
        }

        var subIDs: [String] = []
        for (occurrence, obx) in message.segments(named: "OBX").enumerated() {
            let at = "OBX^\(occurrence + 1)^"
            for n in [1, 3, 4, 11] where obx.field(n).isEmpty {
                add(.requiredFieldMissing, at + "\(n)", "OBX-\(n) is empty")
            }
            let identifier = obx.field(3)
            let code = identifier.component(1).text
            let refid = identifier.component(2).text
            if !obx.field(3).isEmpty {
                if !isDigits(code) || !refid.hasPrefix("MDC_") || identifier.component(3).text != "MDC" {
                    add(.tableValueNotFound, at + "3", "OBX-3 '\(identifier.text)' is not coded as <code>^MDC_…^MDC")
                } else if let known = knownCodes.first(where: { $0.refid == refid }), known.code != code {
                    add(.tableValueNotFound, at + "3", "OBX-3 code \(code) does not belong to \(refid) (\(known.code))")
                }
            }
            let subID = obx.field(4).text
            if !subID.isEmpty {
                if subIDs.contains(subID) {
                    add(.duplicateKeyIdentifier, at + "4", "OBX-4 '\(subID)' is used twice")
                }
                subIDs.append(subID)
            }
            let valueType = obx.field(2).text
            if valueType == "NM" {
                let value = obx.field(5).text
                if !isDecimal(value) {
                    add(.dataTypeError, at + "5", "OBX-5 '\(value)' of type NM is not a number")
                }
                if obx.field(6).isEmpty {
                    add(.requiredFieldMissing, at + "6", "OBX-6 (units) is empty on a numeric observation")
                }
            }
        }
        return found
    }

    /// MSH first, PID (if any) before the first OBR, every OBX after an OBR, at least one OBR.
    private static func checkOrder(_ message: HL7Message, _ add: (GatewayFinding.Code, String, String) -> Void) {
        var seenOBR = false
        for (index, segment) in message.segments.enumerated() {
            let id = segment.id
            if index == 0 { continue }
            if id == "MSH" {
                add(.segmentSequenceError, "MSH^\(index + 1)", "a second MSH segment")
                return
            }
            if id == "OBR" { seenOBR = true }
            if id == "OBX" && !seenOBR {
                add(.segmentSequenceError, "OBX", "OBX before any OBR segment")
                return
            }
            if (id == "PID" || id == "PV1") && seenOBR {
                add(.segmentSequenceError, id, "\(id) after the OBR segment")
                return
            }
        }
        if !seenOBR { add(.segmentSequenceError, "OBR", "no OBR segment") }
    }

    static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// An HL7 NM: optional sign, digits, at most one decimal point, at least one digit.
    static func isDecimal(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let first = bytes.first, first == 0x2B || first == 0x2D { bytes = bytes.dropFirst() }
        var digits = 0, points = 0
        for byte in bytes {
            if byte >= 0x30 && byte <= 0x39 { digits += 1 } else if byte == 0x2E { points += 1 } else { return false }
        }
        return digits > 0 && points <= 1
    }
}
