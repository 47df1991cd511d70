/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny, fast generator whose output n is a pure
/// function of the seed and n. Simulators draw their realistic values from it so that the
/// same seed gives the same device behaviour on every machine; the standard library's
/// generators make no such promise across releases.
public struct SplitMix64: Sendable, Hashable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The Weyl increment (golden ratio) added to the state before every output.
    public static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    public mutating func next() -> UInt64 {
        state &+= Self.gamma
        return Self.mix(state)
    }

    /// Output n (0-based) of the generator seeded with `seed`, without producing the others.
    public static func output(seed: UInt64, index: UInt64) -> UInt64 {
        mix(seed &+ gamma &* (index &+ 1))
    }

    /// The SplitMix64 finaliser: a bijective 64-bit mixer. Public because the fuzzing core
    /// derives its keys with it, and one implementation keeps both bit-identical.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's method with rejection).
    public mutating func next(below bound: UInt64) -> UInt64 {
        guard bound > 1 else { return 0 }
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// A uniform integer in `range`.
    public mutating func next(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(bitPattern: Int64(range.upperBound) &- Int64(range.lowerBound)) &+ 1
        if width == 0 { return Int(truncatingIfNeeded: next()) }
        return range.lowerBound &+ Int(truncatingIfNeeded: next(below: width))
    }
}
