/// Time stamps for simulated messages, derived from numbers only.
///
/// Simulators must produce the same bytes on every machine and every day, so they never read
/// a clock: a message's time is a fixed base plus a step per message index. Formatting is done
/// here with integer arithmetic, because Foundation's formatters depend on locale and time zone.
enum SimulatedTime {
    /// 2026-11-21 09:00:00 UTC, the time of message 0, in seconds since 1970-01-01 UTC.
    static let baseEpochSeconds: Int64 = epochSeconds(year: 2026, month: 11, day: 21, hour: 9, minute: 0, second: 0)

    /// Seconds between consecutive messages of a simulator.
    static let messageStepSeconds: Int64 = 60

    /// Indexes beyond this (about 1.9 million years of messages) count as this one, so that no
    /// index can overflow the arithmetic.
    static let maxIndex = 1_000_000_000_000

    /// The time of message `index`: the base plus `index` steps.
    static func messageTime(index: Int) -> Int64 {
        baseEpochSeconds + Int64(min(max(0, index), maxIndex)) * messageStepSeconds
    }

    /// `YYYYMMDDHHMMSS+0000` (or without the offset), the HL7 DTM form to the second, in UTC.
    static func dtm(_ epochSeconds: Int64, withOffset: Bool = true) -> String {
        let days = floorDivide(epochSeconds, 86_400)
        let secondOfDay = epochSeconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        let text = pad(year, 4) + pad(month, 2) + pad(day, 2)
            + pad(secondOfDay / 3600, 2) + pad(secondOfDay % 3600 / 60, 2) + pad(secondOfDay % 60, 2)
        return withOffset ? text + "+0000" : text
    }

    /// Seconds since 1970-01-01 UTC of a civil date and time (proleptic Gregorian calendar).
    static func epochSeconds(year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64) -> Int64 {
        days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// Days since 1970-01-01 of a civil date (H. Hinnant's `days_from_civil`).
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
    static func civil(fromDays count: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = count + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
