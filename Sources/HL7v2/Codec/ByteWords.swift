/// Tests on eight bytes at a time, for scans over whole messages.
///
/// Most of a message is field text without separators or line ends; loading a 64-bit word and
/// testing all eight bytes at once skips such text in one step instead of eight. The tests are
/// the classic "has a zero byte" bit trick, exact for whether any byte matches.
enum ByteWords {
    /// `byte` in each of the eight bytes of a word.
    @inline(__always)
    static func broadcast(_ byte: UInt8) -> UInt64 {
        UInt64(byte) &* 0x0101_0101_0101_0101
    }

    /// Whether some byte of `word` equals the byte that `pattern` (a ``broadcast(_:)``) repeats.
    @inline(__always)
    static func contains(_ word: UInt64, _ pattern: UInt64) -> Bool {
        let x = word ^ pattern
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }

    /// The top bit of each byte of `word` that equals the byte `pattern` repeats, and no other
    /// bit: exact, so each set bit can be taken as a match.
    @inline(__always)
    static func matches(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let x = word ^ pattern
        let low = UInt64(0x7F7F_7F7F_7F7F_7F7F)
        // A byte's top bit ends up set only when all its bits were zero; no carry crosses bytes.
        return ~(((x & low) &+ low) | x | low)
    }

    /// The eight bytes at `index`, which must be at most `buffer.count - 8` (checked: an index
    /// out of range reads as a word that matches every test, so callers look at it byte by byte).
    @inline(__always)
    static func load(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64? {
        guard index >= 0, index <= buffer.count - 8, let base = buffer.baseAddress else { return nil }
        return UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
    }

    /// How many times `byte` occurs in `buffer`, counting no further than `limit`.
    static func count(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, upTo limit: Int) -> Int {
        let pattern = broadcast(byte)
        var found = 0
        var index = 0
        while index < buffer.count {
            if let word = load(buffer, at: index), !contains(word, pattern) {
                index += 8
                continue
            }
            let stop = min(index + 8, buffer.count)
            while index < stop {
                if buffer[index] == byte {
                    found += 1
                    if found >= limit { return found }
                }
                index += 1
            }
        }
        return found
    }
}
