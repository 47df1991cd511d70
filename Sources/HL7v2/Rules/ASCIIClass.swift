/// ASCII letter and digit tests without locale.
enum ASCIIClass {
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    @inline(__always) static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool {
        isUpper(byte) || (byte >= 0x61 && byte <= 0x7A)
    }
}
