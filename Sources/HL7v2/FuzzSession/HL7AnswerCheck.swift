import MedConformCore

/// Judges one frame a device sent back to a fuzz case: is it a message at all, an
/// acknowledgement, with a known code, echoing the control ID it should.
enum HL7AnswerCheck {
    static let codes = ["AA", "AE", "AR", "CA", "CE", "CR"]

    enum Verdict: Equatable {
        case fine(code: String)
        /// An acknowledgement of an earlier message on the same connection, left over.
        case stray
        case malformed(String)
        case wrong(String)
    }

    /// - Parameters:
    ///   - frame: The payload of the frame.
    ///   - echo: The control ID the answer must carry in MSA-2, when the case's MSH-10 is known.
    ///   - earlier: Control IDs sent earlier on the connection; answers to them are strays.
    static func judge(_ frame: [UInt8], echo: String?, earlier: [String]) -> Verdict {
        let message: HL7Message
        do {
            message = try HL7Message.parse(frame)
        } catch {
            return .malformed("\(frame.count) bytes that are not an HL7 message: \(error)")
        }
        guard message.first("MSA") != nil else {
            return .wrong("a \(message["MSH-9"].map { "'\(LogText.printable($0))'" } ?? "message") without an MSA segment")
        }
        let code = message["MSA-1"] ?? ""
        let answered = message["MSA-2"] ?? ""
        if !answered.isEmpty, answered != echo, earlier.contains(answered) { return .stray }
        guard codes.contains(code) else { return .wrong("MSA-1 '\(LogText.printable(code))' is not an acknowledgement code") }
        // A receiver that rejects a message it could not read may have no control ID to echo;
        // an empty MSA-2 on a rejection is tolerated, a wrong one never is. A control ID that
        // is no valid MSH-10 (longer than its 199 characters, or with control characters)
        // need not come back whole.
        if let echo, echoable(echo), answered != echo, !(answered.isEmpty && code != "AA" && code != "CA") {
            return .wrong("MSA-2 '\(LogText.printable(answered))' does not echo the control ID '\(LogText.printable(echo))'")
        }
        return .fine(code: code)
    }

    /// Whether a control ID can be expected back exactly: at most 199 characters (the length
    /// of MSH-10 as HL7 v2.6 gives it) and no control characters.
    static func echoable(_ controlID: String) -> Bool {
        controlID.unicodeScalars.count <= 199 && !controlID.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    /// The payload between MLLP start and end blocks, when the bytes are framed that way.
    static func payload(of bytes: [UInt8]) -> [UInt8] {
        guard bytes.first == 0x0B, let end = bytes.lastIndex(of: 0x1C), end > 0 else { return bytes }
        return Array(bytes[1..<end])
    }
}
