/// An event report (EventReportArgumentSimple): the object, its relative time, the event
/// type and the event information, decoded for the event types checks need.
public struct EventReportArgument: Sendable, Hashable {
    public var handle: UInt16
    /// RelativeTime in 1/8 ms ticks; 0xFFFFFFFF when the agent has no relative clock.
    public var eventTime: UInt32
    public var eventType: UInt16
    public var info: EventInfo

    public init(handle: UInt16, eventTime: UInt32, eventType: UInt16, info: EventInfo) {
        self.handle = handle
        self.eventTime = eventTime
        self.eventType = eventType
        self.info = info
    }

    init(from reader: inout MDERReader) throws(MDERDecodingError) {
        handle = try reader.u16("obj-handle")
        eventTime = try reader.u32("event-time")
        eventType = try reader.u16("event-type")
        let type = eventType
        info = try reader.delimited("event-info") { (inner: inout MDERReader) throws(MDERDecodingError) in try EventInfo(eventType: type, from: &inner) }
    }

    func encode(to writer: inout MDERWriter) throws(MDEREncodingError) {
        writer.u16(handle)
        writer.u32(eventTime)
        writer.u16(eventType)
        try writer.delimited("event-info") { (inner: inout MDERWriter) throws(MDEREncodingError) in try info.encode(to: &inner) }
    }
}

/// The answer to a confirmed event report (EventReportResultSimple).
public struct EventReportResult: Sendable, Hashable {
    public var handle: UInt16
    public var currentTime: UInt32
    public var eventType: UInt16
    public var reply: EventReply

    /// The reply information: a configuration-report response for MDC_NOTI_CONFIG, bytes otherwise.
    public enum EventReply: Sendable, Hashable {
        case configResponse(reportID: UInt16, result: ConfigResult)
        case opaque([UInt8])
    }

    public init(handle: UInt16, currentTime: UInt32, eventType: UInt16, reply: EventReply) {
        self.handle = handle
        self.currentTime = currentTime
        self.eventType = eventType
        self.reply = reply
    }

    init(from reader: inout MDERReader) throws(MDERDecodingError) {
        handle = try reader.u16("obj-handle")
        currentTime = try reader.u32("currentTime")
        eventType = try reader.u16("event-type")
        let type = eventType
        reply = try reader.delimited("event-reply-info") { (inner: inout MDERReader) throws(MDERDecodingError) -> EventReply in
            if type == PHDCode.notiConfig {
                return .configResponse(reportID: try inner.u16("config-report-id"), result: ConfigResult(rawValue: try inner.u16("config-result")))
            }
            return .opaque(inner.rest())
        }
    }

    func encode(to writer: inout MDERWriter) throws(MDEREncodingError) {
        writer.u16(handle)
        writer.u32(currentTime)
        writer.u16(eventType)
        try writer.delimited("event-reply-info") { (inner: inout MDERWriter) throws(MDEREncodingError) in
            switch reply {
            case .configResponse(let reportID, let result):
                inner.u16(reportID)
                inner.u16(result.rawValue)
            case .opaque(let bytes): inner.raw(bytes)
            }
        }
    }
}

/// A get invocation (GetArgumentSimple): the object and the attribute IDs wanted (empty: all).
public struct GetArgument: Sendable, Hashable {
    public var handle: UInt16
    public var attributeIDs: [UInt16]

    public init(handle: UInt16, attributeIDs: [UInt16]) {
        self.handle = handle
        self.attributeIDs = attributeIDs
    }

    init(from reader: inout MDERReader) throws(MDERDecodingError) {
        handle = try reader.u16("obj-handle")
        attributeIDs = try reader.sequence("the attribute-id list") { (inner: inout MDERReader) throws(MDERDecodingError) in try inner.u16("attribute-id") }
    }

    func encode(to writer: inout MDERWriter) throws(MDEREncodingError) {
        writer.u16(handle)
        try writer.sequence(attributeIDs, "the attribute-id list") { (inner: inout MDERWriter, id: UInt16) throws(MDEREncodingError) in inner.u16(id) }
    }
}

/// The answer to a get or a confirmed set: the object and an attribute list.
public struct GetResult: Sendable, Hashable {
    public var handle: UInt16
    public var attributes: [AttributeValue]

    public init(handle: UInt16, attributes: [AttributeValue]) {
        self.handle = handle
        self.attributes = attributes
    }

    init(from reader: inout MDERReader) throws(MDERDecodingError) {
        handle = try reader.u16("obj-handle")
        attributes = try AttributeValue.list(from: &reader, "the attribute list")
    }

    func encode(to writer: inout MDERWriter) throws(MDEREncodingError) {
        writer.u16(handle)
        try AttributeValue.encode(attributes, to: &writer, "the attribute list")
    }
}

/// A set invocation (SetArgumentSimple): the object and its modifications.
public struct SetArgument: Sendable, Hashable {
    public struct Modification: Sendable, Hashable {
        public var modifyOperator: UInt16
        public var attribute: AttributeValue

        public init(modifyOperator: UInt16, attribute: AttributeValue) {
            self.modifyOperator = modifyOperator
            self.attribute = attribute
        }
    }

    public var handle: UInt16
    public var modifications: [Modification]

    public init(handle: UInt16, modifications: [Modification]) {
        self.handle = handle
        self.modifications = modifications
    }

    init(from reader: inout MDERReader) throws(MDERDecodingError) {
        handle = try reader.u16("obj-handle")
        modifications = try reader.sequence("the modification list") { (inner: inout MDERReader) throws(MDERDecodingError) in
            Modification(modifyOperator: try inner.u16("modify-operator"), attribute: try AttributeValue(from: &inner))
        }
    }

    func encode(to writer: inout MDERWriter) throws(MDEREncodingError) {
        writer.u16(handle)
        try writer.sequence(modifications, "the modification list") { (inner: inout MDERWriter, modification: Modification) throws(MDEREncodingError) in
            inner.u16(modification.modifyOperator)
            try modification.attribute.encode(to: &inner)
        }
    }
}

/// An action invocation or its answer (ActionArgumentSimple / ActionResultSimple have the
/// same layout): the object, the action type and its arguments as bytes.
public struct ActionArgument: Sendable, Hashable {
    public var handle: UInt16
    public var actionType: UInt16
    public var arguments: [UInt8]

    public init(handle: UInt16, actionType: UInt16, arguments: [UInt8]) {
        self.handle = handle
        self.actionType = actionType
        self.arguments = arguments
    }

    init(from reader: inout MDERReader) throws(MDERDecodingError) {
        handle = try reader.u16("obj-handle")
        actionType = try reader.u16("action-type")
        arguments = try reader.octetString("action-info-args")
    }

    func encode(to writer: inout MDERWriter) throws(MDEREncodingError) {
        writer.u16(handle)
        writer.u16(actionType)
        try writer.octetString(arguments, "action-info-args")
    }
}

/// An error answer (ROER): the error value and its parameter bytes.
public struct ErrorResult: Sendable, Hashable {
    public var errorValue: UInt16
    public var parameter: [UInt8]

    public init(errorValue: UInt16, parameter: [UInt8]) {
        self.errorValue = errorValue
        self.parameter = parameter
    }

    init(from reader: inout MDERReader) throws(MDERDecodingError) {
        errorValue = try reader.u16("error-value")
        parameter = try reader.octetString("parameter")
    }

    func encode(to writer: inout MDERWriter) throws(MDEREncodingError) {
        writer.u16(errorValue)
        try writer.octetString(parameter, "parameter")
    }
}
