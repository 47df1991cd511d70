/// One IEEE 11073-20601 application protocol data unit: an association, release or abort
/// message, or a presentation APDU that carries a data APDU (standards.md §2).
///
/// ```swift
/// let apdu = try APDU.decode(bytes)          // throws MDERDecodingError with an offset
/// let same = try apdu.encoded() == bytes     // byte-exact for what decodes
/// ```
public enum APDU: Sendable, Hashable {
    case associationRequest(AssociationRequest)
    case associationResponse(AssociationResponse)
    case releaseRequest(ReleaseReason)
    case releaseResponse(ReleaseReason)
    case abort(AbortReason)
    case presentation(DataAPDU)

    /// The APDU choice tags.
    public enum Tag {
        public static let aarq: UInt16 = 0xE200
        public static let aare: UInt16 = 0xE300
        public static let rlrq: UInt16 = 0xE400
        public static let rlre: UInt16 = 0xE500
        public static let abrt: UInt16 = 0xE600
        public static let prst: UInt16 = 0xE700
    }

    /// The largest APDU a 16-bit length allows: the choice, the length and 65535 bytes.
    public static let maximumSize = 4 + 0xFFFF

    /// The choice tag of this APDU.
    public var tag: UInt16 {
        switch self {
        case .associationRequest: Tag.aarq
        case .associationResponse: Tag.aare
        case .releaseRequest: Tag.rlrq
        case .releaseResponse: Tag.rlre
        case .abort: Tag.abrt
        case .presentation: Tag.prst
        }
    }

    /// The short name used in evidence and logs (AARQ, AARE, …, PRST).
    public var kindName: String { Self.kindName(tag: tag) ?? "APDU" }

    static func kindName(tag: UInt16) -> String? {
        switch tag {
        case Tag.aarq: "AARQ"
        case Tag.aare: "AARE"
        case Tag.rlrq: "RLRQ"
        case Tag.rlre: "RLRE"
        case Tag.abrt: "ABRT"
        case Tag.prst: "PRST"
        default: nil
        }
    }

    /// Decodes exactly one APDU that fills `bytes`.
    public static func decode(_ bytes: [UInt8]) throws(MDERDecodingError) -> APDU {
        var reader = MDERReader(bytes)
        let tag = try reader.u16("the APDU choice")
        guard let name = kindName(tag: tag) else { throw reader.failure(.unknownChoice(what: "the APDU", tag: tag), at: 0) }
        let apdu = try reader.delimited(name) { (body: inout MDERReader) throws(MDERDecodingError) -> APDU in
            switch tag {
            case Tag.aarq: .associationRequest(try AssociationRequest(from: &body))
            case Tag.aare: .associationResponse(try AssociationResponse(from: &body))
            case Tag.rlrq: .releaseRequest(ReleaseReason(rawValue: try body.u16("the release-request reason")))
            case Tag.rlre: .releaseResponse(ReleaseReason(rawValue: try body.u16("the release-response reason")))
            case Tag.abrt: .abort(AbortReason(rawValue: try body.u16("the abort reason")))
            default: .presentation(try body.delimited("the data APDU") { (inner: inout MDERReader) throws(MDERDecodingError) in try DataAPDU(from: &inner) })
            }
        }
        if !reader.isAtEnd { throw reader.failure(.unusedBytes(what: "the bytes after the APDU", count: reader.remaining)) }
        return apdu
    }

    /// ``decode(_:)`` as a result, for callers that keep the error beside the bytes.
    public static func decoding(_ bytes: [UInt8]) -> Result<APDU, MDERDecodingError> {
        Result { () throws(MDERDecodingError) in try decode(bytes) }
    }

    /// The MDER bytes of this APDU.
    public func encoded() throws(MDEREncodingError) -> [UInt8] {
        var writer = MDERWriter()
        writer.u16(tag)
        try writer.delimited(kindName) { (body: inout MDERWriter) throws(MDEREncodingError) in
            switch self {
            case .associationRequest(let request): try request.encode(to: &body)
            case .associationResponse(let response): try response.encode(to: &body)
            case .releaseRequest(let reason), .releaseResponse(let reason): body.u16(reason.rawValue)
            case .abort(let reason): body.u16(reason.rawValue)
            case .presentation(let data):
                try body.delimited("the data APDU") { (inner: inout MDERWriter) throws(MDEREncodingError) in try data.encode(to: &inner) }
            }
        }
        return writer.bytes
    }
}
