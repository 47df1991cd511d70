/// What one fixed-format observation holds once read through its value map.
public struct PHDObservation: Sendable, Hashable {
    public var numbers: [PHDNumber]
    public var time: AbsoluteTime?
}

/// A simulated measurement value before encoding: `mantissa × 10^exponent`, or a special
/// value (NaN) that the ``PHDAgentFault/specialValue`` fault sends.
struct PHDRawNumber: Sendable, Hashable {
    var mantissa: Int32
    var exponent: Int8
    var isNaN = false

    static let nan = PHDRawNumber(mantissa: 0, exponent: 0, isNaN: true)

    /// SFLOAT bits; NaN when the value does not fit 12 bits (the simulators' values all do).
    var sfloatBits: UInt16 {
        guard !isNaN, let mantissa16 = Int16(exactly: mantissa), let value = PHDSFloat(mantissa: mantissa16, exponent: exponent) else {
            return PHDSFloat.nan.bits
        }
        return value.bits
    }

    /// FLOAT bits; NaN when the value does not fit 24 bits.
    var floatBits: UInt32 {
        guard !isNaN, let value = PHDFloat(mantissa: mantissa, exponent: exponent) else { return PHDFloat.nan.bits }
        return value.bits
    }
}
