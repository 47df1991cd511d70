import MedConformCore

/// A defect the simulated receiving gateway can be told to have.
///
/// Most faults change the acknowledgements ``HL7GatewaySimulator/respond(to:index:)`` returns;
/// ``lateAck``, ``brokenAckFraming`` and ``dropBeforeAck`` change how
/// ``HL7GatewaySimulator/serve(_:log:)`` sends them.
///
/// Fuzz-only faults (``isFuzzOnly``) break nothing the ordinary suites check: each shows only
/// for one kind of malformed or unusual input, for fuzzing campaigns to find.
public enum HL7GatewayFault: String, CaseIterable, Sendable, Hashable {
    case wrongMSA2 = "wrong-msa2"
    case noAck = "no-ack"
    case lateAck = "late-ack"
    case badAckCode = "bad-ack-code"
    case acceptEverything = "accept-everything"
    case rejectEverything = "reject-everything"
    case commitAckInOriginalMode = "commit-ack-in-original-mode"
    case wrongAckType = "wrong-ack-type"
    case incompleteERR = "incomplete-err"
    case missingMSA = "missing-msa"
    case emptyMSA2 = "empty-msa2"
    case missingAckMSH21 = "missing-ack-msh21"
    case brokenAckFraming = "broken-ack-framing"
    case dropBeforeAck = "drop-before-ack"
    case crashOnHexEscape = "crash-on-hex-escape"
    case hangOnDelimiterRedeclaration = "hang-on-delimiter-redeclaration"
    case garbledAckOnLongComponent = "garbled-ack-on-long-component"
    case wrongEchoOnManyRepetitions = "wrong-echo-on-many-repetitions"
    case stallAfterOversize = "stall-after-oversize"

    /// The fault's name as written in profiles and on the command line.
    public var name: String { rawValue }

    /// What the faulty gateway does, in one line.
    public var summary: String {
        switch self {
        case .wrongMSA2:
            "puts its own control ID in MSA-2 instead of echoing the message's MSH-10"
        case .noAck:
            "never acknowledges"
        case .lateAck:
            "acknowledges only after the harness's response timeout has passed (not at all once the next message has come)"
        case .badAckCode:
            "accepts valid messages with MSA-1 'OK', which table 0008 does not have (rejections stay AE)"
        case .acceptEverything:
            "answers AA even to messages that break the profile"
        case .rejectEverything:
            "answers AE, with an ERR segment, even to conformant messages"
        case .commitAckInOriginalMode:
            "sends a commit acknowledgement (CA or CE) where an application acknowledgement is owed"
        case .wrongAckType:
            "writes MSH-9 of its acknowledgements as ACK^A01^ACK"
        case .incompleteERR:
            "sends ERR segments without ERR-3 (error code) and ERR-4 (severity)"
        case .missingMSA:
            "sends acknowledgements without an MSA segment"
        case .emptyMSA2:
            "leaves MSA-2 empty instead of echoing the message's MSH-10"
        case .missingAckMSH21:
            "leaves MSH-21 of its acknowledgements empty"
        case .brokenAckFraming:
            "sends garbage before each acknowledgement's start block and LF instead of CR after its end block"
        case .dropBeforeAck:
            "closes the connection instead of acknowledging the second message"
        case .crashOnHexEscape:
            "crashes: resets the connection and refuses every later one until restarted"
        case .hangOnDelimiterRedeclaration:
            "stops answering on the connection, ignoring what comes until the peer closes it"
        case .garbledAckOnLongComponent:
            "answers with the acknowledgement cut off inside MSH-2, which is no HL7 message"
        case .wrongEchoOnManyRepetitions:
            "echoes its own control ID in MSA-2 instead of the message's MSH-10"
        case .stallAfterOversize:
            "stops acknowledging anything, on every connection, until restarted"
        }
    }

    /// The requirement IDs a run against this fault fails.
    public var breaks: [String] {
        switch self {
        case .wrongMSA2: ["HL7-MSA-2-ECHO"]
        case .noAck: ["HL7-MLLP-REPLY"]
        case .lateAck: ["HL7-MLLP-REPLY"]
        // 'OK' is no code of table 0008, so it is neither an accept nor an application
        // acknowledgement: the mode is wrong too (acceptance itself is then inconclusive).
        case .badAckCode: ["HL7-MSA-1", "HL7-ACK-MODE"]
        case .acceptEverything: ["HL7-ACK-REJECT-INVALID"]
        case .rejectEverything: ["HL7-ACK-ACCEPT-VALID"]
        case .commitAckInOriginalMode: ["HL7-ACK-MODE"]
        case .wrongAckType: ["PCD01-ACK-MSH-9"]
        case .incompleteERR: ["PCD01-ACK-ERR"]
        // Without MSA there is no MSA-2 to echo MSH-10 (and MSA's required fields are not judged).
        case .missingMSA: ["PCD01-ACK-STRUCTURE", "HL7-MSA-2-ECHO"]
        // An empty MSA-2 is not valued, and it does not echo MSH-10 either.
        case .emptyMSA2: ["PCD01-ACK-MSA-REQUIRED", "HL7-MSA-2-ECHO"]
        case .missingAckMSH21: ["PCD01-ACK-MSH-21"]
        case .brokenAckFraming: ["HL7-MLLP-FRAMING"]
        case .dropBeforeAck: ["HL7-MLLP-REPLY"]
        case .crashOnHexEscape, .hangOnDelimiterRedeclaration, .garbledAckOnLongComponent,
             .wrongEchoOnManyRepetitions, .stallAfterOversize: []
        }
    }

    /// The input that sets off a fuzz-only fault and how a campaign sees it fail; nil for
    /// the faults the ordinary suites find.
    public var fuzzOnly: FaultDescription.FuzzOnly? {
        switch self {
        case .crashOnHexEscape:
            FaultDescription.FuzzOnly(
                trigger: "OBX-5 of some OBX, as written, holds a hex escape \\X...\\ with an odd number of hex digits "
                    + "or a character that is no hex digit, or an unterminated \\X",
                failureClasses: [.reset, .refused, .probeFailed])
        case .hangOnDelimiterRedeclaration:
            FaultDescription.FuzzOnly(
                trigger: "MSH-2 (encoding characters) is anything but ^~\\&", failureClasses: [.timeout])
        case .garbledAckOnLongComponent:
            FaultDescription.FuzzOnly(
                trigger: "a component of some field is longer than \(HL7GatewaySimulator.longComponentBytes) bytes as written",
                failureClasses: [.malformedAnswer])
        case .wrongEchoOnManyRepetitions:
            FaultDescription.FuzzOnly(
                trigger: "a field of some segment has more than \(HL7GatewaySimulator.repetitionLimit) repetitions",
                failureClasses: [.wrongAnswer])
        case .stallAfterOversize:
            FaultDescription.FuzzOnly(
                trigger: "\(HL7GatewaySimulator.oversizeMessagesToStall) messages larger than "
                    + "\(HL7GatewaySimulator.oversizeBytes / 1024) KiB have come since the simulator started, over all "
                    + "connections (the last of them goes unanswered too)",
                failureClasses: [.timeout, .probeFailed])
        default:
            nil
        }
    }

    /// True for faults only a fuzzer finds: see ``fuzzOnly``.
    public var isFuzzOnly: Bool { fuzzOnly != nil }

    /// True for faults applied while sending rather than to the acknowledgement content.
    public var isTransportFault: Bool {
        switch self {
        case .lateAck, .brokenAckFraming, .dropBeforeAck: true
        default: false
        }
    }
}
