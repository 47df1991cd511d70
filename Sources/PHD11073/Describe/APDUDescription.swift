/// A decoded APDU as readable text, for evidence and for `medconform check`: one line per
/// field that matters, nested by two spaces, names beside numbers, and a one-line summary.
///
/// The text depends on nothing but the APDU and the value maps given: no locale, no clock,
/// no dictionary order, so the same bytes always read the same.
///
/// ```swift
/// let text = APDUDescription(try APDU.decode(bytes)).text
/// // AARQ assoc-version 0x80000000
/// //   data-proto 0x5079 (20601)
/// //     protocol-version 0x80000000
/// //     …
/// ```
public struct APDUDescription: Sendable, Hashable, CustomStringConvertible {
    /// The lines, indented by nesting.
    public var lines: [String]
    /// One line: the kind and what distinguishes this APDU.
    public var summary: String

    /// Describes `apdu`; fixed-format observations are read through `valueMaps` when they
    /// hold the observing object's handle, and shown as bytes otherwise.
    public init(_ apdu: APDU, valueMaps: PHDValueMaps = PHDValueMaps()) {
        var builder = DescriptionBuilder(valueMaps: valueMaps)
        summary = builder.describe(apdu)
        lines = builder.lines
    }

    /// Decodes and describes `bytes`; bytes that do not decode are described by their
    /// header and the codec's error.
    public init(bytes: [UInt8], valueMaps: PHDValueMaps = PHDValueMaps()) {
        self.init(decoded: APDU.decoding(bytes), bytes: bytes, valueMaps: valueMaps)
    }

    /// Describes what decoding `bytes` gave, for callers that have decoded them already.
    public init(decoded: Result<APDU, MDERDecodingError>, bytes: [UInt8], valueMaps: PHDValueMaps = PHDValueMaps()) {
        switch decoded {
        case .success(let apdu):
            self.init(apdu, valueMaps: valueMaps)
        case .failure(let error):
            let kind = bytes.count >= 2 ? APDU.kindName(tag: UInt16(bytes[0]) << 8 | UInt16(bytes[1])) : nil
            let head = "\(kind ?? "APDU") \(DescriptionText.count(bytes.count, "byte")) that do not decode"
            self.init(lines: [head, "  \(error)", "  \(DescriptionText.blob(bytes))"], summary: "\(head): \(error)")
        }
    }

    private init(lines: [String], summary: String) {
        self.lines = lines
        self.summary = summary
    }

    /// The lines joined by line feeds.
    public var text: String { lines.joined(separator: "\n") }

    public var description: String { text }
}
