import MedConformCore

/// Absolute times for simulated PHD devices, derived from numbers only.
///
/// Simulators must send the same bytes on every machine and every day, so they never read a
/// clock. A device's clock starts at 2026-11-21 08:00:00 UTC plus a seed-derived number of
/// minutes (under 12 hours), so that two simulated devices disagree the way real ones do;
/// measurement `n` is taken `n + 1` minutes after that start.
enum PHDSimulatedClock {
    static let baseEpochSeconds: Int64 = CivilTime(year: 2026, month: 11, day: 21, hour: 8).epochMilliseconds / 1000

    /// Indexes beyond this count as this one, so no index can overflow the arithmetic.
    static let maxIndex = 1_000_000_000_000

    /// The device's start time, in seconds since 1970.
    static func start(seed: UInt64) -> Int64 {
        baseEpochSeconds + Int64(SplitMix64.mix(seed ^ 0x434C_4F43_4B53_5441) % 720) * 60
    }

    /// The time of measurement `index` (the MDS clock reads `start` itself).
    static func measurementTime(seed: UInt64, index: Int) -> Int64 {
        start(seed: seed) + (Int64(min(max(0, index), maxIndex)) + 1) * 60
    }

    /// The 8-byte BCD AbsoluteTime of `epochSeconds`, hundredths zero.
    static func absoluteTime(_ epochSeconds: Int64) -> AbsoluteTime {
        let civil = CivilTime(epochMilliseconds: epochSeconds * 1000)
        return AbsoluteTime(year: Int(civil.year), month: Int(civil.month), day: Int(civil.day),
                            hour: Int(civil.hour), minute: Int(civil.minute), second: Int(civil.second))
    }
}
