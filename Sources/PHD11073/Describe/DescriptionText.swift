/// Formatting shared by descriptions: fixed-width uppercase hex, no locale anywhere.
enum DescriptionText {
    /// Byte strings longer than this show their start and their length.
    static let shownBytes = 64

    static func hex(_ value: UInt16) -> String { padded(UInt64(value), width: 4) }
    static func hex(_ value: UInt32) -> String { padded(UInt64(value), width: 8) }

    private static func padded(_ value: UInt64, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Bytes as contiguous hex digits: `8877665544332211`.
    static func bytes(_ bytes: some Collection<UInt8>) -> String {
        let table = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(table[Int(byte >> 4)])
            out.append(table[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An identifier's bytes as hex (`8877665544332211`); one longer than ``shownBytes``,
    /// which no real identifier is, by its start and length.
    static func identifier(_ value: [UInt8]) -> String {
        if value.isEmpty { return "(empty)" }
        return value.count <= shownBytes ? bytes(value) : "\(bytes(value.prefix(shownBytes)))… (\(value.count) bytes)"
    }

    /// Opaque bytes with their count: `3 bytes 0A0B0C`, the first ``shownBytes`` only when long.
    static func blob(_ value: [UInt8]) -> String {
        if value.isEmpty { return "0 bytes" }
        let count = "\(value.count) byte\(value.count == 1 ? "" : "s")"
        if value.count <= shownBytes { return "\(count) \(bytes(value))" }
        return "\(count) \(bytes(value.prefix(shownBytes)))…"
    }

    /// `NAME (number)`, or `number` when there is no name.
    static func named(_ name: String?, _ number: UInt16) -> String {
        name.map { "\($0) (\(number))" } ?? "\(number)"
    }

    static func count(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
