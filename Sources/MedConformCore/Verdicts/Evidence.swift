/// Which way bytes travelled.
public enum Direction: String, Sendable, Codable {
    case toDevice = "harness-to-device"
    case fromDevice = "device-to-harness"
}

/// One exchange on the wire, exactly as sent or received.
public struct TranscriptEntry: Sendable, Hashable, Codable {
    public var direction: Direction
    /// Time since the suite started, in nanoseconds.
    public var offsetNanoseconds: Int64
    public var bytes: [UInt8]
    /// A one-line decoded view (message type and control ID, or what went wrong).
    public var summary: String?

    public init(direction: Direction, offset: Duration, bytes: [UInt8], summary: String? = nil) {
        self.direction = direction
        self.offsetNanoseconds = offset.nanosecondsClamped
        self.bytes = bytes
        self.summary = summary
    }
}

/// A named value that supports a verdict: the expected and actual value, a position in
/// the message, a time measured.
public struct EvidenceItem: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// What a verdict rests on. Bytes go in the transcript, never into free text.
public struct Evidence: Sendable, Hashable, Codable {
    public var items: [EvidenceItem]
    public var transcript: [TranscriptEntry]

    public init(items: [EvidenceItem] = [], transcript: [TranscriptEntry] = []) {
        self.items = items
        self.transcript = transcript
    }

    public static let none = Evidence()
}

extension Duration {
    /// Whole nanoseconds, clamped to Int64 (durations here are far below 292 years).
    public var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return product &+ attoseconds / 1_000_000_000
    }

    /// Seconds with three decimals, formatted without locale or floating point: `1.234`.
    public var secondsWithMilliseconds: String {
        let millis = max(0, nanosecondsClamped / 1_000_000)
        let fraction = String(millis % 1000)
        return "\(millis / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
