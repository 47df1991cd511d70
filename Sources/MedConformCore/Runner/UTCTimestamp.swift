import Foundation

/// The forms in which runs and reports write a wall-clock instant, all in UTC and all
/// through ``CivilTime``, so no locale or calendar setting can change a report.
public enum UTCTimestamp {
    /// `2026-11-21T22:30:05.123Z`
    public static func iso8601(_ date: Date) -> String { civil(date).iso8601 }

    /// `2026-11-21T22:30:05`: the zone-less form JUnit consumers read as UTC.
    public static func junit(_ date: Date) -> String {
        let time = civil(date)
        return "\(time.date)T\(time.time)"
    }

    /// `20261121T223005Z`, for file and run names.
    public static func compact(_ date: Date) -> String {
        let stamp = civil(date).hl7Seconds
        return "\(stamp.prefix(8))T\(stamp.suffix(6))Z"
    }

    /// `20261121223005+0000`: an HL7 DTM with its UTC offset.
    public static func hl7(_ date: Date) -> String { civil(date).hl7Seconds + "+0000" }

    private static func civil(_ date: Date) -> CivilTime {
        CivilTime(epochMilliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
