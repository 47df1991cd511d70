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
        guard let start = CivilTime(iso8601: started) else { return nil }
        let (sum, overflow) = start.epochMilliseconds.addingReportingOverflow(max(0, offsetNanoseconds) / 1_000_000)
        guard !overflow else { return nil }
        let time = CivilTime(epochMilliseconds: sum)
        return "\(time.date)T\(time.time)"
    }
}
