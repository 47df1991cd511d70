/// Why bytes could not be read as an HL7 v2 message.
///
/// Every case carries the position of the fault so a report can point at the offending
/// byte; offsets count from the first byte of the input given to ``HL7Message/parse(_:maxBytes:)``.
public enum HL7ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input has no bytes at all.
    case emptyInput
    /// The input is larger than the cap the caller allowed.
    case messageTooLarge(byteCount: Int, limit: Int)
    /// The first segment is not MSH; `found` holds up to the first 8 bytes of the first line.
    case doesNotStartWithMSH(found: [UInt8])
    /// The MSH segment ends at `offset` before it declares the field separator (MSH-1).
    case mshTooShort(offset: Int)
    /// MSH-2, starting at `offset`, holds `count` characters instead of 4 (or 5 with the
    /// truncation character).
    case encodingCharacterCount(count: Int, offset: Int)
    /// A delimiter is a letter, digit, space, control character or non-ASCII byte.
    case invalidDelimiter(role: HL7DelimiterRole, byte: UInt8, offset: Int)
    /// Two roles share one character; `role` at `offset` repeats the character of `sameAs`.
    case duplicateDelimiter(role: HL7DelimiterRole, byte: UInt8, offset: Int, sameAs: HL7DelimiterRole)
    /// A segment does not begin with three upper-case letters or digits followed by the field
    /// separator or the end of the segment; `found` holds up to 8 bytes of what is there.
    case invalidSegmentID(segmentIndex: Int, offset: Int, found: [UInt8])

    /// One line that says what is wrong and where.
    public var description: String {
        switch self {
        case .emptyInput:
            return "empty input: an HL7 v2 message must start with an MSH segment"
        case let .messageTooLarge(byteCount, limit):
            return "message of \(byteCount) bytes exceeds the limit of \(limit) bytes"
        case let .doesNotStartWithMSH(found):
            let batch: Set<[UInt8]> = [Array("FHS".utf8), Array("BHS".utf8), Array("BTS".utf8), Array("FTS".utf8)]
            let hint = batch.contains(Array(found.prefix(3)))
                ? " (batch and file header/trailer segments are not messages; split the file with HL7FileSplitter)"
                : ""
            return "byte 0: message does not start with MSH, found \(ASCIIByte.quoted(found))\(hint)"
        case let .mshTooShort(offset):
            return "byte \(offset): MSH segment ends before declaring the field separator (MSH-1)"
        case let .encodingCharacterCount(count, offset):
            return "byte \(offset): MSH-2 declares \(count) encoding characters, expected 4 (like ^~\\&) or 5 (with a truncation character)"
        case let .invalidDelimiter(role, byte, offset):
            return "byte \(offset): \(role.name) \(ASCIIByte.described(byte)) is not allowed; a delimiter must be printable ASCII punctuation, not a letter, digit, space, control or non-ASCII byte"
        case let .duplicateDelimiter(role, byte, offset, sameAs):
            return "byte \(offset): \(role.name) \(ASCIIByte.described(byte)) is already the \(sameAs.name); every delimiter must be distinct"
        case let .invalidSegmentID(segmentIndex, offset, found):
            return "segment index \(segmentIndex) at byte \(offset): segment ID \(ASCIIByte.quoted(found)) is not 3 upper-case letters or digits followed by the field separator"
        }
    }
}
