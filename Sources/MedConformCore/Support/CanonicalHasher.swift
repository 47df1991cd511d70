/// SHA-256 over length-prefixed fields (8-byte little-endian lengths), so that no two field
/// sequences hash alike by accident: `["ab", "c"]` and `["a", "bc"]` differ. Model digests,
/// run-key inputs and failure signatures are all made this way.
public struct CanonicalHasher: Sendable {
    private var sha = SHA256()

    public init() {}

    /// Adds an integer as 8 little-endian bytes.
    public mutating func add(_ value: UInt64) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8)
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
        sha.update(bytes)
    }

    /// Adds bytes, preceded by their count.
    public mutating func add(bytes: [UInt8]) {
        add(UInt64(bytes.count))
        sha.update(bytes)
    }

    /// Adds text as UTF-8, preceded by its byte count.
    public mutating func add(text: String) { add(bytes: Array(text.utf8)) }

    /// The SHA-256 of everything added.
    public consuming func finalize() -> [UInt8] { sha.finalize() }
}
