import MedConformCore

/// A defect the simulated PCD-01 monitor can be told to have.
///
/// Each fault breaks the requirements in ``breaks`` and, as far as the specs allow, nothing
/// else: the fault-coverage test runs the harness against every fault and holds it to that
/// list. Content faults change every message (``HL7MonitorSimulator/message(index:)``);
/// transport faults change how ``HL7MonitorSimulator/run(on:count:responseTimeout:log:)``
/// sends them.
///
/// Fuzz-only faults (``isFuzzOnly``) break nothing the ordinary suites check: each shows only
/// when an acknowledgement is malformed or unusual in one way, for fuzzing campaigns to find.
public enum HL7MonitorFault: String, CaseIterable, Sendable, Hashable {
    case wrongRefidCode = "wrong-refid-code"
    case badOBX3Coding = "bad-obx3-coding"
    case missingPID3 = "missing-pid3"
    case localPatientIDOnly = "local-patient-id-only"
    case duplicateOBX4 = "duplicate-obx4"
    case badOBX4Form = "bad-obx4-form"
    case wrongUnit = "wrong-unit"
    case missingUnit = "missing-unit"
    case nonNumericValue = "non-numeric-value"
    case wrongMessageType = "wrong-message-type"
    case adtMessage = "adt-message"
    case wrongVersion = "wrong-version"
    case badProcessingID = "bad-processing-id"
    case badAckMode = "bad-ack-mode"
    case missingMSH21 = "missing-msh21"
    case missingOBR = "missing-obr"
    case missingOBRFields = "missing-obr-fields"
    case missingOBX11 = "missing-obx11"
    case missingPV12 = "missing-pv1-2"
    case pid13Telephone = "pid13-telephone"
    case badTimestamp = "bad-timestamp"
    case noUTCOffset = "no-utc-offset"
    case latin1Charset = "latin1-charset"
    case invalidUTF8 = "invalid-utf8"
    case controlCharacters = "control-characters"
    case badEscape = "bad-escape"
    case badDelimiters = "bad-delimiters"
    case brokenFraming = "broken-framing"
    case oversizeFrame = "oversize-frame"
    case dropConnection = "drop-connection"
    case crashOnAckEscape = "crash-on-ack-escape"
    case hangOnAckRedeclaration = "hang-on-ack-redeclaration"

    /// The fault's name as written in profiles and on the command line.
    public var name: String { rawValue }

    /// What the faulty monitor does, in one line.
    public var summary: String {
        switch self {
        case .wrongRefidCode:
            "codes the pulse rate as 150457^MDC_PULS_OXIM_PULS_RATE^MDC (the nomenclature gives 149530), as a public sample does"
        case .badOBX3Coding:
            "writes the SpO2 OBX-3 as 150456^MDC_PULS_OXIM_SAT_O2 without the MDC coding system"
        case .missingPID3:
            "leaves PID-3 (patient identifier list) empty"
        case .localPatientIDOnly:
            "identifies the patient only by a local record number, 12345^^^HOSPITAL^MR, without the national identifier"
        case .duplicateOBX4:
            "gives the diastolic pressure the same OBX-4 sub-ID as the systolic pressure"
        case .badOBX4Form:
            "writes the SpO2 OBX-4 as 1-1-1 instead of a dotted sub-ID"
        case .wrongUnit:
            "reports SpO2 in 266016^MDC_DIM_MMHG^MDC"
        case .missingUnit:
            "leaves OBX-6 empty on the numeric pulse-rate observation"
        case .nonNumericValue:
            "sends the SpO2 value (type NM) as the word 'ninety'"
        case .wrongMessageType:
            "writes MSH-9 as ORU^R01 without the message structure ORU_R01"
        case .adtMessage:
            "sends ADT^A01 admissions instead of ORU^R01 observation reports"
        case .wrongVersion:
            "declares HL7 version 2.5 in MSH-12"
        case .badProcessingID:
            "writes X, which table 0103 does not have, in MSH-11"
        case .badAckMode:
            "writes XX, which table 0155 does not have, in MSH-15 (MSH-16 still asks for an application acknowledgement)"
        case .missingMSH21:
            "leaves MSH-21 (message profile identifier) empty"
        case .missingOBR:
            "omits the OBR segment, so the observations have no order"
        case .missingOBRFields:
            "leaves OBR-3 (filler order number) empty"
        case .missingOBX11:
            "leaves OBX-11 (observation result status) empty on the SpO2 observation"
        case .missingPV12:
            "leaves PV1-2 (patient class) empty"
        case .pid13Telephone:
            "puts the telephone number in the withdrawn first component of PID-13: 5550100^PRN^PH"
        case .badTimestamp:
            "writes MSH-7 as '2026-11-21 09:00' instead of an HL7 DTM"
        case .noUTCOffset:
            "writes every time stamp without its UTC offset"
        case .latin1Charset:
            "declares 8859/1 in MSH-18 (the content stays ASCII)"
        case .invalidUTF8:
            "puts a 0xFF byte, never valid in UTF-8, in the patient name (PID-5)"
        case .controlCharacters:
            "puts raw 0x01 and 0x1B bytes and the text ']]></system-out><failure>' in the model-number text (OBX-5, type ST)"
        case .badEscape:
            "ends the model-number text (OBX-5, type ST) with an unterminated escape sequence \\X4"
        case .badDelimiters:
            "declares MSH-2 as ^^\\&, naming one character as both component and repetition separator"
        case .brokenFraming:
            "sends garbage bytes before each start block and LF instead of CR after each end block"
        case .oversizeFrame:
            "sends, before the second message, an extra message with a 2 MiB note: a frame larger than the harness accepts"
        case .dropConnection:
            "closes the connection in the middle of the second message's frame"
        case .crashOnAckEscape:
            "crashes: resets the connection and sends nothing more"
        case .hangOnAckRedeclaration:
            "stops sending, keeping the connection open and ignoring what comes"
        }
    }

