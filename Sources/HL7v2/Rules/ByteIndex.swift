/// A lookup from byte strings to row numbers that hashes a slice in place, so looking up a
/// value read from a message allocates nothing.
struct ByteIndex: Sendable {
    private var buckets: [UInt64: [(key: [UInt8], row: Int)]] = [:]

    init() {}

    /// Adds `key` for `row`; returns false when the key is already present.
    @discardableResult
    mutating func insert(_ key: [UInt8], row: Int) -> Bool {
        let hash = Self.hash(key[...])
        if buckets[hash]?.contains(where: { $0.key == key }) == true { return false }
        buckets[hash, default: []].append((key, row))
        return true
    }

    func row<C: Collection>(for key: C) -> Int? where C.Element == UInt8 {
        guard let bucket = buckets[Self.hash(key)] else { return nil }
        for entry in bucket where entry.key.elementsEqual(key) { return entry.row }
        return nil
    }

    /// FNV-1a, 64 bits: stable across runs, unlike `Hasher`, which also keeps lookups reproducible.
    @inline(__always)
    static func hash<C: Collection>(_ key: C) -> UInt64 where C.Element == UInt8 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
        return value
    }
}
