import FuzzCore
import MedConformCore

/// A fuzz campaign of the IEEE 11073-20601 plugin, validated when the profile was loaded.
public struct PHDFuzzConfiguration: Sendable {
    /// The valid APDU the cases mutate, and which side it goes to.
    public var base: PHDFuzzBase
    public var seed: UInt64
    public var settings: CampaignSettings
    /// Operator names to use (nil: all), and weight overrides, as written.
    public var operators: [String]?
    public var weights: [(name: String, weight: UInt64)]
    /// How long a real device gets to recover after a failure (simulators restart at once).
    public var settle: Duration
    public var profileID: String
    public var suiteID: String

    /// `to-agent` (the manager role) or `to-manager` (the agent role).
    public var direction: PHDFuzzDirection { base.direction }

    /// The fuzzed message for signatures: the base's name without its direction.
    public var messageType: String {
        String(base.name.split(separator: "/").last ?? Substring(base.name))
    }

    /// The profile's part of the run key (``FuzzCore/CaseSpace/profileDigest(profileID:suiteID:)``).
    public var profileDigest: [UInt8] { CaseSpace.profileDigest(profileID: profileID, suiteID: suiteID) }

    /// The case space: the base's MDER model, the operator table filtered and weighted.
    /// With every operator at its own weight it is ``PHDFuzzModel``'s space.
    public func caseSpace() throws(FuzzModelError) -> CaseSpace {
        let model = try PHDFuzzModel.model(of: base.apdu, valueMaps: base.valueMaps, name: "phd11073/" + base.name)
        let table = PHDFuzzModel.operators(for: model, outOfState: try PHDFuzzModel.outOfState(for: base.apdu))
            .selecting(operators, weights: weights)
        return CaseSpace(model: model, operators: table, profileDigest: profileDigest,
                         generatorVersion: PHDFuzzModel.generatorVersion, seed: seed)
    }

    /// The settings with the command line's `--cases` and `--shard` applied.
    public func settings(with options: FuzzRunOptions) -> CampaignSettings {
        settings.applying(options)
    }
}
