/// The separator and escape characters of one HL7 v2 message, as declared in MSH-1 and MSH-2.
///
/// A device chooses its own delimiters, so every parser decision reads them from here rather
/// than assuming `|^~\&`.
public struct HL7Delimiters: Sendable, Hashable, CustomStringConvertible {
    /// The field separator (MSH-1), normally `|`.
    public var field: UInt8
    /// The component separator (first character of MSH-2), normally `^`.
    public var component: UInt8
    /// The repetition separator (second character of MSH-2), normally `~`.
    public var repetition: UInt8
    /// The escape character (third character of MSH-2), normally `\`.
    public var escape: UInt8
    /// The subcomponent separator (fourth character of MSH-2), normally `&`.
    public var subcomponent: UInt8
    /// The truncation character (fifth character of MSH-2, HL7 v2.7 and later), normally `#`;
    /// `nil` when MSH-2 declares only four characters.
    public var truncation: UInt8?

    /// Creates a delimiter set; no validation happens here (the parser validates what it reads).
    public init(
        field: UInt8, component: UInt8, repetition: UInt8, escape: UInt8, subcomponent: UInt8,
        truncation: UInt8? = nil
    ) {
        self.field = field
        self.component = component
        self.repetition = repetition
        self.escape = escape
        self.subcomponent = subcomponent
        self.truncation = truncation
    }

    /// The recommended delimiters `|^~\&`, without a truncation character.
    public static let standard = HL7Delimiters(
        field: 0x7C, component: 0x5E, repetition: 0x7E, escape: 0x5C, subcomponent: 0x26)

    /// The MSH-2 value: component, repetition, escape, subcomponent and, if any, truncation.
    public var encodingCharacters: [UInt8] {
        var chars = [component, repetition, escape, subcomponent]
        if let truncation { chars.append(truncation) }
        return chars
    }

    /// The delimiter bytes in MSH order (field first), paired with their role.
    public var declared: [(role: HL7DelimiterRole, byte: UInt8)] {
        var list: [(role: HL7DelimiterRole, byte: UInt8)] = [
            (.field, field), (.component, component), (.repetition, repetition),
            (.escape, escape), (.subcomponent, subcomponent),
        ]
        if let truncation { list.append((.truncation, truncation)) }
        return list
    }

    /// MSH-1 followed by MSH-2, e.g. `|^~\&`.
    public var description: String {
        String(decoding: [field] + encodingCharacters, as: UTF8.self)
    }

    /// Whether `byte` may serve as a delimiter: printable ASCII punctuation only, because a
    /// letter, digit, space, control or non-ASCII byte would collide with data or framing.
    public static func isAllowedDelimiter(_ byte: UInt8) -> Bool {
        guard byte >= 0x21, byte <= 0x7E else { return false }
        return !ASCIIByte.isAlphanumeric(byte)
    }
}

/// What a delimiter character is used for; names the culprit in delimiter errors.
public enum HL7DelimiterRole: String, Sendable, Hashable, CaseIterable {
    case field, component, repetition, escape, subcomponent, truncation

    /// The role's name as written in the HL7 standard, for messages.
    public var name: String {
        switch self {
        case .field: "field separator"
        case .component: "component separator"
        case .repetition: "repetition separator"
        case .escape: "escape character"
        case .subcomponent: "subcomponent separator"
        case .truncation: "truncation character"
        }
    }
}
