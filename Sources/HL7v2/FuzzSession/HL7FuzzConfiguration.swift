import FuzzCore
import MedConformCore

/// A fuzz campaign of the HL7 v2 plugin, validated when the profile was loaded.
public struct HL7FuzzConfiguration: Sendable {
    /// Which way the mutated messages flow.
    public enum Direction: String, Sendable {
        /// Sender role: mutated observation reports to a receiving device.
        case toDevice = "to-device"
        /// Receiver role: mutated acknowledgements to a sending device.
        case answers
    }

    public var direction: Direction
    /// The valid base message the cases mutate (unframed).
    public var base: HL7Message
    public var seed: UInt64
    public var settings: CampaignSettings
    /// Operator names to use (nil: all), and weight overrides, as written.
    public var operators: [String]?
    public var weights: [(name: String, weight: UInt64)]
    /// How long a real device gets to recover after a failure (simulators restart at once).
    public var settle: Duration
    public var profileID: String
    public var suiteID: String

    /// The fuzzed message's type, for signatures.
    public var messageType: String {
        let type = base["MSH-9"] ?? "?"
        return type.split(separator: "^").prefix(2).joined(separator: "^")
    }

    /// `SHA-256("medconform/fuzz/profile/v1", profile id, suite id)`: the profile's part of the
    /// run key. It names the campaign, not the file's bytes, so editing a comment in the
    /// profile does not renumber its cases; what the cases are made of is in the model digest.
    public var profileDigest: [UInt8] { CaseSpace.profileDigest(profileID: profileID, suiteID: suiteID) }

    /// The case space: the base as a framed model, the operator table filtered and weighted.
    public func caseSpace() throws(FuzzModelError) -> CaseSpace {
        let model = try HL7FuzzModel.model(of: base, framed: true)
        let table = Self.operators(for: model, names: operators, weights: weights)
        return CaseSpace(model: model, operators: table, profileDigest: profileDigest,
                         generatorVersion: HL7FuzzModel.generatorVersion, seed: seed)
    }

    /// The HL7 operator table, restricted to `names` (in the table's order) with weights replaced.
    static func operators(for model: FuzzModel, names: [String]?, weights: [(name: String, weight: UInt64)]) -> [AnomalyOperator] {
        HL7FuzzModel.operators(for: model).selecting(names, weights: weights)
    }

    /// The settings with the command line's `--cases` and `--shard` applied.
    public func settings(with options: FuzzRunOptions) -> CampaignSettings {
        settings.applying(options)
    }
}
