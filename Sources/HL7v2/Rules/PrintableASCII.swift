/// Word-at-a-time test for printable ASCII (0x20 to 0x7E).
enum PrintableASCII {
    /// True when all 8 bytes at `pointer` are printable ASCII.
    @inline(__always)
    static func all(_ pointer: UnsafeRawPointer) -> Bool {
        let word = pointer.loadUnaligned(as: UInt64.self)
        let high: UInt64 = 0x8080_8080_8080_8080
        // A byte below 0x20 borrows into its top bit when 0x20 is subtracted (for bytes below 0x80).
        let control = (word &- 0x2020_2020_2020_2020) & ~word & high
        // 0x7F becomes 0x80 when 1 is added; bytes of 0x80 and above have the top bit already.
        let upper = ((word & ~high) &+ 0x0101_0101_0101_0101 | word) & high
        return control | upper == 0
    }

    /// Non-zero when some byte of the 8 at `pointer` is neither printable ASCII nor CR: the
    /// text test of `charset`, where CR ends each segment and so appears in every message.
    @inline(__always)
    static func exceptions(_ pointer: UnsafeRawPointer) -> UInt64 {
        let word = pointer.loadUnaligned(as: UInt64.self)
        let high: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- 0x2020_2020_2020_2020) & ~word & high
        let upper = ((word & ~high) &+ 0x0101_0101_0101_0101 | word) & high
        // A CR's own flag is dropped. The borrow it causes may flag the byte above it too; that
        // only sends the word to the byte-by-byte path, and no other byte's own flag is lost.
        return (control | upper) & ~ByteWords.matches(word, 0x0D0D_0D0D_0D0D_0D0D)
    }
}
