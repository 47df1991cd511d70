/// Conversion between text and ER7 escaped bytes.
///
/// Unescaping replaces `\F\ \S\ \T\ \R\ \E\ \L\` with the delimiter bytes and `\Xhh..\` with
/// the bytes it encodes. Formatting and character-set sequences (`\H\ \N\ \.br\ \Z..\ \C..\
/// \M..\`) are kept verbatim, escape characters included: plain text keeps every piece of
/// information and callers that render formatted text use ``elements(_:delimiters:)``.
/// Malformed sequences are kept verbatim too and reported as ``HL7EscapeProblem``s.
public enum HL7Escaping {
    /// Escapes `text` for use as one value: every delimiter becomes its escape sequence, and
    /// CR, LF, 0x0B and 0x1C become hex escapes so a value can never break a segment or an
    /// MLLP frame.
    public static func escape(_ text: String, delimiters: HL7Delimiters) -> [UInt8] {
        escape(text.utf8, delimiters: delimiters)
    }

    /// Escapes raw bytes for use as one value, with the same rules as the `String` overload.
    public static func escape<C: Collection>(_ bytes: C, delimiters: HL7Delimiters) -> [UInt8]
    where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let e = delimiters.escape
        for byte in bytes {
            let code: UInt8?
            switch byte {
            case delimiters.field: code = 0x46  // F
            case delimiters.component: code = 0x53  // S
            case delimiters.subcomponent: code = 0x54  // T
            case delimiters.repetition: code = 0x52  // R
            case e: code = 0x45  // E
            default: code = byte == delimiters.truncation ? 0x4C : nil  // L
            }
            if let code {
                out.append(contentsOf: [e, code, e])
            } else if byte == ASCIIByte.carriageReturn || byte == ASCIIByte.lineFeed
                || byte == ASCIIByte.verticalTab || byte == ASCIIByte.fileSeparator
            {
                out.append(contentsOf: [
                    e, 0x58, ASCIIByte.upperHexDigits[Int(byte >> 4)], ASCIIByte.upperHexDigits[Int(byte & 0x0F)], e,
                ])
            } else {
                out.append(byte)
            }
        }
        return out
    }

    /// Unescapes one value (a field repetition, component or subcomponent).
    ///
    /// Never fails: malformed sequences are copied verbatim and listed in `problems` with
    /// their position.
    public static func unescape(_ raw: ArraySlice<UInt8>, delimiters: HL7Delimiters)
        -> (bytes: [UInt8], problems: [HL7EscapeProblem])
    {
        guard raw.containsByte(delimiters.escape) else { return (Array(raw), []) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var problems: [HL7EscapeProblem] = []
        forEachElement(raw, delimiters: delimiters) { element in
            switch element {
            case let .literal(bytes):
                out.append(contentsOf: bytes)
            case let .escape(token, raw):
                if let byte = token.delimiterByte(in: delimiters) {
                    out.append(byte)
                } else if case let .hexData(bytes) = token {
                    out.append(contentsOf: bytes)
                } else {
                    out.append(contentsOf: raw)
                }
            case let .invalid(problem, raw):
                problems.append(problem)
                out.append(contentsOf: raw)
            }
        }
        return (out, problems)
    }

    /// Splits one value into literal text, escape tokens and malformed sequences, in order;
    /// the tool for renderers of formatted text (FT) and for escape checks.
    public static func elements(_ raw: ArraySlice<UInt8>, delimiters: HL7Delimiters) -> [HL7TextElement] {
        var elements: [HL7TextElement] = []
        forEachElement(raw, delimiters: delimiters) { elements.append($0) }
        return elements
    }

    /// The unescaped value decoded as UTF-8, skipping all work when there is no escape character.
    static func text(_ raw: ArraySlice<UInt8>, delimiters: HL7Delimiters) -> String {
        guard raw.containsByte(delimiters.escape) else { return String(decoding: raw, as: UTF8.self) }
        return String(decoding: unescape(raw, delimiters: delimiters).bytes, as: UTF8.self)
    }

    /// The tokenizer behind ``unescape(_:delimiters:)`` and ``elements(_:delimiters:)``.
    ///
    /// An escape sequence ends at the next escape character. Because HL7 forbids delimiters
    /// inside a sequence, meeting one first (or the end of the value) makes the opening escape
    /// character unterminated: only that character is reported, and scanning resumes after it.
    static func forEachElement(
        _ raw: ArraySlice<UInt8>, delimiters: HL7Delimiters, _ body: (HL7TextElement) -> Void
    ) {
        let e = delimiters.escape
        var literalStart = raw.startIndex
        var i = raw.startIndex
        let end = raw.endIndex
        while i < end {
            guard raw[i] == e else {
                i += 1
                continue
            }
            if literalStart < i { body(.literal(raw[literalStart..<i])) }
            var close = i + 1
            while close < end, raw[close] != e, !isStructural(raw[close], delimiters) { close += 1 }
            guard close < end, raw[close] == e else {
                body(.invalid(HL7EscapeProblem(offset: i, kind: .unterminated), raw: raw[i..<i + 1]))
                i += 1
                literalStart = i
                continue
            }
            let sequence = raw[i...close]
            switch classify(raw[(i + 1)..<close], at: i, delimiters: delimiters) {
            case let .success(token): body(.escape(token, raw: sequence))
            case let .failure(problem): body(.invalid(problem, raw: sequence))
            }
            i = close + 1
            literalStart = i
        }
        if literalStart < end { body(.literal(raw[literalStart..<end])) }
    }

    private static func isStructural(_ byte: UInt8, _ d: HL7Delimiters) -> Bool {
        byte == d.field || byte == d.component || byte == d.repetition || byte == d.subcomponent
            || byte == ASCIIByte.carriageReturn || byte == ASCIIByte.lineFeed
    }

    /// Reads the body between the escape characters; `at` is the opening escape's offset.
    private static func classify(_ body: ArraySlice<UInt8>, at offset: Int, delimiters: HL7Delimiters)
        -> Result<HL7EscapeToken, HL7EscapeProblem>
    {
        guard let code = body.first else { return .failure(HL7EscapeProblem(offset: offset, kind: .empty)) }
        let rest = body.dropFirst()
        let malformed = HL7EscapeProblem(offset: offset, kind: .malformed(code: code))
        func single(_ token: HL7EscapeToken) -> Result<HL7EscapeToken, HL7EscapeProblem> {
            rest.isEmpty ? .success(token) : .failure(malformed)
        }
        switch code {
        case 0x46: return single(.fieldSeparator)
        case 0x53: return single(.componentSeparator)
        case 0x54: return single(.subcomponentSeparator)
        case 0x52: return single(.repetitionSeparator)
        case 0x45: return single(.escapeCharacter)
        case 0x48: return single(.startHighlighting)
        case 0x4E: return single(.normalText)
        case 0x4C:
            guard rest.isEmpty else { return .failure(malformed) }
            guard delimiters.truncation != nil else {
                return .failure(HL7EscapeProblem(offset: offset, kind: .truncationNotDeclared))
            }
            return .success(.truncationCharacter)
        case 0x2E:  // "."
            let isCommand = !rest.isEmpty && rest.allSatisfy { ASCIIByte.isAlphanumeric($0) || $0 == 0x2B || $0 == 0x2D }
            return isCommand ? .success(.formatting(command: String(decoding: rest, as: UTF8.self))) : .failure(malformed)
        case 0x58:  // X
            guard !rest.isEmpty else { return .failure(HL7EscapeProblem(offset: offset, kind: .emptyHexData)) }
            return decodeHex(rest).map { .hexData($0) }
        case 0x5A:  // Z
            return rest.isEmpty ? .failure(malformed) : .success(.locallyDefined(Array(rest)))
        case 0x43:  // C
            guard rest.count == 4, case let .success(bytes) = decodeHex(rest) else { return .failure(malformed) }
            return .success(.singleByteCharacterSet(bytes))
        case 0x4D:  // M
            guard rest.count == 4 || rest.count == 6, case let .success(bytes) = decodeHex(rest) else {
                return .failure(malformed)
            }
            return .success(.multiByteCharacterSet(bytes))
        default:
            return .failure(HL7EscapeProblem(offset: offset, kind: .unknownCode(code)))
        }
    }

    private static func decodeHex(_ digits: ArraySlice<UInt8>) -> Result<[UInt8], HL7EscapeProblem> {
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var high: UInt8? = nil
        for index in digits.indices {
            guard let value = ASCIIByte.hexValue(digits[index]) else {
                return .failure(HL7EscapeProblem(offset: index, kind: .invalidHexDigit(digits[index])))
            }
            if let h = high {
                out.append(h << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        guard high == nil else {
            return .failure(HL7EscapeProblem(offset: digits.startIndex - 2, kind: .oddHexDigitCount(digits.count)))
        }
        return .success(out)
    }
}
