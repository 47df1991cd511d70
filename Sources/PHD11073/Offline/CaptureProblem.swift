/// Something wrong with a captured file, where it is, and what reading did about it.
///
/// Reading goes on past every problem it can, so one run shows all of them; the messages
/// are written here and nowhere else.
public struct CaptureProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is: the start of the APDU, digit run or character concerned.
    public var position: CapturePosition
    /// What the problem is.
    public var kind: Kind

    /// The problems reading tells apart.
    public enum Kind: Sendable, Hashable {
        /// The file is larger than reading allows; nothing of it was used.
        case fileTooLarge(size: Int?, limit: Int)
        /// The file could not be opened or read.
        case unreadable(reason: String)
        /// The file has no bytes.
        case empty
        /// Hex text without a single hex digit (only comments or white space).
        case noHexDigits
        /// A run of hex digits of odd length; its last digit is dropped.
        case oddDigitCount(digits: Int)
        /// A character that is neither a hex digit, white space, a comma nor a comment,
        /// quoted (and given as U+XXXX when not plain ASCII).
        case nonHexCharacter(String)
        /// An APDU whose header declares more bytes than the file still holds.
        case truncatedAPDU(declared: Int, available: Int)
        /// The file ends inside an APDU's 4-byte header.
        case truncatedHeader(available: Int)
        /// Further problems were not kept, so a garbage file cannot exhaust memory.
        case moreProblems(count: Int)
    }

    public init(position: CapturePosition, kind: Kind) {
        self.position = position
        self.kind = kind
    }

    /// `position: message`.
    public var description: String { "\(position): \(message)" }

    /// What is wrong and what reading did about it, without the position.
    public var message: String {
        switch kind {
        case .fileTooLarge(let size, let limit):
            "the file is \(size.map { "\($0) bytes" } ?? "larger than that"), over the \(limit)-byte limit for a capture; it was not read"
        case .unreadable(let reason):
            "the file cannot be read: \(reason)"
        case .empty:
            "the file is empty: it holds no APDU"
        case .noHexDigits:
            "the file is text without hex digits: it holds no APDU"
        case .oddDigitCount(let digits):
            "\(digits) hex digits in a row, an odd number: a digit is missing or one too many; the last one is ignored"
        case .nonHexCharacter(let character):
            "\(character) is not a hex digit, white space, a comma or a # comment; it is ignored"
        case .truncatedAPDU(let declared, let available):
            "the APDU's header declares \(plural(declared, "byte")) after it but the file ends after \(available); they are kept as the last APDU"
        case .truncatedHeader(let available):
            "the file ends \(plural(available, "byte")) into an APDU header of 4; they are kept as the last APDU"
        case .moreProblems(let count):
            "\(plural(count, "more problem")) not listed"
        }
    }

    private func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
