/// A UTC date and time in the proleptic Gregorian calendar, converted to and from epoch
/// milliseconds with integer arithmetic only (H. Hinnant's civil-from-days algorithms).
///
/// Reports, simulators and run names all format times through this one type, so no locale,
/// time zone or Foundation formatter can change a byte they write.
public struct CivilTime: Sendable, Hashable {
    public var year: Int64
    public var month: Int64
    public var day: Int64
    public var hour: Int64
    public var minute: Int64
    public var second: Int64
    public var millisecond: Int64

    public init(year: Int64, month: Int64, day: Int64, hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0, millisecond: Int64 = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
    }

    /// The civil time `epochMilliseconds` after 1970-01-01T00:00:00Z (negative is before).
    public init(epochMilliseconds: Int64) {
        let days = Self.floorDivide(epochMilliseconds, 86_400_000)
        let millisOfDay = epochMilliseconds - days * 86_400_000
        let z = days + 719_468
        let era = Self.floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let secondOfDay = millisOfDay / 1000
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
        millisecond = millisOfDay % 1000
    }

    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var epochMilliseconds: Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = Self.floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millisecond
    }

    /// Parses `YYYY-MM-DDThh:mm:ss[.fff…]Z`; finer digits than milliseconds are dropped.
    public init?(iso8601 text: String) {
        let chars = Array(text.utf8)
        guard chars.count >= 20, chars.last == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for index in range {
                guard (0x30...0x39).contains(chars[index]) else { return nil }
                value = value * 10 + Int64(chars[index] - 0x30)
            }
            return value
        }
        for (index, expected) in [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":")] as [(Int, Character)]
        where chars[index] != expected.asciiValue {
            return nil
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var millis: Int64 = 0
        let fractionEnd = chars.count - 1
        if fractionEnd > 19 {
            guard chars[19] == UInt8(ascii: "."), fractionEnd > 20,
                  chars[20..<fractionEnd].allSatisfy({ (0x30...0x39).contains($0) })
            else { return nil }
            let digits = min(fractionEnd, 23)
            millis = number(20..<digits) ?? 0
            for _ in digits..<23 { millis *= 10 }
        }
        self.init(year: year, month: month, day: day, hour: hour, minute: minute, second: second, millisecond: millis)
    }

    /// `2026-11-21`
    public var date: String { "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))" }

    /// `22:30:05`
    public var time: String { "\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2))" }

    /// `2026-11-21T22:30:05.123Z`
    public var iso8601: String { "\(date)T\(time).\(Self.pad(millisecond, 3))Z" }

    /// `20261121223005`: the HL7 DTM form to the second, without an offset.
    public var hl7Seconds: String {
        Self.pad(year, 4) + Self.pad(month, 2) + Self.pad(day, 2) + Self.pad(hour, 2) + Self.pad(minute, 2) + Self.pad(second, 2)
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
