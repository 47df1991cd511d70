/// The result of an association request (standards.md §2). Unknown values are kept, so a
/// device's bytes survive decoding and can be judged.
public struct AssociateResult: RawRepresentable, Sendable, Hashable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let accepted = AssociateResult(rawValue: 0)
    public static let rejectedPermanent = AssociateResult(rawValue: 1)
    public static let rejectedTransient = AssociateResult(rawValue: 2)
    public static let acceptedUnknownConfig = AssociateResult(rawValue: 3)
    public static let rejectedNoCommonProtocol = AssociateResult(rawValue: 4)
    public static let rejectedNoCommonParameter = AssociateResult(rawValue: 5)
    public static let rejectedUnknown = AssociateResult(rawValue: 6)
    public static let rejectedUnauthorized = AssociateResult(rawValue: 7)
    public static let rejectedUnsupportedAssocVersion = AssociateResult(rawValue: 8)

    /// The standard's name for the value, or nil when it defines none.
    public var name: String? {
        let names = ["accepted", "rejected-permanent", "rejected-transient", "accepted-unknown-config",
                     "rejected-no-common-protocol", "rejected-no-common-parameter", "rejected-unknown",
                     "rejected-unauthorized", "rejected-unsupported-assoc-version"]
        return Int(rawValue) < names.count ? names[Int(rawValue)] : nil
    }

    /// True for the two results that open an association.
    public var isAccepted: Bool { self == .accepted || self == .acceptedUnknownConfig }
}

/// The reason of a release request or response. Only `normal` (0) is verified (standards.md §2).
public struct ReleaseReason: RawRepresentable, Sendable, Hashable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let normal = ReleaseReason(rawValue: 0)
}

/// The reason of an abort.
public struct AbortReason: RawRepresentable, Sendable, Hashable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let undefined = AbortReason(rawValue: 0)
    public static let bufferOverflow = AbortReason(rawValue: 1)
    public static let responseTimeout = AbortReason(rawValue: 2)
    public static let configurationTimeout = AbortReason(rawValue: 3)

    public var name: String? {
        let names = ["undefined", "buffer-overflow", "response-timeout", "configuration-timeout"]
        return Int(rawValue) < names.count ? names[Int(rawValue)] : nil
    }
}

/// The result of a configuration report (standards.md §2).
public struct ConfigResult: RawRepresentable, Sendable, Hashable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let acceptedConfig = ConfigResult(rawValue: 0)
    public static let unsupportedConfig = ConfigResult(rawValue: 1)
    public static let standardConfigUnknown = ConfigResult(rawValue: 2)

    public var name: String? {
        let names = ["accepted-config", "unsupported-config", "standard-config-unknown"]
        return Int(rawValue) < names.count ? names[Int(rawValue)] : nil
    }
}
