/// Device bytes turned into text that is safe to put in a reason or an evidence value.
///
/// A device is untrusted: a value it sends may hold control characters, invalid UTF-8 or
/// text crafted to break a terminal, XML or HTML. Reasons are one line, so everything that is
/// not printable is shown as a visible escape (`\u{1B}` for a control character, `\x{FF}` for a
/// byte that is not UTF-8), and long values are cut with a note of their length.
enum VisibleText {
    /// The longest value shown in full (in characters); longer values are cut so one reason
    /// stays one line.
    static let limit = 64

    /// `bytes` as visible text, at most `limit` characters plus a note of what was cut.
    static func of<C: Collection>(_ bytes: C, limit: Int = VisibleText.limit) -> String where C.Element == UInt8 {
        // Printable ASCII that fits is shown as it is: the common case, without per-character work.
        if bytes.count <= limit, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        let array = Array(bytes)
        return array.withUnsafeBufferPointer { buffer in
            var out = ""
            var shown = 0
            var index = 0
            while index < buffer.count {
                if shown >= limit {
                    out += "… (\(buffer.count) bytes)"
                    break
                }
                guard let length = UTF8Validation.sequenceLength(buffer, at: index) else {
                    out += "\\x{" + hexDigits(buffer[index]) + "}"
                    index += 1
                    shown += 1
                    continue
                }
                let scalarText = String(decoding: UnsafeBufferPointer(rebasing: buffer[index..<index + length]), as: UTF8.self)
                for scalar in scalarText.unicodeScalars { out += rendered(scalar) }
                index += length
                shown += 1
            }
            return out
        }
    }

    /// Appends `bytes` as visible text to UTF-8 `text`: as they are when printable ASCII that fits.
    static func append<C: Collection>(_ bytes: C, to text: inout [UInt8]) where C.Element == UInt8 {
        if bytes.count <= limit, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            text.append(contentsOf: bytes)
        } else {
            text.append(contentsOf: of(bytes).utf8)
        }
    }

    /// Text that may come from a device (already decoded), made safe the same way.
    static func of(_ text: String, limit: Int = VisibleText.limit) -> String {
        of(Array(text.utf8), limit: limit)
    }

    /// `bytes` in single quotes, the way reasons quote values.
    static func quoted<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        "'" + of(bytes) + "'"
    }

    /// One byte for a reason: `0x1B`.
    static func hex(_ byte: UInt8) -> String { "0x" + hexDigits(byte) }

    /// Two upper-case hex digits: `1B`.
    static func hexDigits(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    private static func rendered(_ scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        let isControl = value < 0x20 || (0x7F...0x9F).contains(value)
        // Bidirectional overrides and isolates can make a report read differently than it is.
        let isBidi = (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
        let isNonCharacter = value == 0xFFFE || value == 0xFFFF
        if isControl || isBidi || isNonCharacter {
            return "\\u{" + String(value, radix: 16, uppercase: true) + "}"
        }
        return String(Character(scalar))
    }
}
