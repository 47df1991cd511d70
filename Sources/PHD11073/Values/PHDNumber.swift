/// A decoded FLOAT-Type or SFLOAT-Type: a finite decimal `mantissa × 10^exponent`, or one
/// of the special values (standards.md §2). Numbers are compared by value, never by bit
/// pattern, since 100 may come as 0x0064 or 0xF3E8.
public enum PHDNumber: Sendable, Hashable, CustomStringConvertible {
    case finite(mantissa: Int32, exponent: Int8)
    case notANumber
    case notAtThisResolution
    case positiveInfinity
    case negativeInfinity
    case reserved

    /// True for a finite value.
    public var isFinite: Bool {
        if case .finite = self { true } else { false }
    }

    /// The special value's name as 20601 gives it, or nil for a finite number.
    public var specialName: String? {
        switch self {
        case .finite: nil
        case .notANumber: "NaN"
        case .notAtThisResolution: "NRes"
        case .positiveInfinity: "+INF"
        case .negativeInfinity: "-INF"
        case .reserved: "reserved"
        }
    }

    /// The value for range checks. Comparing decimals through a double is exact enough for
    /// plausibility ranges, and every special value has none.
    public var doubleValue: Double? {
        guard case .finite(let mantissa, let exponent) = self else { return nil }
        var value = Double(mantissa)
        if exponent >= 0 {
            for _ in 0..<Int(exponent) { value *= 10 }
        } else {
            for _ in 0..<Int(-exponent) { value /= 10 }
        }
        return value
    }

    /// Decimal text that keeps the encoded precision: 0xFF000270 reads "62.4", 0xF014 "2.0".
    public var description: String {
        guard case .finite(let mantissa, let exponent) = self else { return specialName ?? "" }
        let negative = mantissa < 0
        var digits = String(mantissa.magnitude)
        if exponent >= 0 {
            if mantissa != 0 { digits += String(repeating: "0", count: Int(exponent)) }
        } else {
            let places = Int(-exponent)
            if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
        }
        return (negative ? "-" : "") + digits
    }
}

/// The 32-bit FLOAT-Type: a signed 8-bit exponent over a signed 24-bit mantissa.
public struct PHDFloat: Sendable, Hashable {
    public var bits: UInt32

    public init(bits: UInt32) { self.bits = bits }

    public static let nan = PHDFloat(bits: 0x007F_FFFF)
    public static let nres = PHDFloat(bits: 0x0080_0000)
    public static let positiveInfinity = PHDFloat(bits: 0x007F_FFFE)
    public static let negativeInfinity = PHDFloat(bits: 0x0080_0002)
    public static let reserved = PHDFloat(bits: 0x0080_0001)

    /// A finite value; nil when the mantissa does not fit in 24 bits or hits a special pattern.
    public init?(mantissa: Int32, exponent: Int8) {
        guard mantissa >= -0x7F_FFFD, mantissa <= 0x7F_FFFD else { return nil }
        bits = UInt32(UInt8(bitPattern: exponent)) << 24 | (UInt32(bitPattern: mantissa) & 0x00FF_FFFF)
    }

    public var value: PHDNumber {
        let rawMantissa = bits & 0x00FF_FFFF
        let exponent = Int8(bitPattern: UInt8(bits >> 24))
        if exponent == 0 {
            switch rawMantissa {
            case 0x7F_FFFF: return .notANumber
            case 0x80_0000: return .notAtThisResolution
            case 0x7F_FFFE: return .positiveInfinity
            case 0x80_0002: return .negativeInfinity
            case 0x80_0001: return .reserved
            default: break
            }
        }
        let mantissa = Int32(bitPattern: rawMantissa << 8) >> 8
        return .finite(mantissa: mantissa, exponent: exponent)
    }
}

/// The 16-bit SFLOAT-Type: a signed 4-bit exponent over a signed 12-bit mantissa.
public struct PHDSFloat: Sendable, Hashable {
    public var bits: UInt16

    public init(bits: UInt16) { self.bits = bits }

    public static let nan = PHDSFloat(bits: 0x07FF)
    public static let nres = PHDSFloat(bits: 0x0800)
    public static let positiveInfinity = PHDSFloat(bits: 0x07FE)
    public static let negativeInfinity = PHDSFloat(bits: 0x0802)
    public static let reserved = PHDSFloat(bits: 0x0801)

    /// A finite value; nil when the mantissa or exponent does not fit or hits a special pattern.
    public init?(mantissa: Int16, exponent: Int8) {
        guard mantissa >= -0x7FD, mantissa <= 0x7FD, exponent >= -8, exponent <= 7 else { return nil }
        bits = UInt16(UInt8(bitPattern: exponent) & 0x0F) << 12 | (UInt16(bitPattern: mantissa) & 0x0FFF)
    }

    public var value: PHDNumber {
        let rawMantissa = bits & 0x0FFF
        let exponent = Int8(bitPattern: UInt8(bits >> 12) << 4) >> 4
        if exponent == 0 {
            switch rawMantissa {
            case 0x7FF: return .notANumber
            case 0x800: return .notAtThisResolution
            case 0x7FE: return .positiveInfinity
            case 0x802: return .negativeInfinity
            case 0x801: return .reserved
            default: break
            }
        }
        let mantissa = Int16(bitPattern: rawMantissa << 4) >> 4
        return .finite(mantissa: Int32(mantissa), exponent: exponent)
    }
}
