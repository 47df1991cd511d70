import MedConformCore

/// The SplitMix64 Weyl increment γ = 0x9E3779B97F4A7C15 (fuzzing.md §3.2).
public let fuzzGamma: UInt64 = SplitMix64.gamma

/// The SplitMix64 finaliser. Every key in the fuzzing core is derived with it, so it is the
/// very function the simulators use (one implementation, bit-identical everywhere).
@inlinable
public func mix64(_ value: UInt64) -> UInt64 {
    SplitMix64.mix(value)
}

/// Folds `bytes` into the chain value `h` (fuzzing.md §3.2).
///
/// Length-prefixed, so `absorb(absorb(h, a), b)` differs from absorbing `a + b` in another
/// split; the bytes are read as 8-byte little-endian words with a zero-padded tail, so the
/// result does not depend on the host's byte order.
public func absorb<C: Collection>(_ h: UInt64, _ bytes: C) -> UInt64 where C.Element == UInt8 {
    var absorber = Absorber(h, count: bytes.count)
    absorber.feed(bytes)
    return absorber.finish()
}

/// `absorb(h, head + tail)` without building the concatenation: the random tier keys a
/// stream per drawn node by a fixed prefix and the node's path, once per anomaly.
func absorb(_ h: UInt64, _ head: [UInt8], _ tail: [UInt8]) -> UInt64 {
    var absorber = Absorber(h, count: head.count + tail.count)
    absorber.feed(head)
    absorber.feed(tail)
    return absorber.finish()
}

/// The state of one ``absorb(_:_:)``: the byte count first, then 8-byte words.
struct Absorber {
    private var state: UInt64
    private var word: UInt64 = 0
    private var shift: UInt64 = 0

    init(_ h: UInt64, count: Int) {
        state = mix64(h ^ UInt64(truncatingIfNeeded: count))
    }

    mutating func feed<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        for byte in bytes {
            word |= UInt64(byte) << shift
            shift += 8
            if shift == 64 {
                state = mix64(state ^ word) &+ fuzzGamma
                word = 0
                shift = 0
            }
        }
    }

    mutating func finish() -> UInt64 {
        if shift != 0 {
            state = mix64(state ^ word) &+ fuzzGamma
        }
        return mix64(state)
    }
}

/// Absorbs the UTF-8 bytes of `text` (paths and domain strings are ASCII by construction).
public func absorb(_ h: UInt64, text: String) -> UInt64 {
    absorb(h, Array(text.utf8))
}

/// The eight little-endian bytes of `value`: the canonical encoding of integers in keys.
public func littleEndianBytes(_ value: UInt64) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(8)
    for shift in stride(from: 0, to: 64, by: 8) {
        out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
    }
    return out
}
