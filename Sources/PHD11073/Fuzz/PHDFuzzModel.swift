import FuzzCore
import MedConformCore

/// The IEEE 11073-20601 MDER fuzz model of one base message and its case space.
///
/// ```swift
/// let fuzz = try PHDFuzzModel(baseNamed: "to-manager/roiv-scan-report-fixed", profileDigest: digest, seed: 7)
/// let bytes = fuzz.case(index: 1234).bytes   // case 1234 alone, on any machine
/// ```
///
/// Case N is a function of the run key (profile digest, the case space's digest, the
/// generator version, the seed) and N, as for HL7 (fuzzing.md §3.2).
public struct PHDFuzzModel: Sendable {
    /// The generator version of PHD campaigns: part of every run key. Bump it whenever a
    /// change to the model builder, the operators or their libraries changes any case's
    /// bytes (the golden test pins them).
    public static let generatorVersion = "medconform-phd-fuzz/1"

    /// The path of the invoke-id of every PRST base: a campaign binds the invoke-id it must
    /// echo (a RORS answers the agent's ROIV) with a ``FuzzCore/LeafBinding`` on this path.
    public static let invokeIDPath = "apdu/prst/data/invoke-id"

    public let base: PHDFuzzBase
    public let model: FuzzModel
    public let space: CaseSpace

    /// The case space of `base` for one run.
    public init(base: PHDFuzzBase, profileDigest: [UInt8], seed: UInt64, generatorVersion: String = PHDFuzzModel.generatorVersion)
        throws(FuzzModelError) {
        self.base = base
        self.model = try Self.model(of: base.apdu, valueMaps: base.valueMaps, name: "phd11073/" + base.name)
        self.space = CaseSpace(
            model: model, operators: Self.operators(for: model, outOfState: try Self.outOfState(for: base.apdu)),
            profileDigest: profileDigest, generatorVersion: generatorVersion, seed: seed)
    }

    /// The case space of the built-in base called `name` (``PHDFuzzBase/all``).
    public init(baseNamed name: String, profileDigest: [UInt8], seed: UInt64, generatorVersion: String = PHDFuzzModel.generatorVersion)
        throws(FuzzModelError) {
        guard let base = PHDFuzzBase.named(name) else { throw .invalidBaseMessage("no PHD base message is called \(name)") }
        try self.init(base: base, profileDigest: profileDigest, seed: seed, generatorVersion: generatorVersion)
    }

    /// Case `index` (enumerated tier first, then the random tier), computed alone.
    public func `case`(index: UInt64) -> FuzzCase { space.case(at: index) }

    /// The valid message: the base with no anomaly, byte for byte `base.apdu.encoded()`.
    public var validCase: [UInt8] { space.validCase() }

    /// The model of `apdu`; rendering it with no anomaly gives `try apdu.encoded()`, which is
    /// checked here (a model that rendered other bytes would fuzz another message).
    public static func model(of apdu: APDU, valueMaps: [ObjectModel] = [], name: String = "phd11073") throws(FuzzModelError) -> FuzzModel {
        let encoded = try encoding(of: apdu)
        var builder = PHDTreeBuilder(valueMaps: valueMaps)
        let root = builder.tree(apdu)
        let model = try FuzzModel(name: name, root: root, relations: builder.relations)
        guard model.renderBase() == encoded else { throw .invalidBaseMessage("the MDER model does not render the encoding of \(apdu.kindName)") }
        return model
    }

    /// The operator table for `model` (``PHDFuzzOperators``); `outOfState` holds the whole
    /// APDUs that the out-of-state operator sends instead of this one.
    public static func operators(for model: FuzzModel, outOfState: [[UInt8]]) -> [AnomalyOperator] {
        PHDFuzzOperators.table(for: model, outOfState: outOfState)
    }

    /// The out-of-state library of `apdu`: every built-in base whose bytes differ from its
    /// own, in canonical order (an AARQ where a scan report is due, a scan report in place
    /// of an AARE, an ABRT in place of a RORS, …).
    public static func outOfState(for apdu: APDU) throws(FuzzModelError) -> [[UInt8]] {
        let own = try encoding(of: apdu)
        var out: [[UInt8]] = []
        for other in PHDFuzzBase.all {
            let bytes = try encoding(of: other.apdu)
            if bytes != own, !out.contains(bytes) { out.append(bytes) }
        }
        return out
    }

    static func encoding(of apdu: APDU) throws(FuzzModelError) -> [UInt8] {
        do {
            return try apdu.encoded()
        } catch {
            throw .invalidBaseMessage("the APDU does not encode: \(error)")
        }
    }
}
