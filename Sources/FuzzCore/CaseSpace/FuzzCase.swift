import MedConformCore

/// The two tiers of a case space.
public enum FuzzTier: String, Sendable, Equatable {
    /// One anomaly per case, every (node, operator, library value) once, in canonical order.
    case enumerated
    /// Stacked anomalies drawn from the case seed.
    case random
}

/// Where a case sits: enough, with the run's key inputs, to regenerate it anywhere.
public struct CaseAddress: Sendable, Equatable {
    /// The case number across both tiers (enumerated first).
    public var index: UInt64
    /// The tier the number falls in.
    public var tier: FuzzTier
    /// The number inside the tier.
    public var tierIndex: UInt64

    /// An address.
    public init(index: UInt64, tier: FuzzTier, tierIndex: UInt64) {
        self.index = index
        self.tier = tier
        self.tierIndex = tierIndex
    }
}

/// One generated case: address, derivation and exact bytes.
public struct FuzzCase: Sendable, Equatable {
    /// Where the case sits.
    public var address: CaseAddress
    /// `caseSeed(runKey, index)`; the random tier draws everything from it.
    public var caseSeed: UInt64
    /// The anomalies, in application order (a reducer removes from this list).
    public var anomalies: [Anomaly]
    /// The bytes to send.
    public var bytes: [UInt8]
    /// SHA-256 of ``bytes``.
    public var digest: [UInt8]

    /// The digest as lower-case hex.
    public var digestHex: String { Hex.encode(digest) }
}
