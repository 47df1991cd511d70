import Testing
@testable import PHD11073

@Suite("FLOAT, SFLOAT and absolute time")
struct NumberAndTimeTests {
    @Test("every FLOAT special value, and finite values with their precision")
    func floats() {
        let specials: [(UInt32, PHDNumber)] = [
            (0x007F_FFFF, .notANumber), (0x0080_0000, .notAtThisResolution), (0x007F_FFFE, .positiveInfinity),
            (0x0080_0002, .negativeInfinity), (0x0080_0001, .reserved),
        ]
        for (bits, value) in specials {
            #expect(PHDFloat(bits: bits).value == value)
            #expect(!PHDFloat(bits: bits).value.isFinite)
            #expect(PHDFloat(bits: bits).value.doubleValue == nil)
        }
        // The same patterns under another exponent are numbers, not specials.
        #expect(PHDFloat(bits: 0xFF7F_FFFF).value == .finite(mantissa: 0x7F_FFFF, exponent: -1))
        #expect(PHDFloat(bits: 0xFF00_0270).value.description == "62.4")
        #expect(PHDFloat(bits: 0xFE00_0001).value.description == "0.01")
        #expect(PHDFloat(bits: 0x02FF_FFFF).value.description == "-100")
        #expect(PHDFloat(bits: 0x0000_0000).value.description == "0")
        #expect(PHDFloat(mantissa: 624, exponent: -1)?.bits == 0xFF00_0270)
        #expect(PHDFloat(mantissa: 0x7F_FFFF, exponent: 0) == nil, "a mantissa that is a special pattern")
    }

    @Test("every SFLOAT special value; 100 written two ways reads the same")
    func sfloats() {
        let specials: [(UInt16, PHDNumber)] = [
            (0x07FF, .notANumber), (0x0800, .notAtThisResolution), (0x07FE, .positiveInfinity), (0x0802, .negativeInfinity), (0x0801, .reserved),
        ]
        for (bits, value) in specials {
            #expect(PHDSFloat(bits: bits).value == value)
            #expect(PHDSFloat(bits: bits).value.specialName != nil)
        }
        #expect(PHDSFloat(bits: 0x0064).value.doubleValue == 100)
        #expect(PHDSFloat(bits: 0xF3E8).value.doubleValue == 100)
        #expect(PHDSFloat(bits: 0xF014).value.description == "2.0")
        #expect(PHDSFloat(bits: 0x0FFF).value.description == "-1")
        #expect(PHDSFloat(mantissa: 71, exponent: 0)?.bits == 0x0047)
        #expect(PHDSFloat(mantissa: 1, exponent: 8) == nil, "the exponent has 4 bits")
    }

    @Test("absolute time: valid dates pass, bad BCD and impossible dates are named")
    func absoluteTime() {
        #expect(AbsoluteTime(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59).problem == nil)
        #expect(AbsoluteTime(bytes: [0x20, 0x07, 0x02, 0x01, 0x12, 0x10, 0x00, 0x00])?.description == "2007-02-01 12:10:00.00")
        #expect(AbsoluteTime(bytes: [0x20, 0x07, 0x13, 0x01, 0x12, 0x10, 0x00, 0x00])?.problem == "has month 13")
        #expect(AbsoluteTime(bytes: [0x20, 0x23, 0x02, 0x29, 0x12, 0x10, 0x00, 0x00])?.problem == "has day 29 in month 2")
        #expect(AbsoluteTime(bytes: [0x20, 0x07, 0x02, 0x01, 0x24, 0x10, 0x00, 0x00])?.problem == "has hour 24")
        let notBCD = AbsoluteTime(bytes: [0x20, 0x07, 0x0A, 0x01, 0x12, 0x10, 0x00, 0x00])
        #expect(notBCD?.problem == "is not BCD (a nibble above 9)")
        #expect(notBCD?.description == "2007" + "0A" + "0112100000")
        #expect(AbsoluteTime(bytes: [0x20, 0x07]) == nil)
    }
}
