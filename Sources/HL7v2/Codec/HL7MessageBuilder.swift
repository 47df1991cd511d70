/// Builds well-formed messages for simulators and templates.
///
/// ```swift
/// var builder = HL7MessageBuilder()
/// builder.segment("MSH", ["SENDER", "", "RECEIVER", "", "20240101120000", "", "ORU^R01^ORU_R01", "MSG1", "P", "2.6"])
/// builder.segment("PID", ["", "", "12345^^^Hospital^PI", "", "Testpatient^Alpha"])
/// let bytes = builder.build()
/// ```
public struct HL7MessageBuilder: Sendable {
    /// The delimiters written into MSH-1 and MSH-2 and expected in the raw fields.
    public let delimiters: HL7Delimiters
    private var output: [UInt8] = []

    /// Starts an empty message that will use `delimiters`.
    public init(delimiters: HL7Delimiters = .standard) {
        self.delimiters = delimiters
    }

    /// Appends a segment whose fields are raw ER7 text in the builder's delimiters
    /// (`"ORU^R01^ORU_R01"`); escape free text with `HL7Escaping.escape(_:delimiters:)`.
    ///
    /// For MSH pass the fields from MSH-3 on: MSH-1 and MSH-2 come from ``delimiters``.
    /// A field separator, CR or LF inside a field would shift the numbering or end the segment,
    /// so they are written as `\F\`, `\X0D\` and `\X0A\`.
    public mutating func segment(_ id: String, _ fields: [String]) {
        segment(id, rawFields: fields.map { Array($0.utf8) })
    }

    /// Appends a segment whose fields are given as raw ER7 bytes; see ``segment(_:_:)``.
    public mutating func segment(_ id: String, rawFields fields: [[UInt8]]) {
        output.append(contentsOf: id.utf8)
        if id == "MSH" {
            output.append(delimiters.field)
            output.append(contentsOf: delimiters.encodingCharacters)
        }
        for field in fields {
            output.append(delimiters.field)
            HL7MessageBuilder.appendSanitised(field, delimiters: delimiters, to: &output)
        }
        output.append(ASCIIByte.carriageReturn)
    }

    /// The message so far, each segment ended by CR.
    public func build() -> [UInt8] { output }

    /// The message so far, parsed; fails only if the segments given were not valid.
    public func buildMessage() throws(HL7ParseError) -> HL7Message {
        try HL7Message.parse(output, maxBytes: Int(Int32.max))
    }

    /// Copies a raw value, escaping only the bytes that would break segment structure.
    static func appendSanitised<C: Collection>(_ raw: C, delimiters: HL7Delimiters, to output: inout [UInt8])
    where C.Element == UInt8 {
        let e = delimiters.escape
        for byte in raw {
            switch byte {
            case delimiters.field: output.append(contentsOf: [e, 0x46, e])
            case ASCIIByte.carriageReturn: output.append(contentsOf: [e, 0x58, 0x30, 0x44, e])
            case ASCIIByte.lineFeed: output.append(contentsOf: [e, 0x58, 0x30, 0x41, e])
            default: output.append(byte)
            }
        }
    }
}
