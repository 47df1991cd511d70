import MedConformCore

/// A source of 64-bit words with integer-only, portable derived draws.
///
/// Every derived draw is our own code (fuzzing.md §3.3): the standard library's
/// `random(in:using:)` documents that its algorithm may change between releases.
public protocol FuzzRandom {
    /// The next 64-bit output.
    mutating func next() -> UInt64
}

extension FuzzRandom {
    /// A uniform integer in `0..<n` by threshold rejection; 0 when `n` is 0.
    ///
    /// `t = 2^64 mod n`; outputs below `t` are rejected, so every residue is equally likely.
    public mutating func below(_ n: UInt64) -> UInt64 {
        guard n > 1 else { return 0 }
        let threshold = (0 &- n) % n
        while true {
            let r = next()
            if r >= threshold { return r % n }
        }
    }

    /// A uniform index in `0..<count`; 0 when `count` is not positive.
    public mutating func index(below count: Int) -> Int {
        guard count > 1 else { return 0 }
        return Int(truncatingIfNeeded: below(UInt64(count)))
    }

    /// True with probability `numerator / denominator`; false when `denominator` is 0.
    public mutating func chance(_ numerator: UInt64, _ denominator: UInt64) -> Bool {
        guard denominator > 0 else { return false }
        return below(denominator) < numerator
    }

    /// An index into `weights`, each chosen with probability weight / total, walking the
    /// table in its declared order; nil when the table is empty or every weight is zero.
    public mutating func pickWeighted(_ weights: [UInt64]) -> Int? {
        var total: UInt64 = 0
        for weight in weights {
            let (sum, overflow) = total.addingReportingOverflow(weight)
            guard !overflow else { return nil }
            total = sum
        }
        guard total > 0 else { return nil }
        var x = below(total)
        for (index, weight) in weights.enumerated() {
            if x < weight { return index }
            x -= weight
        }
        return nil
    }

    /// Fisher–Yates in place: `i` from `count-1` down to 1, swapping with `below(i+1)`.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        var i = array.count - 1
        while i > 0 {
            let j = Int(truncatingIfNeeded: below(UInt64(i + 1)))
            array.swapAt(i, j)
            i -= 1
        }
    }
}

/// The Core SplitMix64 (shared with the simulators) is a ``FuzzRandom`` as it stands.
extension SplitMix64: FuzzRandom {}