    /// The requirement IDs a run against this fault fails.
    public var breaks: [String] {
        switch self {
        case .wrongRefidCode: ["PCD01-OBX-3-REFID"]
        case .badOBX3Coding: ["PCD01-OBX-3-CODING"]
        case .missingPID3: ["PCD01-PID-REQUIRED", "IDEX-PID-3-NATIONAL-ID"]
        case .localPatientIDOnly: ["IDEX-PID-3-NATIONAL-ID"]
        case .duplicateOBX4: ["PCD01-OBX-4-UNIQUE"]
        case .badOBX4Form: ["PCD01-OBX-4-FORM"]
        case .wrongUnit: ["PCD01-OBX-6-DIMENSION"]
        // No unit at all is no unit that measures a pulse rate either.
        case .missingUnit: ["PCD01-OBX-6-UNITS", "PCD01-OBX-6-DIMENSION"]
        case .nonNumericValue: ["PCD01-OBX-VALUE"]
        case .wrongMessageType: ["PCD01-MSH-9"]
        case .adtMessage: ["PCD01-DOR-MESSAGE-TYPE"]
        case .wrongVersion: ["PCD01-MSH-12"]
        case .badProcessingID: ["PCD01-MSH-11"]
        case .badAckMode: ["PCD01-MSH-15-16"]
        case .missingMSH21: ["PCD01-MSH-REQUIRED"]
        case .missingOBR: ["PCD01-ORU-STRUCTURE"]
        case .missingOBRFields: ["PCD01-OBR-REQUIRED"]
        case .missingOBX11: ["PCD01-OBX-REQUIRED"]
        case .missingPV12: ["PCD01-PV1-REQUIRED"]
        case .pid13Telephone: ["PCD01-PID-13-XTN1"]
        // '2026-11-21 09:00' is not a DTM, and it does not end in a UTC offset either.
        case .badTimestamp: ["PCD01-TS-FORMAT", "IDEX-TS-UTC-OFFSET"]
        case .noUTCOffset: ["IDEX-TS-UTC-OFFSET"]
        case .latin1Charset: ["IDEX-MSH-18-UTF8"]
        case .invalidUTF8: ["HL7-CHARSET"]
        case .controlCharacters: ["HL7-CHARSET"]
        case .badEscape: ["HL7-ESCAPES"]
        case .badDelimiters: ["HL7-MSH-ENCODING"]
        case .brokenFraming: ["HL7-MLLP-FRAMING"]
        case .oversizeFrame: ["HL7-MLLP-FRAMING"]
        case .dropConnection: ["HL7-MLLP-FRAMING"]
        case .crashOnAckEscape, .hangOnAckRedeclaration: []
        }
    }

    /// The acknowledgement that sets off a fuzz-only fault and how a campaign sees it fail;
    /// nil for the faults the ordinary suites find.
    public var fuzzOnly: FaultDescription.FuzzOnly? {
        switch self {
        case .crashOnAckEscape:
            FaultDescription.FuzzOnly(
                trigger: "MSA-3 or some ERR field of an acknowledgement holds a malformed escape sequence: "
                    + "unterminated, an unknown escape letter, or a hex escape with an odd number of digits or a non-hex character",
                failureClasses: [.reset])
        case .hangOnAckRedeclaration:
            FaultDescription.FuzzOnly(
                trigger: "MSH-2 (encoding characters) of an acknowledgement is anything but ^~\\&",
                failureClasses: [.timeout])
        default:
            nil
        }
    }

    /// True for faults only a fuzzer finds: see ``fuzzOnly``.
    public var isFuzzOnly: Bool { fuzzOnly != nil }

    /// True for faults applied while sending rather than to the message content.
    public var isTransportFault: Bool {
        switch self {
        case .brokenFraming, .oversizeFrame, .dropConnection: true
        default: false
        }
    }
}
