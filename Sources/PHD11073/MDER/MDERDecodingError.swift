/// Why bytes are not a well-formed MDER value, and where the first inconsistency is.
///
/// Decoding stops at the first problem: after a length or count lies, nothing later can be
/// trusted, and the offset of that first lie is what a device vendor needs to find the bug.
public struct MDERDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The offset, from the first byte of the APDU, of the field that is inconsistent.
    public var offset: Int
    public var problem: Problem

    public enum Problem: Sendable, Hashable {
        /// The value needs `needed` more bytes than its enclosing length leaves.
        case truncated(what: String, needed: Int, available: Int)
        /// A length field claims more bytes than its enclosing part holds.
        case lengthExceedsEnclosing(what: String, declared: Int, available: Int)
        /// A sequence's count and length disagree with its elements.
        case countMismatch(what: String, count: Int, decoded: Int)
        /// A length-delimited part holds bytes its contents do not use.
        case unusedBytes(what: String, count: Int)
        /// A choice tag that the standard does not define at this place.
        case unknownChoice(what: String, tag: UInt16)
        /// A value outside what the field allows.
        case invalidValue(what: String, detail: String)
    }

    public init(offset: Int, problem: Problem) {
        self.offset = offset
        self.problem = problem
    }

    /// One line: the offset in hex and decimal, then what is wrong.
    public var description: String { "at offset \(Self.hex(offset)) (\(offset)): \(message)" }

    /// What is wrong, without the offset.
    public var message: String {
        switch problem {
        case .truncated(let what, let needed, let available):
            "\(what) needs \(needed) byte\(needed == 1 ? "" : "s") but only \(available) remain"
        case .lengthExceedsEnclosing(let what, let declared, let available):
            "the length of \(what) says \(declared) byte\(declared == 1 ? "" : "s") but only \(available) remain"
        case .countMismatch(let what, let count, let decoded):
            "the count of \(what) says \(count) element\(count == 1 ? "" : "s") but its length holds \(decoded)"
        case .unusedBytes(let what, let count):
            "\(what) leaves \(count) byte\(count == 1 ? "" : "s") unused inside its length"
        case .unknownChoice(let what, let tag):
            "\(what) has the choice tag \(Self.hex(Int(tag), width: 4)), which is not defined there"
        case .invalidValue(let what, let detail):
            "\(what) \(detail)"
        }
    }

    static func hex(_ value: Int, width: Int = 0) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// Why a value cannot be written as MDER.
public enum MDEREncodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A part is longer than a 16-bit length or count can say.
    case tooLong(what: String, size: Int)

    public var description: String {
        switch self {
        case .tooLong(let what, let size): "\(what) is \(size) bytes or elements long; MDER lengths and counts stop at 65535"
        }
    }
}
