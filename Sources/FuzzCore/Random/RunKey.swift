import MedConformCore

/// The key of one fuzzing run: everything that must match for two machines to agree on case N.
///
/// Derived by absorbing, after a domain string, the profile digest, the model digest, the
/// generator version and the run seed (fuzzing.md §3.2). Changing any one of them changes
/// every case, which is why a replay record stores all four.
public struct RunKey: Sendable, Hashable {
    /// The domain string that separates these keys from any other use of `absorb`.
    public static let domain = "medconform/fuzz/case/v1"

    /// The 64-bit key.
    public let value: UInt64
    /// The inputs, kept for records: anyone holding them regenerates the run's cases.
    public let profileDigest: [UInt8]
    public let modelDigest: [UInt8]
    public let generatorVersion: String
    public let seed: UInt64

    /// Derives the key; digests are absorbed as raw bytes (normally 32-byte SHA-256).
    public init(profileDigest: [UInt8], modelDigest: [UInt8], generatorVersion: String, seed: UInt64) {
        var h = absorb(0, text: Self.domain)
        h = absorb(h, profileDigest)
        h = absorb(h, modelDigest)
        h = absorb(h, text: generatorVersion)
        h = absorb(h, littleEndianBytes(seed))
        value = h
        self.profileDigest = profileDigest
        self.modelDigest = modelDigest
        self.generatorVersion = generatorVersion
        self.seed = seed
    }

    /// The seed of case `index`: SplitMix64 output `index` of the key, in O(1) and independent
    /// of every other case, so any shard layout computes the same value.
    public func caseSeed(_ index: UInt64) -> UInt64 {
        SplitMix64.output(seed: value, index: index)
    }
}

/// An independent stream inside one case, keyed by what it decides (normally a model path),
/// so adding a field to a model does not shift the draws made for other fields.
public func stream(caseSeed: UInt64, purpose: String) -> Xoshiro256StarStar {
    Xoshiro256StarStar(seed: absorb(caseSeed, text: purpose))
}

/// `runKey.caseSeed(index)` as a free function, named as in fuzzing.md §3.2.
public func caseSeed(_ runKey: RunKey, _ index: UInt64) -> UInt64 {
    runKey.caseSeed(index)
}
