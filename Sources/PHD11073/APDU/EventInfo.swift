/// The information of an event report, decoded by event type: configuration reports and the
/// four scan-report layouts (buffered and unbuffered share them). Other events stay bytes.
public enum EventInfo: Sendable, Hashable {
    case config(ConfigReport)
    case scanFixed(ScanReportFixed)
    case scanVar(ScanReportVar)
    case scanMPFixed(ScanReportMPFixed)
    case scanMPVar(ScanReportMPVar)
    case opaque([UInt8])

    init(eventType: UInt16, from reader: inout MDERReader) throws(MDERDecodingError) {
        switch eventType {
        case PHDCode.notiConfig: self = .config(try ConfigReport(from: &reader))
        case PHDCode.notiScanReportFixed, PHDCode.notiUnbufScanReportFixed: self = .scanFixed(try ScanReportFixed(from: &reader))
        case PHDCode.notiScanReportVar, PHDCode.notiUnbufScanReportVar: self = .scanVar(try ScanReportVar(from: &reader))
        case PHDCode.notiScanReportMPFixed, PHDCode.notiUnbufScanReportMPFixed: self = .scanMPFixed(try ScanReportMPFixed(from: &reader))
        case PHDCode.notiScanReportMPVar, PHDCode.notiUnbufScanReportMPVar: self = .scanMPVar(try ScanReportMPVar(from: &reader))
        default: self = .opaque(reader.rest())
        }
    }

    func encode(to writer: inout MDERWriter) throws(MDEREncodingError) {
        switch self {
        case .config(let report): try report.encode(to: &writer)
        case .scanFixed(let report): try report.encode(to: &writer)
        case .scanVar(let report): try report.encode(to: &writer)
        case .scanMPFixed(let report): try report.encode(to: &writer)
        case .scanMPVar(let report): try report.encode(to: &writer)
        case .opaque(let bytes): writer.raw(bytes)
        }
    }
}

/// A configuration report (MDC_NOTI_CONFIG): the configuration ID and its objects.
public struct ConfigReport: Sendable, Hashable {
    public var reportID: UInt16
    public var objects: [ConfigObject]

    public init(reportID: UInt16, objects: [ConfigObject]) {
        self.reportID = reportID
        self.objects = objects
    }

    init(from reader: inout MDERReader) throws(MDERDecodingError) {
        reportID = try reader.u16("config-report-id")
        objects = try reader.sequence("the config object list") { (inner: inout MDERReader) throws(MDERDecodingError) in
            ConfigObject(objectClass: try inner.u16("obj-class"), handle: try inner.u16("obj-handle"),
                         attributes: try AttributeValue.list(from: &inner, "the attributes of an object"))
        }
    }

    func encode(to writer: inout MDERWriter) throws(MDEREncodingError) {
        writer.u16(reportID)
        try writer.sequence(objects, "the config object list") { (inner: inout MDERWriter, object: ConfigObject) throws(MDEREncodingError) in
            inner.u16(object.objectClass)
            inner.u16(object.handle)
            try AttributeValue.encode(object.attributes, to: &inner, "the attributes of object \(object.handle)")
        }
    }
}

/// One object of a configuration: its class (numeric, enumeration, …), handle and attributes.
public struct ConfigObject: Sendable, Hashable {
    public var objectClass: UInt16
    public var handle: UInt16
    public var attributes: [AttributeValue]

    public init(objectClass: UInt16, handle: UInt16, attributes: [AttributeValue]) {
        self.objectClass = objectClass
        self.handle = handle
        self.attributes = attributes
    }
}

/// The observations of one object in a fixed-format scan report: the bytes its attribute
/// value map lays out.
public struct FixedObservation: Sendable, Hashable, ScanObservationCoding {
    public var handle: UInt16
    public var value: [UInt8]

    public init(handle: UInt16, value: [UInt8]) {
        self.handle = handle
        self.value = value
    }

    static func list(from reader: inout MDERReader) throws(MDERDecodingError) -> [FixedObservation] {
        try reader.sequence("the fixed observation list") { (inner: inout MDERReader) throws(MDERDecodingError) in
            FixedObservation(handle: try inner.u16("obj-handle"), value: try inner.octetString("obs-val-data"))
        }
    }

    static func encode(_ list: [FixedObservation], to writer: inout MDERWriter) throws(MDEREncodingError) {
        try writer.sequence(list, "the fixed observation list") { (inner: inout MDERWriter, observation: FixedObservation) throws(MDEREncodingError) in
            inner.u16(observation.handle)
            try inner.octetString(observation.value, "obs-val-data")
        }
    }
}

