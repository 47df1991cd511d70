/// How an integer relation value is written.
public enum IntegerCoding: Sendable, Equatable {
    /// One byte.
    case u8
    /// Two bytes, most significant first (MDER).
    case u16BigEndian
    /// Two bytes, least significant first.
    case u16LittleEndian
    /// Four bytes, most significant first.
    case u32BigEndian
    /// ASCII decimal digits, no sign or padding.
    case decimalText
    /// Two upper-case hexadecimal digits of the low byte (ASTM checksums).
    case hexUpper2

    /// A stable name for digests and records.
    public var name: String {
        switch self {
        case .u8: "u8"
        case .u16BigEndian: "u16be"
        case .u16LittleEndian: "u16le"
        case .u32BigEndian: "u32be"
        case .decimalText: "decimal"
        case .hexUpper2: "hex2"
        }
    }

    /// The largest value the coding can carry (what a "max" lie writes).
    public var maxValue: UInt64 {
        switch self {
        case .u8, .hexUpper2: 0xFF
        case .u16BigEndian, .u16LittleEndian: 0xFFFF
        case .u32BigEndian: 0xFFFF_FFFF
        case .decimalText: UInt64.max
        }
    }

    /// The bytes of `value`, truncated to the coding's width (a lie may exceed it on purpose).
    public func encode(_ value: UInt64) -> [UInt8] {
        switch self {
        case .u8: return [UInt8(truncatingIfNeeded: value)]
        case .u16BigEndian: return [UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
        case .u16LittleEndian: return [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
        case .u32BigEndian:
            return [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> UInt64($0)) }
        case .decimalText: return DecimalText.bytes(value)
        case .hexUpper2:
            let digits: [UInt8] = Array("0123456789ABCDEF".utf8)
            return [digits[Int((value >> 4) & 0xF)], digits[Int(value & 0xF)]]
        }
    }
}

/// Checksums a relation can maintain.
public enum ChecksumKind: Sendable, Equatable {
    /// Sum of the bytes modulo 256 (written with the relation's ``IntegerCoding``).
    case sum8
    /// Exclusive or of the bytes.
    case xor8
}

/// What a derived leaf is computed from. Paths name nodes of the base tree.
public enum RelationRule: Sendable, Equatable {
    /// The rendered byte length of the sources, plus `adjust` (inclusive lengths and the like).
    case lengthOf([String], IntegerCoding, adjust: Int64)
    /// The number of children of a branch.
    case countOf(String, IntegerCoding)
    /// A checksum over the rendered sources.
    case checksumOf([String], ChecksumKind, IntegerCoding)
    /// Fixed bytes required by the protocol (MLLP start and end blocks, frame markers).
    case framing([UInt8])
    /// The delimiters actually used for these roles, concatenated (HL7 MSH-1/MSH-2, ASTM H).
    case delimiterDeclaration([Int])
}

/// A derived leaf: the renderer recomputes ``target`` from ``rule`` unless an anomaly lies
/// about this relation.
public struct Relation: Sendable, Equatable {
    /// A stable name used in anomaly records (`"MSH.2/declaration"`).
    public var name: String
    /// The path of the derived leaf.
    public var target: String
    /// How the value is derived.
    public var rule: RelationRule

    /// A relation.
    public init(name: String, target: String, rule: RelationRule) {
        self.name = name
        self.target = target
        self.rule = rule
    }

    /// Whether the relation's value is an integer (so offset lies make sense).
    public var isInteger: Bool {
        switch rule {
        case .lengthOf, .countOf, .checksumOf: true
        case .framing, .delimiterDeclaration: false
        }
    }

    /// The coding of an integer relation.
    public var coding: IntegerCoding? {
        switch rule {
        case .lengthOf(_, let coding, _), .countOf(_, let coding), .checksumOf(_, _, let coding): coding
        case .framing, .delimiterDeclaration: nil
        }
    }
}

/// A deliberate lie about one relation: what the renderer writes instead of the truth.
public enum RelationLie: Sendable, Equatable {
    /// The true integer plus `delta` (wrapping), e.g. length ±1.
    case offset(Int64)
    /// A fixed integer, e.g. 0 or the coding's maximum.
    case absolute(UInt64)
    /// Fixed bytes, e.g. a missing start block or another delimiter set.
    case bytes([UInt8])
}

/// ASCII decimal without Foundation formatters (they differ between platforms).
public enum DecimalText {
    /// The decimal digits of `value`.
    public static func bytes(_ value: UInt64) -> [UInt8] {
        if value == 0 { return [0x30] }
        var digits: [UInt8] = []
        var rest = value
        while rest > 0 {
            digits.append(0x30 + UInt8(rest % 10))
            rest /= 10
        }
        return digits.reversed()
    }

    /// The decimal digits of `value`, with a minus sign when negative.
    public static func bytes(signed value: Int64) -> [UInt8] {
        if value < 0 { return [0x2D] + bytes(value.magnitude) }
        return bytes(UInt64(value))
    }
}
