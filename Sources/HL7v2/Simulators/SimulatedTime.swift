import MedConformCore

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
        let text = CivilTime(epochMilliseconds: epochSeconds * 1000).hl7Seconds
        return withOffset ? text + "+0000" : text
    }

    /// Seconds since 1970-01-01 UTC of a civil date and time (proleptic Gregorian calendar).
    static func epochSeconds(year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64) -> Int64 {
        CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second).epochMilliseconds / 1000
    }
}
