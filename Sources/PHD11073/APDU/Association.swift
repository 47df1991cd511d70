/// An association request (AARQ): the version and the data protocols the agent offers.
public struct AssociationRequest: Sendable, Hashable {
    /// BITS-32; 0x80000000 is version 1.
    public var assocVersion: UInt32
    public var dataProtos: [DataProto]

    public init(assocVersion: UInt32 = 0x8000_0000, dataProtos: [DataProto]) {
        self.assocVersion = assocVersion
        self.dataProtos = dataProtos
    }

    init(from reader: inout MDERReader) throws(MDERDecodingError) {
        assocVersion = try reader.u32("assoc-version")
        dataProtos = try reader.sequence("the data-proto list") { (inner: inout MDERReader) throws(MDERDecodingError) in try DataProto(from: &inner) }
    }

    func encode(to writer: inout MDERWriter) throws(MDEREncodingError) {
        writer.u32(assocVersion)
        try writer.sequence(dataProtos, "the data-proto list") { (inner: inout MDERWriter, proto: DataProto) throws(MDEREncodingError) in try proto.encode(to: &inner) }
    }

    /// The 20601 association information among the offered protocols, if any.
    public var phdInformation: PhdAssociationInformation? {
        dataProtos.lazy.compactMap(\.phdInformation).first
    }
}

/// An association response (AARE): the result and the protocol the manager selected.
public struct AssociationResponse: Sendable, Hashable {
    public var result: AssociateResult
    public var selectedDataProto: DataProto

    public init(result: AssociateResult, selectedDataProto: DataProto) {
        self.result = result
        self.selectedDataProto = selectedDataProto
    }

    init(from reader: inout MDERReader) throws(MDERDecodingError) {
        result = AssociateResult(rawValue: try reader.u16("the association result"))
        selectedDataProto = try DataProto(from: &reader)
    }

    func encode(to writer: inout MDERWriter) throws(MDEREncodingError) {
        writer.u16(result.rawValue)
        try selectedDataProto.encode(to: &writer)
    }
}

/// One data protocol of an association: its ID and its information. For 20601 (0x5079) the
/// information is decoded; any other protocol's is kept as bytes.
public struct DataProto: Sendable, Hashable {
    public static let phdID: UInt16 = 0x5079

    public enum Info: Sendable, Hashable {
        case phd(PhdAssociationInformation)
        case opaque([UInt8])
    }

    public var id: UInt16
    public var info: Info

    public init(id: UInt16, info: Info) {
        self.id = id
        self.info = info
    }

    /// A 20601 data protocol with its association information.
    public static func phd(_ information: PhdAssociationInformation) -> DataProto {
        DataProto(id: phdID, info: .phd(information))
    }

    public var phdInformation: PhdAssociationInformation? {
        if case .phd(let information) = info { information } else { nil }
    }

    init(from reader: inout MDERReader) throws(MDERDecodingError) {
        id = try reader.u16("data-proto-id")
        if id == Self.phdID {
            info = .phd(try reader.delimited("data-proto-info") { (inner: inout MDERReader) throws(MDERDecodingError) in try PhdAssociationInformation(from: &inner) })
        } else {
            info = .opaque(try reader.octetString("data-proto-info"))
        }
    }

    func encode(to writer: inout MDERWriter) throws(MDEREncodingError) {
        writer.u16(id)
        switch info {
        case .phd(let information):
            try writer.delimited("data-proto-info") { (inner: inout MDERWriter) throws(MDEREncodingError) in try information.encode(to: &inner) }
        case .opaque(let bytes):
            try writer.octetString(bytes, "data-proto-info")
        }
    }
}

/// The 20601 association information (PhdAssociationInformation), the same structure in
/// both directions.
public struct PhdAssociationInformation: Sendable, Hashable {
    public var protocolVersion: UInt32
    /// BITS-16: MDER 0x8000, XER 0x4000, PER 0x2000.
    public var encodingRules: UInt16
    public var nomenclatureVersion: UInt32
    public var functionalUnits: UInt32
    /// Manager 0x80000000, agent 0x00800000.
    public var systemType: UInt32
    /// EUI-64 in every public example.
    public var systemID: [UInt8]
    public var devConfigID: UInt16
    public var dataReqModeFlags: UInt16
    public var dataReqInitAgentCount: UInt8
    public var dataReqInitManagerCount: UInt8
    public var optionList: [AttributeValue]

    public enum SystemType {
        public static let manager: UInt32 = 0x8000_0000
        public static let agent: UInt32 = 0x0080_0000
    }

    public enum EncodingRule {
        public static let mder: UInt16 = 0x8000
        public static let xer: UInt16 = 0x4000
        public static let per: UInt16 = 0x2000
    }

    public init(protocolVersion: UInt32 = 0x8000_0000, encodingRules: UInt16 = EncodingRule.mder, nomenclatureVersion: UInt32 = 0x8000_0000,
                functionalUnits: UInt32 = 0, systemType: UInt32, systemID: [UInt8], devConfigID: UInt16,
                dataReqModeFlags: UInt16 = 0, dataReqInitAgentCount: UInt8 = 0, dataReqInitManagerCount: UInt8 = 0,
                optionList: [AttributeValue] = []) {
        self.protocolVersion = protocolVersion
        self.encodingRules = encodingRules
        self.nomenclatureVersion = nomenclatureVersion
        self.functionalUnits = functionalUnits
        self.systemType = systemType
        self.systemID = systemID
        self.devConfigID = devConfigID
        self.dataReqModeFlags = dataReqModeFlags
        self.dataReqInitAgentCount = dataReqInitAgentCount
        self.dataReqInitManagerCount = dataReqInitManagerCount
        self.optionList = optionList
    }

    init(from reader: inout MDERReader) throws(MDERDecodingError) {
        protocolVersion = try reader.u32("protocol-version")
        encodingRules = try reader.u16("encoding-rules")
        nomenclatureVersion = try reader.u32("nomenclature-version")
        functionalUnits = try reader.u32("functional-units")
        systemType = try reader.u32("system-type")
        systemID = try reader.octetString("system-id")
        devConfigID = try reader.u16("dev-config-id")
        dataReqModeFlags = try reader.u16("data-req-mode-flags")
        dataReqInitAgentCount = try reader.u8("data-req-init-agent-count")
        dataReqInitManagerCount = try reader.u8("data-req-init-manager-count")
        optionList = try AttributeValue.list(from: &reader, "the option list")
    }

    func encode(to writer: inout MDERWriter) throws(MDEREncodingError) {
        writer.u32(protocolVersion)
        writer.u16(encodingRules)
        writer.u32(nomenclatureVersion)
        writer.u32(functionalUnits)
        writer.u32(systemType)
        try writer.octetString(systemID, "system-id")
        writer.u16(devConfigID)
        writer.u16(dataReqModeFlags)
        writer.u8(dataReqInitAgentCount)
        writer.u8(dataReqInitManagerCount)
        try AttributeValue.encode(optionList, to: &writer, "the option list")
    }
}
