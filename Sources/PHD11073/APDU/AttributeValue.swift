/// One attribute: its ID and its value bytes (AVA-Type). The value stays as bytes because
/// its type depends on the attribute; ``PHDAttributeReading`` reads the ones checks need.
public struct AttributeValue: Sendable, Hashable {
    public var id: UInt16
    public var value: [UInt8]

    public init(id: UInt16, value: [UInt8]) {
        self.id = id
        self.value = value
    }

    init(from reader: inout MDERReader) throws(MDERDecodingError) {
        id = try reader.u16("attribute-id")
        value = try reader.octetString("the value of attribute \(MDERDecodingError.hex(Int(id), width: 4))")
    }

    func encode(to writer: inout MDERWriter) throws(MDEREncodingError) {
        writer.u16(id)
        try writer.octetString(value, "the value of attribute \(id)")
    }

    static func list(from reader: inout MDERReader, _ what: @autoclosure () -> String) throws(MDERDecodingError) -> [AttributeValue] {
        try reader.sequence(what()) { (inner: inout MDERReader) throws(MDERDecodingError) in try AttributeValue(from: &inner) }
    }

    static func encode(_ list: [AttributeValue], to writer: inout MDERWriter, _ what: String) throws(MDEREncodingError) {
        try writer.sequence(list, what) { (inner: inout MDERWriter, attribute: AttributeValue) throws(MDEREncodingError) in try attribute.encode(to: &inner) }
    }
}

extension Array where Element == AttributeValue {
    /// The value of the first attribute with `id`.
    public func value(of id: UInt16) -> [UInt8]? {
        first { $0.id == id }?.value
    }
}
