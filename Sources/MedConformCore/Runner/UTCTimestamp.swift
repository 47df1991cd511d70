import Foundation

/// UTC timestamps written without Foundation formatters, so no locale or calendar setting
/// can change a report.
public enum UTCTimestamp {
    /// `2026-11-21T22:30:05.123Z`
    public static func iso8601(_ date: Date) -> String {
        let parts = civil(date)
        return "\(parts.date)T\(parts.time).\(pad(parts.millisecond, 3))Z"
    }

    /// `2026-11-21T22:30:05`: the zone-less form JUnit consumers read as UTC.
    public static func junit(_ date: Date) -> String {
        let parts = civil(date)
        return "\(parts.date)T\(parts.time)"
    }

    /// `20261121T223005Z`, for file and run names.
    public static func compact(_ date: Date) -> String {
        let parts = civil(date)
        return parts.date.replacingOccurrences(of: "-", with: "") + "T" + parts.time.replacingOccurrences(of: ":", with: "") + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    private static func civil(_ date: Date) -> (date: String, time: String, millisecond: Int) {
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var days = totalMillis / 86_400_000
        var millisOfDay = totalMillis % 86_400_000
        if millisOfDay < 0 {
            millisOfDay += 86_400_000
            days -= 1
        }
        // Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let seconds = Int(millisOfDay / 1000)
        return ("\(pad(Int(year), 4))-\(pad(Int(month), 2))-\(pad(Int(day), 2))",
                "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))",
                Int(millisOfDay % 1000))
    }
}
