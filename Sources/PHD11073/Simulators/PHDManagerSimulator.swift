import MedConformCore

/// A simulated IEEE 11073-20601 manager, which the harness tests as the agent: it serves
/// one association after another on a connection, as antidote's manager does.
///
/// It accepts an agent that announces one of the five standard configurations it knows
/// (``PHDSpecialization``) and asks any other for its configuration, acknowledges every
/// confirmed event report, reads the MDS attributes with one GET per association, answers
/// release requests and recovers from aborts. Its APDUs are pure functions of the seed, the
/// faults and what the agent sent.
///
/// ```swift
/// let manager = PHDManagerSimulator(seed: 7, faults: [.rejectAssociation])
/// let end = await manager.serve(on: channel, responseTimeout: .seconds(3)) { print($0) }
/// ```
public struct PHDManagerSimulator: Sendable {
    /// The seed the system-id and the invoke-ids derive from.
    public let seed: UInt64
    /// The faults the manager has.
    public let faults: Set<PHDManagerFault>
    /// How long the manager waits for anything when it waits for nothing in particular.
    public let idleLimit: Duration
    /// The dev-config-ids it accepts without a configuration report: by default the five
    /// standard ones (``standardConfigurations``); fewer make agents configure.
    public let knownConfigurations: [UInt16]

    /// Creates a manager.
    /// - Parameters:
    ///   - seed: Chooses the system-id and the first invoke-id.
    ///   - faults: The defects to have; none gives a conformant manager.
    ///   - knownConfigurations: See ``knownConfigurations``.
    ///   - idleLimit: See ``idleLimit``.
    public init(seed: UInt64, faults: some Sequence<PHDManagerFault> = [],
                knownConfigurations: [UInt16] = PHDManagerSimulator.standardConfigurations, idleLimit: Duration = .seconds(300)) {
        self.seed = seed
        self.faults = Set(faults)
        self.knownConfigurations = knownConfigurations
        self.idleLimit = PHDBytes.boundedTimeout(idleLimit)
    }

    /// Creates a manager from fault names as written in profiles; nil when a name is unknown.
    public init?(seed: UInt64, faultNames: [String], idleLimit: Duration = .seconds(300)) {
        var faults: [PHDManagerFault] = []
        for name in faultNames {
            guard let fault = PHDManagerFault(rawValue: name) else { return nil }
            faults.append(fault)
        }
        self.init(seed: seed, faults: faults, idleLimit: idleLimit)
    }

    /// The 8-byte system-id the AARE carries.
    public var systemID: [UInt8] { PHDBytes.u64(SplitMix64.mix(seed ^ 0x5048_444D_414E_4147)) }

    /// The invoke-id of the manager's first GET; later ones count up from it.
    public var firstInvokeID: UInt16 { UInt16(truncatingIfNeeded: SplitMix64.mix(seed ^ 0x4D47_5249_4E56_4F4B) >> 24) }

    /// The dev-config-ids of the five standard configurations.
    public static var standardConfigurations: [UInt16] { PHDSpecialization.allCases.map(\.devConfigID) }

    /// The result for `request`: rejected-transient once an abort happened (with
    /// ``PHDManagerFault/stuckAfterAbort``), rejected-permanent with
    /// ``PHDManagerFault/rejectAssociation``; otherwise rejected for an unsupported
    /// assoc-version, no 20601 protocol or no MDER, accepted for a known configuration and
    /// accepted-unknown-config for any other.
    public func associationResult(for request: AssociationRequest, afterAbort: Bool) -> AssociateResult {
        if faults.contains(.stuckAfterAbort) && afterAbort { return .rejectedTransient }
        if faults.contains(.rejectAssociation) { return .rejectedPermanent }
        guard request.assocVersion & 0x8000_0000 != 0 else { return .rejectedUnsupportedAssocVersion }
        guard let information = request.phdInformation else { return .rejectedNoCommonProtocol }
        guard information.encodingRules & PhdAssociationInformation.EncodingRule.mder != 0 else { return .rejectedNoCommonParameter }
        return knownConfigurations.contains(information.devConfigID) ? .accepted : .acceptedUnknownConfig
    }

    /// The AARE for `result`: the 20601 protocol with MDER, system-type manager (agent with
    /// ``PHDManagerFault/wrongSystemType``), dev-config-id 0 (manager-config-response),
    /// functional units 0 and no data-request modes, as antidote's manager answers.
    public func associationResponse(result: AssociateResult) -> APDU {
        let information = PhdAssociationInformation(
            protocolVersion: 0x8000_0000, encodingRules: PhdAssociationInformation.EncodingRule.mder, nomenclatureVersion: 0x8000_0000,
            functionalUnits: 0,
            systemType: faults.contains(.wrongSystemType) ? PhdAssociationInformation.SystemType.agent : PhdAssociationInformation.SystemType.manager,
            systemID: systemID, devConfigID: 0, dataReqModeFlags: 0, dataReqInitAgentCount: 0, dataReqInitManagerCount: 0, optionList: [])
        return .associationResponse(AssociationResponse(result: result, selectedDataProto: .phd(information)))
    }
}
