/// A lookup from byte strings to row numbers that hashes a value in place, so looking up a
/// value read from a message allocates nothing.
///
/// Open addressing over flat arrays: a lookup hashes the key eight bytes at a time, probes a
/// slot array and compares bytes once. Tables are looked up for every OBX of every message; a
/// `Dictionary` keyed by a byte-at-a-time hash hashed the hash again with SipHash and retained
/// the bucket.
struct ByteIndex: Sendable {
    private struct Entry: Sendable {
        var key: [UInt8]
        var hash: UInt64
        var row: Int
    }

    private var entries: [Entry] = []
    /// Positions in `entries` plus one; 0 marks an empty slot. The count is a power of two at
    /// least twice the number of entries, so probes stay short and always reach an empty slot.
    private var slots: [Int32] = []

    init() {}

    /// Adds `key` for `row`; returns false when the key is already present.
    @discardableResult
    mutating func insert(_ key: [UInt8], row: Int) -> Bool {
        let hash = key.withUnsafeBufferPointer { Self.keyHash($0) }
        if position(hash: hash, matching: { $0 == key }) != nil { return false }
        entries.append(Entry(key: key, hash: hash, row: row))
        if entries.count * 2 > slots.count {
            rebuild(capacity: max(16, slots.count * 2))
        } else {
            place(entries.count - 1)
        }
        return true
    }

    /// The row of `key`, or nil.
    func row<C: Collection>(for key: C) -> Int? where C.Element == UInt8 {
        let bytes = Array(key)
        return row(in: bytes, 0..<bytes.count)
    }

    /// The row of the bytes at `range` in `bytes`, or nil; nil too when the range does not fit.
    func row(in bytes: [UInt8], _ range: Range<Int>) -> Int? {
        guard bytes.fits(range), !slots.isEmpty else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            let key = UnsafeBufferPointer(rebasing: buffer[range])
            return position(hash: Self.keyHash(key), matching: { Self.equal($0, key) })
                .map { entries[$0].row }
        }
    }

    /// The position in `entries` of the key with `hash` that `matches` accepts.
    @inline(__always)
    private func position(hash: UInt64, matching matches: ([UInt8]) -> Bool) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { return nil }
            let entry = stored - 1
            if entries[entry].hash == hash, matches(entries[entry].key) { return entry }
            slot = (slot + 1) & mask
        }
    }

    private mutating func rebuild(capacity: Int) {
        slots = Array(repeating: 0, count: capacity)
        for entry in entries.indices { place(entry) }
    }

    private mutating func place(_ entry: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: entries[entry].hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entry + 1)
    }

    /// Whether `stored` holds the bytes of `key`, compared eight at a time.
    @inline(__always)
    private static func equal(_ stored: [UInt8], _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard stored.count == key.count else { return false }
        return stored.withUnsafeBufferPointer { stored in
            var index = 0
            while let a = ByteWords.load(stored, at: index), let b = ByteWords.load(key, at: index) {
                if a != b { return false }
                index += 8
            }
            while index < key.count {
                if stored[index] != key[index] { return false }
                index += 1
            }
            return true
        }
    }

    /// The hash the index files keys under: eight bytes at a time, each word mixed in with a
    /// multiply, the tail assembled byte by byte. Stable across runs.
    @inline(__always)
    static func keyHash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var value: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        var index = 0
        while let word = ByteWords.load(key, at: index) {
            value = (value ^ word) &* 0xBF58_476D_1CE4_E5B9
            value ^= value >> 31
            index += 8
        }
        if index < key.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < key.count {
                tail |= UInt64(key[index]) << shift
                shift += 8
                index += 1
            }
            value = (value ^ tail) &* 0xBF58_476D_1CE4_E5B9
        }
        value ^= value >> 29
        value &*= 0x94D0_49BB_1331_11EB
        return value ^ (value >> 32)
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
