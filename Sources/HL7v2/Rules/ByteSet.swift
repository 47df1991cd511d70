/// A set of bytes as a 256-bit mask.
struct ByteSet: Sendable, Equatable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init() {}

    init(_ bytes: ClosedRange<UInt8>) {
        for byte in bytes { insert(byte) }
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    mutating func formUnion(_ other: ByteSet) {
        words.0 |= other.words.0
        words.1 |= other.words.1
        words.2 |= other.words.2
        words.3 |= other.words.3
    }

    /// The complement within ASCII: non-ASCII input never reaches the byte engine.
    var invertedASCII: ByteSet {
        var result = ByteSet()
        for byte in UInt8(0)...0x7F where !contains(byte) { result.insert(byte) }
        return result
    }

    static func == (lhs: ByteSet, rhs: ByteSet) -> Bool {
        lhs.words == rhs.words
    }

    static let digits = ByteSet(0x30...0x39)
    static let word: ByteSet = {
        var set = ByteSet(0x30...0x39)
        set.formUnion(ByteSet(0x41...0x5A))
        set.formUnion(ByteSet(0x61...0x7A))
        set.insert(0x5F)
        return set
    }()
    /// ICU's `\s` restricted to ASCII: tab, LF, FF, CR and space.
    static let space: ByteSet = {
        var set = ByteSet()
        for byte: UInt8 in [0x09, 0x0A, 0x0C, 0x0D, 0x20] { set.insert(byte) }
        return set
    }()
    /// ICU's `.`: any character but the line terminators LF, VT, FF and CR.
    static let dot: ByteSet = {
        var set = ByteSet()
        for byte in UInt8(0)...0x7F where !(0x0A...0x0D).contains(byte) { set.insert(byte) }
        return set
    }()
}
