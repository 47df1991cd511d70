/// The 8-byte AbsoluteTime: century, year, month, day, hour, minute, second and hundredths,
/// each byte two BCD digits.
public struct AbsoluteTime: Sendable, Hashable, CustomStringConvertible {
    public var bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 8 else { return nil }
        self.bytes = bytes
    }

    /// Encodes a civil time; every part must be in range (not checked: simulators build these).
    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, hundredths: Int = 0) {
        func bcd(_ value: Int) -> UInt8 { UInt8((value / 10) << 4 | value % 10) }
        bytes = [bcd(year / 100), bcd(year % 100), bcd(month), bcd(day), bcd(hour), bcd(minute), bcd(second), bcd(hundredths)]
    }

    /// The time's two-digit parts, or nil when a nibble is not a decimal digit.
    public var parts: [Int]? {
        var parts: [Int] = []
        for byte in bytes {
            let high = Int(byte >> 4), low = Int(byte & 0x0F)
            guard high <= 9, low <= 9 else { return nil }
            parts.append(high * 10 + low)
        }
        return parts
    }

    /// Why this is not a valid time, or nil when it is one.
    public var problem: String? {
        guard let parts else { return "is not BCD (a nibble above 9)" }
        let year = parts[0] * 100 + parts[1]
        let month = parts[2], day = parts[3]
        guard (1...12).contains(month) else { return "has month \(month)" }
        let days = [31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...days).contains(day) else { return "has day \(day) in month \(month)" }
        guard parts[4] <= 23 else { return "has hour \(parts[4])" }
        guard parts[5] <= 59 else { return "has minute \(parts[5])" }
        guard parts[6] <= 59 else { return "has second \(parts[6])" }
        return nil
    }

    /// `YYYY-MM-DD hh:mm:ss.ff`, or the hex bytes when they are not BCD.
    public var description: String {
        guard let p = parts else { return bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined() }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(two(p[0]))\(two(p[1]))-\(two(p[2]))-\(two(p[3])) \(two(p[4])):\(two(p[5])):\(two(p[6])).\(two(p[7]))"
    }
}
