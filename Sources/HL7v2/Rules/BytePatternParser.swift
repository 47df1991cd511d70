/// The parse tree of a ``BytePattern``.
indirect enum PatternNode: Sendable {
    case empty
    case set(ByteSet)
    case start
    case end
    case sequence([PatternNode])
    case alternation([PatternNode])
    /// `maximum == nil` means unbounded.
    case repetition(PatternNode, minimum: Int, maximum: Int?)
}

/// A recursive-descent parser for the ICU subset ``BytePattern`` covers. It returns nil for
/// anything outside that subset (back-references, look-around, flags, nested set operations,
/// possessive quantifiers, `\b`, Unicode properties) so the caller can fall back to ICU, which
/// then also decides whether the pattern is valid at all.
struct BytePatternParser {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    /// Bound repetition counts above this are left to ICU.
    static let maxCount = 1000

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func parse() -> PatternNode? {
        guard let node = alternation(), index == bytes.count else { return nil }
        return node
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func alternation() -> PatternNode? {
        depth += 1
        defer { depth -= 1 }
        guard depth < 64 else { return nil }
        var branches: [PatternNode] = []
        guard let first = sequence() else { return nil }
        branches.append(first)
        while current == UInt8(ascii: "|") {
            index += 1
            guard let next = sequence() else { return nil }
            branches.append(next)
        }
        return branches.count == 1 ? first : .alternation(branches)
    }

    private mutating func sequence() -> PatternNode? {
        var items: [PatternNode] = []
        while let byte = current, byte != UInt8(ascii: "|"), byte != UInt8(ascii: ")") {
            guard let atom = atom(), let quantified = quantified(atom) else { return nil }
            items.append(quantified)
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .sequence(items)
        }
    }

    private mutating func quantified(_ atom: PatternNode) -> PatternNode? {
        guard let byte = current else { return atom }
        var minimum = 0
        var maximum: Int? = nil
        switch byte {
        case UInt8(ascii: "*"):
            index += 1
        case UInt8(ascii: "+"):
            index += 1
            minimum = 1
        case UInt8(ascii: "?"):
            index += 1
            maximum = 1
        case UInt8(ascii: "{"):
            guard let bounds = braces() else { return nil }
            (minimum, maximum) = bounds
        default:
            return atom
        }
        switch atom {
        case .start, .end: return nil  // a quantified anchor is legal ICU but never meant
        default: break
        }
        // A lazy suffix does not change whether a match exists; a possessive one does.
        if current == UInt8(ascii: "?") {
            index += 1
        } else if current == UInt8(ascii: "+") {
            return nil
        }
        if let next = current, next == UInt8(ascii: "*") || next == UInt8(ascii: "+") || next == UInt8(ascii: "?")
            || next == UInt8(ascii: "{")
        {
            return nil  // stacked quantifiers: leave the interpretation to ICU
        }
        return .repetition(atom, minimum: minimum, maximum: maximum)
    }

    /// `{n}`, `{n,}` or `{n,m}`.
    private mutating func braces() -> (Int, Int?)? {
        index += 1
        guard let minimum = number() else { return nil }
        var maximum: Int? = minimum
        if current == UInt8(ascii: ",") {
            index += 1
            maximum = current == UInt8(ascii: "}") ? nil : number()
            if maximum == nil, current != UInt8(ascii: "}") { return nil }
        }
        guard current == UInt8(ascii: "}") else { return nil }
        index += 1
        if let maximum, maximum < minimum { return nil }
        return (minimum, maximum)
    }

    private mutating func number() -> Int? {
        var value = 0
        var digits = 0
        while let byte = current, byte >= 0x30, byte <= 0x39 {
            value = value * 10 + Int(byte - 0x30)
            digits += 1
            index += 1
            guard value <= Self.maxCount else { return nil }
        }
        return digits > 0 ? value : nil
    }

    private mutating func atom() -> PatternNode? {
        guard let byte = current else { return nil }
        index += 1
        switch byte {
        case UInt8(ascii: "("):
            if current == UInt8(ascii: "?") {
                // Only the non-capturing group; flags and look-around go to ICU.
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ":") else { return nil }
                index += 2
            }
            guard let inner = alternation(), current == UInt8(ascii: ")") else { return nil }
            index += 1
            return inner
        case UInt8(ascii: "["):
            return bracket().map(PatternNode.set)
        case UInt8(ascii: "."):
            return .set(.dot)
        case UInt8(ascii: "^"):
            return .start
        case UInt8(ascii: "$"):
            return .end
        case UInt8(ascii: "\\"):
            return escape(inClass: false).map(PatternNode.set)
        case UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"),
            UInt8(ascii: "}"), UInt8(ascii: "]"):
            return nil
        default:
            var set = ByteSet()
            set.insert(byte)
            return .set(set)
        }
    }

