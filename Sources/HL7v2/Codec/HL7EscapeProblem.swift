/// A malformed escape sequence found while unescaping.
public struct HL7EscapeProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the sequence.
    public enum Kind: Sendable, Equatable {
        /// No closing escape character before the end of the value or the next delimiter.
        case unterminated
        /// Two escape characters with nothing between them.
        case empty
        /// The letter after the escape character is not an HL7 escape code.
        case unknownCode(UInt8)
        /// A known code with a body that does not fit it (e.g. `\Fx\`, `\C12\`).
        case malformed(code: UInt8)
        /// `\X\` without any hex digits.
        case emptyHexData
        /// `\X...\` with an odd number of hex digits.
        case oddHexDigitCount(Int)
        /// A byte inside `\X...\` that is not a hex digit.
        case invalidHexDigit(UInt8)
        /// `\L\` although MSH-2 declares no truncation character.
        case truncationNotDeclared
    }

    /// Where the problem is: the index in the unescaped slice's base array, so for a slice of
    /// ``HL7Message/bytes`` a byte offset in the message. For hex digits, the digit itself;
    /// otherwise the opening escape character.
    public var offset: Int
    /// What is wrong.
    public var kind: Kind

    /// Creates a problem record.
    public init(offset: Int, kind: Kind) {
        self.offset = offset
        self.kind = kind
    }

    /// One line that says what is wrong and where.
    public var description: String {
        switch kind {
        case .unterminated:
            return "byte \(offset): escape sequence is not terminated before the end of the value or the next delimiter"
        case .empty:
            return "byte \(offset): empty escape sequence (two escape characters with nothing between)"
        case let .unknownCode(code):
            return "byte \(offset): unknown escape code \(ASCIIByte.described(code)); expected F, S, T, R, E, L, H, N, X, Z, C, M or ."
        case let .malformed(code):
            return "byte \(offset): escape sequence \(ASCIIByte.described(code)) has a body that does not fit its code"
        case .emptyHexData:
            return "byte \(offset): hex escape \\X\\ holds no hex digits"
        case let .oddHexDigitCount(count):
            return "byte \(offset): hex escape holds \(count) hex digits, an odd number"
        case let .invalidHexDigit(byte):
            return "byte \(offset): \(ASCIIByte.described(byte)) is not a hex digit in a hex escape"
        case .truncationNotDeclared:
            return "byte \(offset): escape \\L\\ names the truncation character, but MSH-2 declares none"
        }
    }
}
