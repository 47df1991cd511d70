/// Which side of an association a fuzzed message goes to.
public enum PHDFuzzDirection: String, Sendable, Equatable {
    /// The harness is the manager; the device under test is an agent.
    case toAgent = "to-agent"
    /// The harness is the agent; the device under test is a manager.
    case toManager = "to-manager"
}

/// A base message: the valid APDU the anomalies start from, named, with the value maps that
/// say where measurements sit in its fixed-format observations.
public struct PHDFuzzBase: Sendable, Equatable {
    /// `to-agent/aare-accepted-unknown-config`, `to-manager/roiv-scan-report-fixed`, …
    public var name: String
    public var direction: PHDFuzzDirection
    public var apdu: APDU
    public var valueMaps: [ObjectModel]

    public init(name: String, direction: PHDFuzzDirection, apdu: APDU, valueMaps: [ObjectModel] = []) {
        self.name = name
        self.direction = direction
        self.apdu = apdu
        self.valueMaps = valueMaps
    }

    /// Every built-in base, in canonical order (the order of the out-of-state library).
    public static let all: [PHDFuzzBase] = PHDFuzzBases.toAgent + PHDFuzzBases.toManager

    /// The built-in base called `name`, nil when there is none.
    public static func named(_ name: String) -> PHDFuzzBase? {
        all.first { $0.name == name }
    }

    /// The built-in bases sent in `direction`.
    public static func bases(_ direction: PHDFuzzDirection) -> [PHDFuzzBase] {
        all.filter { $0.direction == direction }
    }
}

/// The built-in base messages, written out here so that changes elsewhere (simulators,
/// fixtures) cannot move the golden digests. Synthetic device identities.
enum PHDFuzzBases {
    static let managerSystemID: [UInt8] = Array("MEDCONF1".utf8)
    static let agentSystemID: [UInt8] = [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88]
    static let configID: UInt16 = 0x4000
    /// 2024-01-01 12:00:00.00 as AbsoluteTime.
    static let time: [UInt8] = [0x20, 0x24, 0x01, 0x01, 0x12, 0x00, 0x00, 0x00]

    static let managerInformation = PhdAssociationInformation(
        systemType: PhdAssociationInformation.SystemType.manager, systemID: managerSystemID, devConfigID: 0)

    static let agentInformation = PhdAssociationInformation(
        systemType: PhdAssociationInformation.SystemType.agent, systemID: agentSystemID, devConfigID: configID,
        dataReqModeFlags: 0x0080, dataReqInitAgentCount: 1, dataReqInitManagerCount: 0)

    static func prst(_ invokeID: UInt16, _ message: DataMessage) -> APDU {
        .presentation(DataAPDU(invokeID: invokeID, message: message))
    }

    static let toAgent: [PHDFuzzBase] = [
        PHDFuzzBase(name: "to-agent/aare-accepted-unknown-config", direction: .toAgent,
            apdu: .associationResponse(AssociationResponse(result: .acceptedUnknownConfig, selectedDataProto: .phd(managerInformation)))),
        PHDFuzzBase(name: "to-agent/rors-config-accepted", direction: .toAgent,
            apdu: prst(0x2001, .eventReportResult(EventReportResult(
                handle: PHDCode.mdsHandle, currentTime: 0, eventType: PHDCode.notiConfig,
                reply: .configResponse(reportID: configID, result: .acceptedConfig))))),
        PHDFuzzBase(name: "to-agent/rors-event-report", direction: .toAgent,
            apdu: prst(0x2002, .eventReportResult(EventReportResult(
                handle: PHDCode.mdsHandle, currentTime: 0, eventType: PHDCode.notiScanReportFixed, reply: .opaque([]))))),
        PHDFuzzBase(name: "to-agent/roiv-get-mds", direction: .toAgent,
            apdu: prst(0x0001, .get(GetArgument(handle: PHDCode.mdsHandle, attributeIDs: [])))),
        PHDFuzzBase(name: "to-agent/rlrq", direction: .toAgent, apdu: .releaseRequest(.normal)),
        PHDFuzzBase(name: "to-agent/abrt", direction: .toAgent, apdu: .abort(.undefined)),
    ]

