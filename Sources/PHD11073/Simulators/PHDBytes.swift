/// Big-endian helpers for attribute values, which the codec keeps as bytes.
enum PHDBytes {
    static func u16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }

    static func u32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    static func u64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8((value >> (56 - 8 * UInt64($0))) & 0xFF) } }

    /// A length-prefixed OCTET STRING.
    static func octetString(_ value: [UInt8]) -> [UInt8] { u16(UInt16(min(value.count, 0xFFFF))) + value.prefix(0xFFFF) }

    static func readU16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1]) }

    static func readU32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(readU16(bytes, at)) << 16 | UInt32(readU16(bytes, at + 2))
    }

    /// `timeout` between zero and one day: waits add it to the clock and multiply it, which
    /// must not overflow whatever a profile configures.
    static func boundedTimeout(_ timeout: Duration) -> Duration { min(max(timeout, .zero), .seconds(86_400)) }

    /// Lowercase hex, for log lines.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] })
    }

    /// `0x` and four hex digits.
    static func hex16(_ value: UInt16) -> String { "0x" + hex(u16(value)).uppercased() }

    /// The encoded bytes of an APDU the simulators build. Their APDUs stay far below the
    /// 64 KiB a 16-bit length allows, so encoding cannot fail; an empty array would only come
    /// from a bug, and the peer would see it as nothing sent rather than a trap.
    static func encoded(_ apdu: APDU) -> [UInt8] { (try? apdu.encoded()) ?? [] }
}
