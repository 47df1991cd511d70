/// Reads hex text into bytes for an ``APDUCutter``: hex digits in runs of even length,
/// separated by white space or commas, each run optionally prefixed `0x`; `#` starts a
/// comment to the end of the line. Lines break at LF, CR or CRLF.
///
/// Digits pair within a run only, so a lost digit costs one byte of one run instead of
/// shifting every byte after it by a nibble.
struct HexTextScanner {
    private var line = 1
    private var column = 1
    private var runDigits = 0
    private var runStart = CapturePosition.text(line: 1, column: 1)
    private var highNibble: UInt8?
    private var highPosition = CapturePosition.text(line: 1, column: 1)
    /// The current run of non-separators held a character that is not a digit: that
    /// character is the problem, and an odd digit count that follows from it is not another.
    private var runDamaged = false
    private var inToken = false
    private(set) var digitCount = 0

    /// True when `bytes` read as hex text: UTF-8 without a NUL. Every binary APDU holds
    /// 0x00 (the second byte of its choice), so a binary capture never passes, while a text
    /// with a stray control character still reads as text and gets that character reported.
    static func isText(_ bytes: [UInt8]) -> Bool {
        if bytes.contains(0) { return false }
        let invalid = transcode(bytes.makeIterator(), from: UTF8.self, to: UTF32.self, stoppingOnError: true) { _ in }
        return !invalid
    }

    /// Scans all of `bytes`, handing bytes to `cutter` and problems to `problems`.
    mutating func scan(_ bytes: [UInt8], into cutter: inout APDUCutter, problems: inout CaptureProblemList) {
        var index = 0
        // A byte order mark is not a column.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        var inComment = false
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isLineBreak(byte) {
                endRun(&problems)
                inComment = false
                line += 1
                column = 1
                index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                continue
            }
            if inComment {
                // Continuation bytes of UTF-8 are part of the character before them.
                if byte & 0xC0 != 0x80 { column += 1 }
                index += 1
                continue
            }
            if Self.isSpace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "#") {
                endRun(&problems)
                inComment = byte == UInt8(ascii: "#")
                column += 1
                index += 1
                continue
            }
            if !inToken, byte == UInt8(ascii: "0"), index + 1 < bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "x") {
                inToken = true
                column += 2
                index += 2
                continue
            }
            inToken = true
            if let value = Self.hexValue(byte) {
                if runDigits == 0 { runStart = position }
                runDigits += 1
                digitCount += 1
                if let high = highNibble {
                    cutter.append(high << 4 | value, at: highPosition)
                    highNibble = nil
                } else {
                    highNibble = value
                    highPosition = position
                }
                column += 1
                index += 1
                continue
            }
            let width = min(Self.utf8Width(lead: byte), bytes.count - index)
            problems.add(CaptureProblem(position: position, kind: .nonHexCharacter(Self.shown(Array(bytes[index..<index + width])))))
            runDamaged = true
            column += 1
            index += width
        }
        endRun(&problems)
    }

    private var position: CapturePosition { .text(line: line, column: column) }

    private mutating func endRun(_ problems: inout CaptureProblemList) {
        if runDigits % 2 == 1, !runDamaged {
            problems.add(CaptureProblem(position: runStart, kind: .oddDigitCount(digits: runDigits)))
        }
        runDigits = 0
        highNibble = nil
        runDamaged = false
        inToken = false
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C
    }

    private static func isLineBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The length of the UTF-8 sequence a lead byte starts (the text is known to be valid).
    private static func utf8Width(lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }

    /// The character quoted, with its code point when it is not plain ASCII, since a
    /// no-break space or a look-alike letter is invisible in a quote alone; control and
    /// space characters by their code point only.
    private static func shown(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let scalar = text.unicodeScalars.first else { return "''" }
        let digits = String(scalar.value, radix: 16, uppercase: true)
        let codePoint = "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        if scalar.value < 0x20 || scalar.value == 0x7F || scalar.properties.isWhitespace { return codePoint }
        return scalar.isASCII ? "'\(text)'" : "'\(text)' (\(codePoint))"
    }
}

/// Problems in file order, at most ``limit`` of them, then a count of the rest.
struct CaptureProblemList {
    static let limit = 100
    private var kept: [CaptureProblem] = []
    private var dropped = 0
    private var lastPosition: CapturePosition?

    mutating func add(_ problem: CaptureProblem) {
        lastPosition = max(lastPosition ?? problem.position, problem.position)
        if kept.count < Self.limit { kept.append(problem) } else { dropped += 1 }
    }

    /// Adds a problem past the limit: one that says what became of the file's bytes.
    mutating func addAlways(_ problem: CaptureProblem) {
        lastPosition = max(lastPosition ?? problem.position, problem.position)
        kept.append(problem)
    }

    /// The problems kept in file order (those at one position in the order found), and
    /// one more saying how many were not kept.
    var all: [CaptureProblem] {
        let ordered = kept.enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }.map(\.element)
        guard dropped > 0, let lastPosition else { return ordered }
        return ordered + [CaptureProblem(position: lastPosition, kind: .moreProblems(count: dropped))]
    }
}
