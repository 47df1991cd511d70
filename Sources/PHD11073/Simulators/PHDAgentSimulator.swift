import MedConformCore

/// A simulated IEEE 11073-20601 agent: a pulse oximeter, blood-pressure monitor, thermometer,
/// weighing scale or glucose meter with its standard configuration, which the harness tests
/// as the manager.
///
/// Every APDU is a pure function of the specialization, the seed, the faults and the
/// invoke-id or measurement index: no clock, no system randomness, no hash order reaches the
/// bytes. Without faults the agent follows 20601 as antidote's agents do.
///
/// ```swift
/// let scale = PHDAgentSimulator(specialization: .weighingScale, seed: 7, faults: [.wrongUnit])
/// let aarq = scale.associationRequest()          // an APDU; encode with `encoded()`
/// let end = await scale.run(on: channel, measurements: 3, responseTimeout: .seconds(3)) { print($0) }
/// ```
public struct PHDAgentSimulator: Sendable {
    public let specialization: PHDSpecialization
    /// The seed all values derive from.
    public let seed: UInt64
    /// The faults the agent has.
    public let faults: Set<PHDAgentFault>

    /// Creates an agent.
    /// - Parameters:
    ///   - specialization: Which device, and so which standard configuration, it is.
    ///   - seed: Chooses the system-id, the clock, the invoke-ids and every measured value.
    ///   - faults: The defects to have; none gives a conformant agent.
    public init(specialization: PHDSpecialization, seed: UInt64, faults: some Sequence<PHDAgentFault> = []) {
        self.specialization = specialization
        self.seed = seed
        self.faults = Set(faults)
    }

    /// Creates an agent from fault names as written in profiles; nil when a name is unknown.
    public init?(specialization: PHDSpecialization, seed: UInt64, faultNames: [String]) {
        var faults: [PHDAgentFault] = []
        for name in faultNames {
            guard let fault = PHDAgentFault(rawValue: name) else { return nil }
            faults.append(fault)
        }
        self.init(specialization: specialization, seed: seed, faults: faults)
    }

    // MARK: - Identity

    /// The 8-byte system-id (an EUI-64 in form), from the seed and the specialization.
    public var systemID: [UInt8] {
        if faults.contains(.zeroSystemID) { return [UInt8](repeating: 0, count: 8) }
        return PHDBytes.u64(SplitMix64.mix((seed ^ 0x5048_4441_4745_4E54) &+ UInt64(specialization.partNumber)))
    }

    /// The dev-config-id the AARQ announces: the standard one, or another specialization's
    /// with ``PHDAgentFault/wrongConfigID``.
    public var announcedDevConfigID: UInt16 {
        if faults.contains(.reservedConfigID) { return 0x8000 | specialization.devConfigID }
        return faults.contains(.wrongConfigID) ? specialization.otherSpecialization.devConfigID : specialization.devConfigID
    }

    /// The config-report-id of the configuration report: the announced dev-config-id, or an
    /// extended ID (0x4000 + the standard one) with ``PHDAgentFault/configIDMismatch``.
    public var configReportID: UInt16 {
        faults.contains(.configIDMismatch) ? 0x4000 | specialization.devConfigID : announcedDevConfigID
    }

    /// The invoke-id of the agent's first invocation; later ones count up from it.
    public var firstInvokeID: UInt16 {
        UInt16(truncatingIfNeeded: SplitMix64.mix(seed ^ 0x494E_564F_4B45_4944) >> 16)
    }

    // MARK: - APDUs

