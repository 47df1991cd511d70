/// A data APDU: an invoke ID and one remote operation (ROIV, RORS, ROER or RORJ).
public struct DataAPDU: Sendable, Hashable {
    public var invokeID: UInt16
    public var message: DataMessage

    public init(invokeID: UInt16, message: DataMessage) {
        self.invokeID = invokeID
        self.message = message
    }

    init(from reader: inout MDERReader) throws(MDERDecodingError) {
        invokeID = try reader.u16("invoke-id")
        message = try DataMessage(from: &reader)
    }

    func encode(to writer: inout MDERWriter) throws(MDEREncodingError) {
        writer.u16(invokeID)
        try message.encode(to: &writer)
    }
}

/// The remote operation of a data APDU, by its choice tag.
public enum DataMessage: Sendable, Hashable {
    /// ROIV event report, unconfirmed (0x0100) or confirmed (0x0101).
    case eventReport(EventReportArgument, confirmed: Bool)
    /// ROIV get (0x0103).
    case get(GetArgument)
    /// ROIV set, unconfirmed (0x0104) or confirmed (0x0105).
    case set(SetArgument, confirmed: Bool)
    /// ROIV action, unconfirmed (0x0106) or confirmed (0x0107).
    case action(ActionArgument, confirmed: Bool)
    /// RORS confirmed event report (0x0201).
    case eventReportResult(EventReportResult)
    /// RORS get (0x0203).
    case getResult(GetResult)
    /// RORS confirmed set (0x0205).
    case setResult(GetResult)
    /// RORS confirmed action (0x0207).
    case actionResult(ActionArgument)
    /// ROER (0x0300).
    case error(ErrorResult)
    /// RORJ (0x0400).
    case reject(problem: UInt16)

    public enum Tag {
        public static let roivEventReport: UInt16 = 0x0100
        public static let roivConfirmedEventReport: UInt16 = 0x0101
        public static let roivGet: UInt16 = 0x0103
        public static let roivSet: UInt16 = 0x0104
        public static let roivConfirmedSet: UInt16 = 0x0105
        public static let roivAction: UInt16 = 0x0106
        public static let roivConfirmedAction: UInt16 = 0x0107
        public static let rorsConfirmedEventReport: UInt16 = 0x0201
        public static let rorsGet: UInt16 = 0x0203
        public static let rorsConfirmedSet: UInt16 = 0x0205
        public static let rorsConfirmedAction: UInt16 = 0x0207
        public static let roer: UInt16 = 0x0300
        public static let rorj: UInt16 = 0x0400
    }

    public var tag: UInt16 {
        switch self {
        case .eventReport(_, let confirmed): confirmed ? Tag.roivConfirmedEventReport : Tag.roivEventReport
        case .get: Tag.roivGet
        case .set(_, let confirmed): confirmed ? Tag.roivConfirmedSet : Tag.roivSet
        case .action(_, let confirmed): confirmed ? Tag.roivConfirmedAction : Tag.roivAction
        case .eventReportResult: Tag.rorsConfirmedEventReport
        case .getResult: Tag.rorsGet
        case .setResult: Tag.rorsConfirmedSet
        case .actionResult: Tag.rorsConfirmedAction
        case .error: Tag.roer
        case .reject: Tag.rorj
        }
    }

    /// A short name for evidence: "ROIV confirmed event report", "RORS get", …
    public var kindName: String { Self.kindName(tag: tag) ?? "data APDU" }

    static func kindName(tag: UInt16) -> String? {
        switch tag {
        case Tag.roivEventReport: "ROIV event report"
        case Tag.roivConfirmedEventReport: "ROIV confirmed event report"
        case Tag.roivGet: "ROIV get"
        case Tag.roivSet: "ROIV set"
        case Tag.roivConfirmedSet: "ROIV confirmed set"
        case Tag.roivAction: "ROIV action"
        case Tag.roivConfirmedAction: "ROIV confirmed action"
        case Tag.rorsConfirmedEventReport: "RORS confirmed event report"
        case Tag.rorsGet: "RORS get"
        case Tag.rorsConfirmedSet: "RORS confirmed set"
        case Tag.rorsConfirmedAction: "RORS confirmed action"
        case Tag.roer: "ROER"
        case Tag.rorj: "RORJ"
        default: nil
        }
    }

    /// True for the invocations (ROIV), which the peer answers; false for answers.
    public var isInvocation: Bool { tag < 0x0200 }

    /// True for an invocation that the peer must answer.
    public var expectsAnswer: Bool {
        switch self {
        case .eventReport(_, let confirmed), .set(_, let confirmed), .action(_, let confirmed): confirmed
        case .get: true
        default: false
        }
    }

    init(from reader: inout MDERReader) throws(MDERDecodingError) {
        let tagOffset = reader.position
        let tag = try reader.u16("the data APDU choice")
        guard let name = Self.kindName(tag: tag) else {
            throw reader.failure(.unknownChoice(what: "the data APDU", tag: tag), at: tagOffset)
        }
        self = try reader.delimited(name) { (body: inout MDERReader) throws(MDERDecodingError) -> DataMessage in
            switch tag {
            case Tag.roivEventReport, Tag.roivConfirmedEventReport:
                .eventReport(try EventReportArgument(from: &body), confirmed: tag == Tag.roivConfirmedEventReport)
            case Tag.roivGet: .get(try GetArgument(from: &body))
            case Tag.roivSet, Tag.roivConfirmedSet: .set(try SetArgument(from: &body), confirmed: tag == Tag.roivConfirmedSet)
            case Tag.roivAction, Tag.roivConfirmedAction: .action(try ActionArgument(from: &body), confirmed: tag == Tag.roivConfirmedAction)
            case Tag.rorsConfirmedEventReport: .eventReportResult(try EventReportResult(from: &body))
            case Tag.rorsGet: .getResult(try GetResult(from: &body))
            case Tag.rorsConfirmedSet: .setResult(try GetResult(from: &body))
            case Tag.rorsConfirmedAction: .actionResult(try ActionArgument(from: &body))
            case Tag.roer: .error(try ErrorResult(from: &body))
            default: .reject(problem: try body.u16("the reject problem"))
            }
        }
    }

    func encode(to writer: inout MDERWriter) throws(MDEREncodingError) {
        writer.u16(tag)
        try writer.delimited(kindName) { (body: inout MDERWriter) throws(MDEREncodingError) in
            switch self {
            case .eventReport(let argument, _): try argument.encode(to: &body)
            case .get(let argument): try argument.encode(to: &body)
            case .set(let argument, _): try argument.encode(to: &body)
            case .action(let argument, _), .actionResult(let argument): try argument.encode(to: &body)
            case .eventReportResult(let result): try result.encode(to: &body)
            case .getResult(let result), .setResult(let result): try result.encode(to: &body)
            case .error(let result): try result.encode(to: &body)
            case .reject(let problem): body.u16(problem)
            }
        }
    }
}