    /// The escape after a backslash (already consumed).
    private mutating func escape(inClass: Bool) -> ByteSet? {
        guard let byte = current else { return nil }
        index += 1
        var set = ByteSet()
        switch byte {
        case UInt8(ascii: "d"): return .digits
        case UInt8(ascii: "D"): return ByteSet.digits.invertedASCII
        case UInt8(ascii: "w"): return .word
        case UInt8(ascii: "W"): return ByteSet.word.invertedASCII
        case UInt8(ascii: "s"): return .space
        case UInt8(ascii: "S"): return ByteSet.space.invertedASCII
        case UInt8(ascii: "t"): set.insert(0x09)
        case UInt8(ascii: "n"): set.insert(0x0A)
        case UInt8(ascii: "r"): set.insert(0x0D)
        case UInt8(ascii: "f"): set.insert(0x0C)
        default:
            // Escaped punctuation stands for itself; escaped letters and digits have meanings
            // (\b, \A, \1, \p{…}, \x…) this engine leaves to ICU.
            guard !(ASCIIClass.isLetter(byte) || ASCIIClass.isDigit(byte)) else { return nil }
            set.insert(byte)
        }
        return set
    }

    /// A bracket expression after `[` (already consumed).
    private mutating func bracket() -> ByteSet? {
        var negated = false
        if current == UInt8(ascii: "^") {
            negated = true
            index += 1
        }
        var set = ByteSet()
        var first = true
        while true {
            guard let byte = current else { return nil }
            if byte == UInt8(ascii: "]") {
                guard !first else { return nil }  // "[]" and "[^]" differ between engines
                index += 1
                break
            }
            // ICU treats `[` inside a set as a nested set and `&&`/`--` as set operations.
            guard byte != UInt8(ascii: "[") else { return nil }
            if byte == UInt8(ascii: "&") || (byte == UInt8(ascii: "-") && !first && index + 1 < bytes.count
                && bytes[index + 1] == UInt8(ascii: "-"))
            {
                return nil
            }
            first = false
            guard let low = classMember() else { return nil }
            if case .single(let lowByte) = low, current == UInt8(ascii: "-"), index + 1 < bytes.count,
                bytes[index + 1] != UInt8(ascii: "]")
            {
                index += 1
                guard let high = classMember(), case .single(let highByte) = high, lowByte <= highByte else {
                    return nil
                }
                set.formUnion(ByteSet(lowByte...highByte))
            } else {
                switch low {
                case .single(let value): set.insert(value)
                case .set(let members): set.formUnion(members)
                }
            }
        }
        return negated ? set.invertedASCII : set
    }

    private enum ClassMember {
        case single(UInt8)
        case set(ByteSet)
    }

    private mutating func classMember() -> ClassMember? {
        guard let byte = current else { return nil }
        index += 1
        guard byte == UInt8(ascii: "\\") else { return .single(byte) }
        guard let escaped = current else { return nil }
        switch escaped {
        case UInt8(ascii: "d"), UInt8(ascii: "D"), UInt8(ascii: "w"), UInt8(ascii: "W"), UInt8(ascii: "s"),
            UInt8(ascii: "S"):
            return escape(inClass: true).map(ClassMember.set)
        default:
            guard let set = escape(inClass: true) else { return nil }
            // Single-byte escapes (\t, \-, \]) may be range ends.
            for value in UInt8(0)...0x7F where set.contains(value) { return .single(value) }
            return nil
        }
    }
}