/// The observations of one object in a variable-format scan report: an attribute list.
public struct VarObservation: Sendable, Hashable, ScanObservationCoding {
    public var handle: UInt16
    public var attributes: [AttributeValue]

    public init(handle: UInt16, attributes: [AttributeValue]) {
        self.handle = handle
        self.attributes = attributes
    }

    static func list(from reader: inout MDERReader) throws(MDERDecodingError) -> [VarObservation] {
        try reader.sequence("the variable observation list") { (inner: inout MDERReader) throws(MDERDecodingError) in
            VarObservation(handle: try inner.u16("obj-handle"), attributes: try AttributeValue.list(from: &inner, "the observed attributes"))
        }
    }

    static func encode(_ list: [VarObservation], to writer: inout MDERWriter) throws(MDEREncodingError) {
        try writer.sequence(list, "the variable observation list") { (inner: inout MDERWriter, observation: VarObservation) throws(MDEREncodingError) in
            inner.u16(observation.handle)
            try AttributeValue.encode(observation.attributes, to: &inner, "the observed attributes")
        }
    }
}

/// How one kind of observation list is read and written: fixed (obs-val-data bytes) or
/// variable (attribute lists). The scan reports are generic over it, so the four layouts of
/// 20601 share one reader and one writer.
protocol ScanObservationCoding {
    static func list(from reader: inout MDERReader) throws(MDERDecodingError) -> [Self]
    static func encode(_ list: [Self], to writer: inout MDERWriter) throws(MDEREncodingError)
}

/// A fixed-format scan report (ScanReportInfoFixed).
public typealias ScanReportFixed = ScanReport<FixedObservation>
/// A variable-format scan report (ScanReportInfoVar).
public typealias ScanReportVar = ScanReport<VarObservation>
/// A multi-person fixed-format scan report (ScanReportInfoMPFixed).
public typealias ScanReportMPFixed = MultiPersonScanReport<FixedObservation>
/// A multi-person variable-format scan report (ScanReportInfoMPVar).
public typealias ScanReportMPVar = MultiPersonScanReport<VarObservation>

/// A single-person scan report: the data request it answers, its number and the observations.
public struct ScanReport<Observation: Sendable & Hashable>: Sendable, Hashable {
    public var dataReqID: UInt16
    public var reportNumber: UInt16
    public var observations: [Observation]

    public init(dataReqID: UInt16 = 0xF000, reportNumber: UInt16, observations: [Observation]) {
        self.dataReqID = dataReqID
        self.reportNumber = reportNumber
        self.observations = observations
    }
}

extension ScanReport where Observation: ScanObservationCoding {
    init(from reader: inout MDERReader) throws(MDERDecodingError) {
        dataReqID = try reader.u16("data-req-id")
        reportNumber = try reader.u16("scan-report-no")
        observations = try Observation.list(from: &reader)
    }

    func encode(to writer: inout MDERWriter) throws(MDEREncodingError) {
        writer.u16(dataReqID)
        writer.u16(reportNumber)
        try Observation.encode(observations, to: &writer)
    }
}

/// A multi-person scan report: the observations grouped by person.
public struct MultiPersonScanReport<Observation: Sendable & Hashable>: Sendable, Hashable {
    public struct Person: Sendable, Hashable {
        public var personID: UInt16
        public var observations: [Observation]

        public init(personID: UInt16, observations: [Observation]) {
            self.personID = personID
            self.observations = observations
        }
    }

    public var dataReqID: UInt16
    public var reportNumber: UInt16
    public var persons: [Person]

    public init(dataReqID: UInt16 = 0xF000, reportNumber: UInt16, persons: [Person]) {
        self.dataReqID = dataReqID
        self.reportNumber = reportNumber
        self.persons = persons
    }
}

extension MultiPersonScanReport where Observation: ScanObservationCoding {
    init(from reader: inout MDERReader) throws(MDERDecodingError) {
        dataReqID = try reader.u16("data-req-id")
        reportNumber = try reader.u16("scan-report-no")
        persons = try reader.sequence("the person list") { (inner: inout MDERReader) throws(MDERDecodingError) in
            Person(personID: try inner.u16("person-id"), observations: try Observation.list(from: &inner))
        }
    }

    func encode(to writer: inout MDERWriter) throws(MDEREncodingError) {
        writer.u16(dataReqID)
        writer.u16(reportNumber)
        try writer.sequence(persons, "the person list") { (inner: inout MDERWriter, person: Person) throws(MDEREncodingError) in
            inner.u16(person.personID)
            try Observation.encode(person.observations, to: &inner)
        }
    }
}