    /// A numeric object: type, small metric spec, unit and value map.
    static func numeric(_ handle: UInt16, type: UInt16, unit: UInt16, map: [(UInt16, UInt16)]) -> ConfigObject {
        var valueMap = PHDTreeBuilder.be16(UInt16(map.count)) + PHDTreeBuilder.be16(UInt16(map.count * 4))
        for (id, length) in map { valueMap += PHDTreeBuilder.be16(id) + PHDTreeBuilder.be16(length) }
        return ConfigObject(objectClass: PHDCode.mocVMOMetricNu, handle: handle, attributes: [
            AttributeValue(id: PHDCode.attrIDType, value: [0x00, 0x02] + PHDTreeBuilder.be16(type)),
            AttributeValue(id: PHDCode.attrMetricSpecSmall, value: [0xF0, 0x40]),
            AttributeValue(id: PHDCode.attrUnitCode, value: PHDTreeBuilder.be16(unit)),
            AttributeValue(id: PHDCode.attrAttributeValMap, value: valueMap),
        ])
    }

    /// SpO2 (FLOAT, %), pulse rate (SFLOAT, bpm) and non-invasive blood pressure (three
    /// SFLOATs, mmHg), each with a time stamp.
    static let configReport = ConfigReport(reportID: configID, objects: [
        numeric(1, type: 0x4BB8, unit: 0x0220, map: [(PHDCode.attrNuValObsSimp, 4), (PHDCode.attrTimeStampAbs, 8)]),
        numeric(2, type: 0x481A, unit: 0x0AA0, map: [(PHDCode.attrNuValObsBasic, 2), (PHDCode.attrTimeStampAbs, 8)]),
        numeric(3, type: 0x4A04, unit: 0x0F20, map: [(PHDCode.attrNuCmpdValObsBasic, 10), (PHDCode.attrTimeStampAbs, 8)]),
    ])

    /// 98 % (FLOAT 0x00000062), 72 bpm (SFLOAT 0x0048), 120/80/90 mmHg.
    static let observations: [FixedObservation] = [
        FixedObservation(handle: 1, value: [0x00, 0x00, 0x00, 0x62] + time),
        FixedObservation(handle: 2, value: [0x00, 0x48] + time),
        FixedObservation(handle: 3, value: [0x00, 0x03, 0x00, 0x06, 0x00, 0x78, 0x00, 0x50, 0x00, 0x5A] + time),
    ]

    static func eventReport(_ invokeID: UInt16, _ type: UInt16, _ info: EventInfo) -> APDU {
        prst(invokeID, .eventReport(EventReportArgument(handle: PHDCode.mdsHandle, eventTime: 0, eventType: type, info: info), confirmed: true))
    }

    static let toManager: [PHDFuzzBase] = [
        PHDFuzzBase(name: "to-manager/aarq", direction: .toManager,
            apdu: .associationRequest(AssociationRequest(dataProtos: [.phd(agentInformation)]))),
        PHDFuzzBase(name: "to-manager/roiv-config-report", direction: .toManager,
            apdu: eventReport(0x0001, PHDCode.notiConfig, .config(configReport))),
        PHDFuzzBase(name: "to-manager/roiv-scan-report-fixed", direction: .toManager,
            apdu: eventReport(0x0002, PHDCode.notiScanReportFixed,
                .scanFixed(ScanReportFixed(reportNumber: 0, observations: observations))),
            valueMaps: ObjectModel.withValueMaps(configReport)),
        PHDFuzzBase(name: "to-manager/roiv-scan-report-mp-fixed", direction: .toManager,
            apdu: eventReport(0x0003, PHDCode.notiScanReportMPFixed,
                .scanMPFixed(ScanReportMPFixed(reportNumber: 1, persons: [.init(personID: 0x0042, observations: observations)]))),
            valueMaps: ObjectModel.withValueMaps(configReport)),
        PHDFuzzBase(name: "to-manager/rlrq", direction: .toManager, apdu: .releaseRequest(.normal)),
    ]
}