    /// The association request: 20601 version 1, MDER, the agent's system-id and its
    /// dev-config-id, data-req-mode init-agent with one agent-initiated session, as antidote's
    /// agents send it (flags 0x0001, counts 1/0; vector H211_ID_0190).
    public func associationRequest() -> APDU {
        let information = PhdAssociationInformation(
            protocolVersion: faults.contains(.oldProtocolVersion) ? 0x4000_0000 : 0x8000_0000,
            encodingRules: faults.contains(.noMDER) ? PhdAssociationInformation.EncodingRule.xer : PhdAssociationInformation.EncodingRule.mder,
            nomenclatureVersion: 0x8000_0000,
            functionalUnits: 0,
            systemType: faults.contains(.wrongSystemType) ? PhdAssociationInformation.SystemType.manager : PhdAssociationInformation.SystemType.agent,
            systemID: systemID,
            devConfigID: announcedDevConfigID,
            dataReqModeFlags: 0x0001, dataReqInitAgentCount: 1, dataReqInitManagerCount: 0,
            optionList: [])
        if faults.contains(.no20601DataProto) {
            // An external protocol (0xFFFF) carries its own information, opaque to 20601.
            return .associationRequest(AssociationRequest(assocVersion: 0x8000_0000, dataProtos: [DataProto(id: 0xFFFF, info: .opaque([]))]))
        }
        return .associationRequest(AssociationRequest(assocVersion: 0x8000_0000, dataProtos: [.phd(information)]))
    }

    /// The configuration report: a confirmed event report on the MDS (handle 0), event-time
    /// 0xFFFFFFFF (no relative clock), MDC_NOTI_CONFIG, with every object of the standard
    /// configuration and the content faults applied.
    public func configurationReport(invokeID: UInt16) -> APDU {
        let objects = specialization.objects.enumerated().map { index, object in
            var unit: PHDTerm? = object.unit
            if faults.contains(.wrongUnit) && index == 0 { unit = specialization.unrelatedUnit }
            if faults.contains(.missingUnit) { unit = nil }
            if faults.contains(.wrongObjectType) && index == 0 {
                return object.configObject(unit: unit, type: specialization.otherSpecialization.objects[0].type)
            }
            return object.configObject(unit: unit)
        }
        let report = ConfigReport(reportID: configReportID, objects: objects)
        let argument = EventReportArgument(handle: PHDCode.mdsHandle, eventTime: 0xFFFF_FFFF, eventType: PHDCode.notiConfig, info: .config(report))
        return .presentation(DataAPDU(invokeID: invokeID, message: .eventReport(argument, confirmed: true)))
    }

    /// The numbers of measurement `index`, per object, with the value faults applied to the
    /// first measurement.
    func measurementNumbers(index: Int) -> [[PHDRawNumber]] {
        var generator = SplitMix64(seed: SplitMix64.output(seed: seed ^ 0x4D45_4153_5552_4553, index: UInt64(max(0, index))))
        var numbers = specialization.draw(using: &generator)
        if index == 0 && !numbers.isEmpty && !numbers[0].isEmpty {
            if faults.contains(.outOfRange) { numbers[0][0] = specialization.implausibleValue }
            if faults.contains(.specialValue) { numbers[0][0] = .nan }
        }
        return numbers
    }

    /// The time stamp of measurement `index`; month 13 on the first with ``PHDAgentFault/badTimestamp``.
    func measurementTime(index: Int) -> AbsoluteTime {
        var time = PHDSimulatedClock.absoluteTime(PHDSimulatedClock.measurementTime(seed: seed, index: index))
        if index == 0 && faults.contains(.badTimestamp) { time.bytes[2] = 0x13 }
        return time
    }

