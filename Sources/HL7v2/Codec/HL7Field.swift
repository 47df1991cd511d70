/// One field of a segment, possibly repeated, as a view over the message bytes.
public struct HL7Field: Sendable {
    /// The escaped bytes as on the wire, all repetitions included.
    public let raw: ArraySlice<UInt8>
    /// The delimiters used to split and unescape.
    public let delimiters: HL7Delimiters
    /// MSH-1 and MSH-2 hold the delimiters themselves and must not be split or unescaped.
    let isLiteral: Bool
    /// Set when `raw` is already one repetition, so it is never searched for repetition
    /// separators again.
    let isSingleRepetition: Bool

    /// Wraps raw field bytes; useful for values taken from elsewhere, such as a template.
    public init(raw: ArraySlice<UInt8>, delimiters: HL7Delimiters) {
        self.init(raw: raw, delimiters: delimiters, isLiteral: false)
    }

    init(raw: ArraySlice<UInt8>, delimiters: HL7Delimiters, isLiteral: Bool, isSingleRepetition: Bool = false) {
        self.raw = raw
        self.delimiters = delimiters
        self.isLiteral = isLiteral
        self.isSingleRepetition = isSingleRepetition
    }

    /// True when the field is absent or has zero length.
    public var isEmpty: Bool { raw.isEmpty }

    /// True for HL7's explicit null `""`, which tells the receiver to delete the value; this
    /// differs from an empty field, which means "no change".
    public var isNull: Bool { raw.isHL7Null }

    /// The number of repetitions: 0 for an empty field.
    public var repetitionCount: Int {
        isLiteral || isSingleRepetition ? (raw.isEmpty ? 0 : 1) : raw.pieceCount(separatedBy: delimiters.repetition)
    }

    /// Repetition `i` (from 0) as a field of its own; empty when absent.
    public func repetition(_ i: Int) -> HL7Field {
        if isLiteral { return i == 0 ? self : HL7Field(raw: ArraySlice(), delimiters: delimiters, isLiteral: true) }
        if isSingleRepetition {
            return i == 0 ? self : HL7Field(raw: ArraySlice(), delimiters: delimiters, isLiteral: false, isSingleRepetition: true)
        }
        return HL7Field(
            raw: raw.piece(i, separatedBy: delimiters.repetition), delimiters: delimiters, isLiteral: false,
            isSingleRepetition: true)
    }

    /// All repetitions, in order.
    public var repetitions: [HL7Field] {
        (0..<repetitionCount).map(repetition)
    }

    /// The bytes of the first repetition.
    public var firstRepetition: ArraySlice<UInt8> {
        isLiteral || isSingleRepetition ? raw : raw.piece(0, separatedBy: delimiters.repetition)
    }

    /// The number of components in the first repetition: 0 when it is empty.
    public var componentCount: Int {
        isLiteral ? (raw.isEmpty ? 0 : 1) : firstRepetition.pieceCount(separatedBy: delimiters.component)
    }

    /// Component `c` (from 1) of the first repetition; empty when absent.
    public func component(_ c: Int) -> HL7Component {
        guard c >= 1 else { return HL7Component(raw: ArraySlice(), delimiters: delimiters, isLiteral: isLiteral) }
        if isLiteral {
            return HL7Component(raw: c == 1 ? raw : ArraySlice(), delimiters: delimiters, isLiteral: true)
        }
        return HL7Component(
            raw: firstRepetition.piece(c - 1, separatedBy: delimiters.component), delimiters: delimiters,
            isLiteral: false)
    }

    /// The unescaped text of the first repetition, component separators included as they are.
    ///
    /// Bytes are decoded as UTF-8 (invalid sequences become U+FFFD); read ``raw`` or
    /// ``unescaped()`` for another character set. See ``HL7Escaping/unescape(_:delimiters:)``
    /// for which escape sequences are replaced.
    public var text: String {
        isLiteral ? String(decoding: raw, as: UTF8.self) : HL7Escaping.text(firstRepetition, delimiters: delimiters)
    }

    /// The unescaped bytes of the first repetition and any malformed escape sequences.
    public func unescaped() -> (bytes: [UInt8], problems: [HL7EscapeProblem]) {
        isLiteral ? (Array(raw), []) : HL7Escaping.unescape(firstRepetition, delimiters: delimiters)
    }
}

/// One component of a field, as a view over the message bytes.
public struct HL7Component: Sendable {
    /// The escaped bytes as on the wire, subcomponents included.
    public let raw: ArraySlice<UInt8>
    /// The delimiters used to split and unescape.
    public let delimiters: HL7Delimiters
    let isLiteral: Bool

    init(raw: ArraySlice<UInt8>, delimiters: HL7Delimiters, isLiteral: Bool) {
        self.raw = raw
        self.delimiters = delimiters
        self.isLiteral = isLiteral
    }

    /// True when the component is absent or has zero length.
    public var isEmpty: Bool { raw.isEmpty }

    /// True for HL7's explicit null `""`.
    public var isNull: Bool { raw.isHL7Null }

    /// The number of subcomponents: 0 when the component is empty.
    public var subcomponentCount: Int {
        isLiteral ? (raw.isEmpty ? 0 : 1) : raw.pieceCount(separatedBy: delimiters.subcomponent)
    }

    /// Subcomponent `s` (from 1); empty when absent.
    public func subcomponent(_ s: Int) -> HL7Subcomponent {
        guard s >= 1 else { return HL7Subcomponent(raw: ArraySlice(), delimiters: delimiters, isLiteral: isLiteral) }
        if isLiteral {
            return HL7Subcomponent(raw: s == 1 ? raw : ArraySlice(), delimiters: delimiters, isLiteral: true)
        }
        return HL7Subcomponent(
            raw: raw.piece(s - 1, separatedBy: delimiters.subcomponent), delimiters: delimiters, isLiteral: false)
    }

    /// The unescaped text, subcomponent separators included as they are.
    public var text: String {
        isLiteral ? String(decoding: raw, as: UTF8.self) : HL7Escaping.text(raw, delimiters: delimiters)
    }

    /// The unescaped bytes and any malformed escape sequences.
    public func unescaped() -> (bytes: [UInt8], problems: [HL7EscapeProblem]) {
        isLiteral ? (Array(raw), []) : HL7Escaping.unescape(raw, delimiters: delimiters)
    }
}

/// One subcomponent: the smallest unit of ER7 structure.
public struct HL7Subcomponent: Sendable {
    /// The escaped bytes as on the wire.
    public let raw: ArraySlice<UInt8>
    /// The delimiters used to unescape.
    public let delimiters: HL7Delimiters
    let isLiteral: Bool

    init(raw: ArraySlice<UInt8>, delimiters: HL7Delimiters, isLiteral: Bool) {
        self.raw = raw
        self.delimiters = delimiters
        self.isLiteral = isLiteral
    }

    /// True when the subcomponent is absent or has zero length.
    public var isEmpty: Bool { raw.isEmpty }

    /// True for HL7's explicit null `""`.
    public var isNull: Bool { raw.isHL7Null }

    /// The unescaped text.
    public var text: String {
        isLiteral ? String(decoding: raw, as: UTF8.self) : HL7Escaping.text(raw, delimiters: delimiters)
    }

    /// The unescaped bytes and any malformed escape sequences.
    public func unescaped() -> (bytes: [UInt8], problems: [HL7EscapeProblem]) {
        isLiteral ? (Array(raw), []) : HL7Escaping.unescape(raw, delimiters: delimiters)
    }
}
