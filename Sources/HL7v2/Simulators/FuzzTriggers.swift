/// The inputs that set off the simulators' fuzz-only faults, as pure functions of the bytes so
/// that each trigger is tested apart from any connection.
///
/// Every trigger reads the message as written (escapes not undone), since a defect that only a
/// fuzzer finds sits in the code that handles the raw bytes.
enum FuzzTriggers {
    /// MSH-2 as every message of the ordinary suites declares it.
    static let standardEncodingCharacters: [UInt8] = Array("^~\\&".utf8)

    /// Whether `payload` starts with an MSH segment whose MSH-2 is anything but `^~\&`.
    ///
    /// Read from the bytes, not from a parsed message: a redeclaration the parser refuses (one
    /// character in two roles) is still a redeclaration, and is exactly what a fuzzer sends.
    static func redeclaresDelimiters(_ payload: [UInt8]) -> Bool {
        guard payload.count > 3, payload.starts(with: [0x4D, 0x53, 0x48]) else { return false }
        let separator = payload[3]
        let rest = payload[4...]
        let end = rest.firstIndex { $0 == separator || $0 == ASCIIByte.carriageReturn || $0 == ASCIIByte.lineFeed }
        return !rest[..<(end ?? rest.endIndex)].elementsEqual(standardEncodingCharacters)
    }

    /// Whether OBX-5 of some OBX holds a hex escape with an odd number of digits or a non-hex
    /// character, or a `\X` that is never terminated. `\X\` with no digits does not count.
    static func malformedHexEscapeInOBX5(_ message: HL7Message) -> Bool {
        let delimiters = message.delimiters
        for segment in message.segments where segment.hasID("OBX") {
            let value = segment.rawBytes(field: 5)
            for element in HL7Escaping.elements(value, delimiters: delimiters) {
                guard case .invalid(let problem, let raw) = element else { continue }
                // The tokenizer reports an unterminated sequence as its opening character alone,
                // so the code letter is looked up in the field itself.
                let code = raw.startIndex + 1
                guard code < value.endIndex, value[code] == 0x58 else { continue }  // X
                switch problem.kind {
                case .unterminated, .oddHexDigitCount, .invalidHexDigit: return true
                default: continue
                }
            }
        }
        return false
    }

    /// Whether some component of some field is longer than `limit` bytes as written; a
    /// component's subcomponents count as part of it.
    static func hasComponent(of message: HL7Message, longerThan limit: Int) -> Bool {
        let d = message.delimiters
        for segment in message.segments {
            var run = 0
            for byte in segment.raw {
                if byte == d.field || byte == d.component || byte == d.repetition {
                    run = 0
                } else {
                    run += 1
                    if run > limit { return true }
                }
            }
        }
        return false
    }

    /// Whether some field of some segment has more than `limit` repetitions. MSH-2, which
    /// declares the repetition separator rather than using it, does not count.
    static func hasField(of message: HL7Message, withMoreRepetitionsThan limit: Int) -> Bool {
        let separator = message.delimiters.repetition
        for segment in message.segments {
            let first = segment.isHeader ? 3 : 1
            guard segment.fieldCount >= first else { continue }
            for field in first...segment.fieldCount {
                var repetitions = 1
                for byte in segment.rawBytes(field: field) where byte == separator {
                    repetitions += 1
                    if repetitions > limit { return true }
                }
            }
        }
        return false
    }

    /// Whether MSA-3 or some field of some ERR segment of an acknowledgement holds a
    /// malformed escape sequence: unterminated, an unknown code letter, or a hex escape with
    /// an odd number of digits or a non-hex character.
    static func malformedEscapeInAcknowledgementText(_ acknowledgement: HL7Message) -> Bool {
        var values: [ArraySlice<UInt8>] = []
        if let msa = acknowledgement.first("MSA") { values.append(msa.rawBytes(field: 3)) }
        for err in acknowledgement.segments(named: "ERR") where err.fieldCount > 0 {
            values += (1...err.fieldCount).map { err.rawBytes(field: $0) }
        }
        let delimiters = acknowledgement.delimiters
        return values.contains { value in
            HL7Escaping.elements(value, delimiters: delimiters).contains { element in
                guard case .invalid(let problem, _) = element else { return false }
                switch problem.kind {
                case .unterminated, .unknownCode, .oddHexDigitCount, .invalidHexDigit: return true
                default: return false
                }
            }
        }
    }
}