    /// Measurement `index` (from 0) as a confirmed fixed-format scan report on the MDS, bytes
    /// ready to send: scan-report-no `index` (wrapping at 65536), each object's observation
    /// laid out by its value map. With ``PHDAgentFault/lengthLie`` the first report's first
    /// obs-val-data length claims 2 more bytes than it holds, while every enclosing length
    /// stays true to the bytes.
    public func measurementReport(index: Int, invokeID: UInt16) -> [UInt8] {
        let numbers = measurementNumbers(index: index)
        let time = measurementTime(index: index)
        let observations = specialization.objects.enumerated().map { position, object in
            FixedObservation(handle: object.handle, value: object.observation(values: position < numbers.count ? numbers[position] : [], time: time))
        }
        let report = ScanReportFixed(dataReqID: 0xF000, reportNumber: UInt16(truncatingIfNeeded: max(0, index)), observations: observations)
        let argument = EventReportArgument(handle: PHDCode.mdsHandle, eventTime: 0xFFFF_FFFF, eventType: PHDCode.notiScanReportFixed, info: .scanFixed(report))
        var bytes = PHDBytes.encoded(.presentation(DataAPDU(invokeID: invokeID, message: .eventReport(argument, confirmed: true))))
        if index == 0 && faults.contains(.lengthLie) && bytes.count >= Self.firstObservationLengthOffset + 2 {
            let lied = PHDBytes.readU16(bytes, Self.firstObservationLengthOffset) &+ 2
            bytes.replaceSubrange(Self.firstObservationLengthOffset..<Self.firstObservationLengthOffset + 2, with: PHDBytes.u16(lied))
        }
        return bytes
    }

    /// Offset of the first obs-val-data length in a fixed scan report PRST: APDU choice and
    /// length (4), octet-string length (2), invoke-id (2), data-APDU choice and length (4),
    /// handle (2), event-time (4), event-type (2), event-info length (2), data-req-id (2),
    /// scan-report-no (2), list count and length (4), obj-handle (2).
    static let firstObservationLengthOffset = 32

    /// The MDS attributes the agent answers a GET with: model, system-id, dev-config-id, the
    /// specialization profile (version 1) and the absolute time, the set antidote's H233
    /// vector shows. `requested` empty means all; otherwise those, in the order asked.
    public func mdsAttributes(requested: [UInt16] = []) -> [AttributeValue] {
        let model = PHDBytes.octetString(Array("MedConform".utf8)) + PHDBytes.octetString(Array("PHD-SIM-\(specialization.partNumber)".utf8))
        let all = [
            AttributeValue(id: Self.attrIDModel, value: model),
            AttributeValue(id: PHDCode.attrSysID, value: PHDBytes.octetString(systemID)),
            AttributeValue(id: PHDCode.attrDevConfigID, value: PHDBytes.u16(announcedDevConfigID)),
            // TypeVerList: count 1, length 4, then (type, version).
            AttributeValue(id: PHDCode.attrSysTypeSpecList, value: PHDBytes.u16(1) + PHDBytes.u16(4) + PHDBytes.u16(specialization.profile.code) + PHDBytes.u16(1)),
            AttributeValue(id: PHDCode.attrTimeAbs, value: PHDSimulatedClock.absoluteTime(PHDSimulatedClock.start(seed: seed)).bytes),
        ]
        if requested.isEmpty { return all }
        return requested.compactMap { id in all.first { $0.id == id } }
    }

    /// MDC_ATTR_ID_MODEL (SystemModel: manufacturer and model number), antidote nomenclature.h.
    static let attrIDModel: UInt16 = 2344

    /// The answer to a GET: the MDS attributes with the invoke-id of the GET (plus one with
    /// ``PHDAgentFault/wrongInvokeID``), or ROER no-such-object-instance for another object (error value 1
    /// as 20601's RoerErrorValue numbers it; not confirmed against a second source).
    public func getResponse(invokeID: UInt16, argument: GetArgument) -> APDU {
        let answerID = faults.contains(.wrongInvokeID) ? invokeID &+ 1 : invokeID
        guard argument.handle == PHDCode.mdsHandle else {
            return .presentation(DataAPDU(invokeID: answerID, message: .error(ErrorResult(errorValue: 1, parameter: []))))
        }
        return .presentation(DataAPDU(invokeID: answerID, message: .getResult(GetResult(handle: PHDCode.mdsHandle, attributes: mdsAttributes(requested: argument.attributeIDs)))))
    }
}
