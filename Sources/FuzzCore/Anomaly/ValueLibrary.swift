/// Finite value libraries (fuzzing.md §4.1), as bytes. Orders are fixed: the enumerated tier
/// numbers cases by them.
public enum ValueLibrary {
    /// Long-string lengths 2^k ± d for k in 8, 10, 12, 15, 16 and d in −1, 0, +1.
    public static let longLengths: [Int] = [255, 256, 257, 1023, 1024, 1025, 4095, 4096, 4097, 32767, 32768, 32769, 65535, 65536, 65537]

    /// `count` copies of `byte`.
    public static func run(_ byte: UInt8, _ count: Int) -> [UInt8] {
        [UInt8](repeating: byte, count: max(count, 0))
    }

    /// The empty value and long runs of `A`.
    public static let lengths: [[UInt8]] = [[]] + longLengths.map { run(0x41, $0) }

    /// Boundary integers written as text, plus the number spellings parsers disagree on.
    public static let integersAsText: [[UInt8]] = [
        "0", "-0", "-1", "1", "127", "128", "255", "256", "32767", "32768", "65535", "65536",
        "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "00000000000000000001", "+1", "1e309", "-1e309",
        "1E-400", "NaN", "Inf", "-Inf", "1,5", "1.5.5", ".", "-", "0x10", "12345678901234567890123456789",
    ].map { Array($0.utf8) }

    /// Boundary integers of `width` bytes, big-endian then little-endian.
    public static func integersAsBinary(width: Int) -> [[UInt8]] {
        let bytesWide = min(max(width, 1), 8)
        let bits = UInt64(bytesWide * 8)
        let top: UInt64 = bits == 64 ? UInt64.max : (1 << bits) - 1
        let values: [UInt64] = [0, 1, top / 2, top / 2 + 1, top - 1, top, 0x7F, 0x80, 0xFF, 0x100]
        var out: [[UInt8]] = []
        for littleEndian in [false, true] {
            for value in values where value <= top {
                var bytes: [UInt8] = []
                for index in 0..<bytesWide {
                    bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(8 * index)))
                }
                let encoded = littleEndian ? bytes : bytes.reversed()
                if !out.contains(encoded) { out.append(encoded) }
            }
        }
        return out
    }

    /// Injection strings (format strings, shell, traversal, SQL, markup).
    public static let injections: [[UInt8]] = [
        "%n%n%n%n", "%s%s%s%s", "%x%x%x%x", "$(id)", "`id`", ";id", "../../../../etc/passwd",
        "' OR '1'='1", "<script>x</script>", "\r\n",
    ].map { Array($0.utf8) }

    /// Bytes that break UTF-8 decoders or text handling: overlong NUL, surrogate, beyond
    /// U+10FFFF, NUL, BOM, Latin-1 byte, bare continuation, UTF-16 BOMs, bidi override,
    /// zero-width space, normalisation expanders.
    public static let encodings: [[UInt8]] = [
        [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x00], [0xEF, 0xBB, 0xBF], [0xE9],
        [0x80], [0xFF, 0xFE], [0xFE, 0xFF], [0xE2, 0x80, 0xAE], [0xE2, 0x80, 0x8B], [0xEF, 0xB7, 0xBD],
        [0xC3], [0xF0, 0x9D, 0x85, 0xA0], [0xC1, 0x81],
    ]
}
