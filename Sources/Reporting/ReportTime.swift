import MedConformCore

/// Times as reports write them, in integer arithmetic only: no clock, no locale, no
/// floating point, so the same run always renders the same bytes.
enum ReportTime {
    /// `12.345`: seconds with exactly three decimals (negative durations show as `0.000`).
    static func seconds(nanoseconds: Int64) -> String {
        Duration.nanoseconds(nanoseconds).secondsWithMilliseconds
    }

    /// `+1.234s`: an offset within a suite, as transcripts show it.
    static func offset(nanoseconds: Int64) -> String {
        "+" + seconds(nanoseconds: nanoseconds) + "s"
    }

    /// The zone-less UTC second `YYYY-MM-DDThh:mm:ss` at `offsetNanoseconds` after `started`
    /// (`YYYY-MM-DDThh:mm:ss[.fff]Z`), or nil when `started` is not in that form.
    static func junitTimestamp(started: String, offsetNanoseconds: Int64 = 0) -> String? {
        guard let startMillis = epochMilliseconds(started) else { return nil }
        let (sum, overflow) = startMillis.addingReportingOverflow(max(0, offsetNanoseconds) / 1_000_000)
        return overflow ? nil : civilSecond(sum)
    }

    /// Milliseconds since 1970-01-01T00:00:00Z for `YYYY-MM-DDThh:mm:ss[.f...]Z`.
    static func epochMilliseconds(_ text: String) -> Int64? {
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
        let separators: [(Int, Character)] = [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":")]
        for (index, expected) in separators where chars[index] != expected.asciiValue {
            return nil
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var millis: Int64 = 0
        let fractionEnd = chars.count - 1
        if fractionEnd > 19 {
            guard chars[19] == UInt8(ascii: "."), fractionEnd > 20 else { return nil }
            let digits = min(fractionEnd, 23) // milliseconds; finer digits are dropped
            guard let fraction = number(20..<digits),
                  chars[20..<fractionEnd].allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            millis = fraction
            for _ in digits..<23 { millis *= 10 }
        } else if fractionEnd != 19 {
            return nil
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis
    }

    /// `YYYY-MM-DDThh:mm:ss` for milliseconds since the epoch (proleptic Gregorian, UTC).
    static func civilSecond(_ epochMillis: Int64) -> String {
        var days = epochMillis / 86_400_000
        var millisOfDay = epochMillis % 86_400_000
        if millisOfDay < 0 {
            millisOfDay += 86_400_000
            days -= 1
        }
        // H. Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let second = millisOfDay / 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(second / 3600, 2)):\(pad(second / 60 % 60, 2)):\(pad(second % 60, 2))"
    }

    // H. Hinnant's days_from_civil.
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
