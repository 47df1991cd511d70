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
///
/// Equality compares the stored parts; the digest is a function of ``bytes``, so two equal
/// cases always have equal digests.
public struct FuzzCase: Sendable, Equatable {
    /// Where the case sits.
    public var address: CaseAddress
    /// `caseSeed(runKey, index)`; the random tier draws everything from it.
    public var caseSeed: UInt64
    /// The anomalies, in application order (a reducer removes from this list).
    public var anomalies: [Anomaly]
    /// The bytes to send.
    public var bytes: [UInt8]

    /// A case.
    public init(address: CaseAddress, caseSeed: UInt64, anomalies: [Anomaly], bytes: [UInt8]) {
        self.address = address
        self.caseSeed = caseSeed
        self.anomalies = anomalies
        self.bytes = bytes
    }

    /// SHA-256 of ``bytes``, computed on each call: generation does not pay for it, because a
    /// campaign needs it only for the cases it records, and hashing cost a third of the time.
    public var digest: [UInt8] {
        var sha = SHA256()
        sha.update(bytes)
        return sha.finalize()
    }

    /// The digest as lower-case hex.
    public var digestHex: String { Hex.encode(digest) }

    /// The address as reports and replay records write it.
    public var addressRecord: FuzzCaseAddressRecord {
        FuzzCaseAddressRecord(index: address.index, tier: address.tier.rawValue, tierIndex: address.tierIndex,
                              caseSeed: FuzzCampaignReport.fingerprintText(caseSeed))
    }
}
