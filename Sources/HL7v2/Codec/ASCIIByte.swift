/// Byte classification and rendering shared by the codec; kept ASCII-only so results never
/// depend on locale.
enum ASCIIByte {
    static let carriageReturn: UInt8 = 0x0D
    static let lineFeed: UInt8 = 0x0A
    static let verticalTab: UInt8 = 0x0B
    static let fileSeparator: UInt8 = 0x1C
    static let doubleQuote: UInt8 = 0x22

    @inline(__always)
    static func isLineBreak(_ byte: UInt8) -> Bool {
        byte == carriageReturn || byte == lineFeed
    }

    @inline(__always)
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// Segment IDs are three of these: upper-case letters and digits.
    @inline(__always)
    static func isSegmentIDByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
    }

    /// The value of a hexadecimal digit (either case), or nil.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte &- 0x30
        case 0x41...0x46: byte &- 0x41 &+ 10
        case 0x61...0x66: byte &- 0x61 &+ 10
        default: nil
        }
    }

    static let upperHexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Bytes quoted for a diagnostic: printable ASCII as is, anything else as `\xNN`, so device
    /// garbage can never inject control characters into a report.
    static func quoted<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var text = "\""
        for byte in bytes {
            text += rendered(byte)
        }
        return text + "\""
    }

    /// One byte as it appears in diagnostics: `'|' (0x7C)`.
    static func described(_ byte: UInt8) -> String {
        let hex = "0x" + String(decoding: [upperHexDigits[Int(byte >> 4)], upperHexDigits[Int(byte & 0x0F)]], as: UTF8.self)
        if byte >= 0x20 && byte <= 0x7E {
            return "'\(String(decoding: [byte], as: UTF8.self))' (\(hex))"
        }
        return hex
    }

    private static func rendered(_ byte: UInt8) -> String {
        switch byte {
        case 0x22: return "\\\""
        case 0x5C: return "\\\\"
        case 0x20...0x7E: return String(decoding: [byte], as: UTF8.self)
        default:
            return "\\x" + String(decoding: [upperHexDigits[Int(byte >> 4)], upperHexDigits[Int(byte & 0x0F)]], as: UTF8.self)
        }
    }
}
