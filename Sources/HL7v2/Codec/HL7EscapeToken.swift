/// One well-formed escape sequence, such as `\F\` or `\X0D0A\`, with its meaning.
public enum HL7EscapeToken: Sendable, Hashable {
    /// `\F\`: the field separator.
    case fieldSeparator
    /// `\S\`: the component separator.
    case componentSeparator
    /// `\T\`: the subcomponent separator.
    case subcomponentSeparator
    /// `\R\`: the repetition separator.
    case repetitionSeparator
    /// `\E\`: the escape character.
    case escapeCharacter
    /// `\L\`: the truncation character (only valid when MSH-2 declares one).
    case truncationCharacter
    /// `\H\`: start highlighting.
    case startHighlighting
    /// `\N\`: normal text (end highlighting).
    case normalText
    /// `\.xx\`: a formatted-text command such as `br`, `sp2`, `in+4` (without the dot).
    case formatting(command: String)
    /// `\Xhh...\`: bytes given in hexadecimal.
    case hexData([UInt8])
    /// `\Zxx...\`: a locally defined escape; the bytes after `Z`.
    case locallyDefined([UInt8])
    /// `\Cxxyy\`: a single-byte character-set switch (ISO-IR escape bytes xx, yy).
    case singleByteCharacterSet([UInt8])
    /// `\Mxxyy\` or `\Mxxyyzz\`: a multi-byte character-set switch.
    case multiByteCharacterSet([UInt8])

    /// The byte this token stands for when it names a delimiter, or nil.
    public func delimiterByte(in delimiters: HL7Delimiters) -> UInt8? {
        switch self {
        case .fieldSeparator: delimiters.field
        case .componentSeparator: delimiters.component
        case .subcomponentSeparator: delimiters.subcomponent
        case .repetitionSeparator: delimiters.repetition
        case .escapeCharacter: delimiters.escape
        case .truncationCharacter: delimiters.truncation
        default: nil
        }
    }
}

/// A stretch of escaped text: literal bytes, a recognised escape sequence, or a malformed one.
public enum HL7TextElement: Sendable, Equatable {
    /// Bytes without escape sequences.
    case literal(ArraySlice<UInt8>)
    /// A well-formed escape sequence; `raw` covers it including both escape characters.
    case escape(HL7EscapeToken, raw: ArraySlice<UInt8>)
    /// A malformed escape sequence; `raw` covers the bytes kept verbatim.
    case invalid(HL7EscapeProblem, raw: ArraySlice<UInt8>)
}
