import MedConformCore

/// The rules on how a message is written: `parse`, `escapes` and `charset`.
enum EncodingRules {
    /// `parse` on a message that did not parse: the codec's error says what and where.
    static func parseFailure(_ error: HL7ParseError, byteCount: Int) -> (reason: String, evidence: [EvidenceItemValue]) {
        var evidence: [EvidenceItemValue] = [("error", error.description), ("message size", "\(byteCount) bytes")]
        if let offset = offset(of: error) { evidence.append(("message offset", "\(offset)")) }
        return ("the message cannot be parsed: \(error.description)", evidence)
    }

    private static func offset(of error: HL7ParseError) -> Int? {
        switch error {
        case .emptyInput, .messageTooLarge: nil
        case .doesNotStartWithMSH: 0
        case let .mshTooShort(offset): offset
        case let .encodingCharacterCount(_, offset): offset
        case let .invalidDelimiter(_, _, offset): offset
        case let .duplicateDelimiter(_, _, offset, _): offset
        case let .invalidSegmentID(_, offset, _): offset
        }
    }

    static func parsePassReason(_ context: MessageContext) -> String {
        "starts with MSH and declares the delimiters \(context.delimiters)"
    }

    /// The `parse` pass reason for the recommended delimiters, which nearly every device
    /// declares: made once, into each rule's pass observation.
    static let standardParsePassReason = "starts with MSH and declares the delimiters \(HL7Delimiters.standard)"

    /// `escapes`: every escape sequence in every field is well formed.
    static func escapes(_ context: MessageContext, _ recorder: inout RuleRecorder) {
        let bytes = context.message.bytes
        let escape = context.delimiters.escape
        recorder.conforming()
        // MSH-2 holds the escape character itself; when it appears nowhere else there is nothing to check.
        let occurrences = bytes.withUnsafeBufferPointer { ByteWords.count(of: escape, in: $0, upTo: 2) }
        guard occurrences > 1 else { return }
        for index in context.ids.indices {
            let segment = context.segments[index]
            let isHeader = context.ids[index] == MessageContext.msh
            let count = segment.fieldCount
            guard count >= 1 else { continue }
            for number in (isHeader ? 3 : 1)...max(count, isHeader ? 3 : 1) {
                let raw = segment.rawBytes(field: number)
                guard raw.contains(escape) else { continue }
                for problem in HL7Escaping.unescape(raw, delimiters: context.delimiters).problems {
                    recorder.fail(
                        "\(context.place(index, field: number)) (segment \(index + 1)): \(problem.description)",
                        evidence: context.evidence(index, field: number, extra: [("message offset", "\(problem.offset)")]))
                }
            }
        }
    }

    /// `charset`: valid UTF-8 when MSH-18 declares it (or is empty), and no raw control characters.
    ///
    /// Tab counts as a control character: HL7 v2 has no raw tab in its character repertoire, so
    /// a tab in a value is sent as `\X09\`. CR is the segment terminator and never inside a
    /// field after parsing; LF line ends in a file are read as segment terminators by the codec.
    static func charset(_ context: MessageContext, _ recorder: inout RuleRecorder) {
        let bytes = context.message.bytes
        let declared = context.segments[0].field(18).firstRepetition
        let isUTF8 = declared.isEmpty || FieldValues.equals(declared, "UNICODE UTF-8")
            || FieldValues.equals(declared, "UTF-8")
        var clean = true
        // One pass finds both the first invalid UTF-8 sequence and the raw control characters.
        var invalidUTF8: Int? = nil
        var first: Int? = nil
        var count = 0
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                // 32 and then 8 bytes at a time while they are all printable ASCII or CR, the
                // common case; anything else is looked at byte by byte below.
                if let base = buffer.baseAddress {
                    let at = UnsafeRawPointer(base + index)
                    if index + 32 <= buffer.count,
                       PrintableASCII.exceptions(at) | PrintableASCII.exceptions(at + 8)
                        | PrintableASCII.exceptions(at + 16) | PrintableASCII.exceptions(at + 24) == 0 {
                        index += 32
                        continue
                    }
                    if index + 8 <= buffer.count, PrintableASCII.exceptions(at) == 0 {
                        index += 8
                        continue
                    }
                }
                let byte = buffer[index]
                if byte < 0x20 || byte == 0x7F {
                    if byte != 0x0D {
                        if first == nil { first = index }
                        count += 1
                    }
                    index += 1
                } else if byte < 0x80 || !isUTF8 {
                    index += 1
                } else if invalidUTF8 == nil, let length = UTF8Validation.sequenceLength(buffer, at: index) {
                    index += length
                } else {
                    if invalidUTF8 == nil { invalidUTF8 = index }
                    index += 1
                }
            }
        }
        if let offset = invalidUTF8 {
            clean = false
            let place = placeDescription(context, offset)
            let declaration = declared.isEmpty ? "MSH-18 is empty, so the message is UTF-8" : "MSH-18 declares UTF-8"
            recorder.fail(
                "byte \(offset)\(place.text) is not valid UTF-8 (\(VisibleText.hex(bytes[offset]))); \(declaration)",
                evidence: place.evidence + [("message offset", "\(offset)"), ("byte", VisibleText.hex(bytes[offset]))])
        }
        if let first {
            clean = false
            let byte = bytes[first]
            let place = placeDescription(context, first)
            let more = count > 1 ? " (\(count) control characters in all)" : ""
            recorder.fail(
                "raw control character \\u{\(String(byte, radix: 16, uppercase: true))} at byte \(first)\(place.text); send it as the hex escape \\X\(VisibleText.hexDigits(byte))\\\(more)",
                evidence: place.evidence + [("message offset", "\(first)"), ("byte", VisibleText.hex(byte))])
        }
        if clean { recorder.conforming() }
    }

    /// " in OBX[2]-5" and evidence for a byte offset, when the offset falls in a segment.
    private static func placeDescription(_ context: MessageContext, _ offset: Int) -> (text: String, evidence: [EvidenceItemValue]) {
        guard let (segment, field) = context.locate(offset) else { return ("", []) }
        if field == 0 {
            return (" in the ID of segment \(segment + 1)", context.evidence(segment, field: nil))
        }
        return (" in \(context.place(segment, field: field)) (segment \(segment + 1))", context.evidence(segment, field: field))
    }
}
