import FuzzCore
import Testing

@testable import PHD11073

/// The value libraries hold what fuzzing.md §4.3 asks for, read back through the codec's
/// own number and time types.
@Suite struct PHDFuzzLibraryTests {
    static func u32(_ bytes: [UInt8]) -> UInt32 { bytes.reduce(0) { $0 << 8 | UInt32($1) } }
    static func u16(_ bytes: [UInt8]) -> UInt16 { UInt16(bytes[0]) << 8 | UInt16(bytes[1]) }

    @Test func floatLibrariesStartWithTheFiveSpecialValuesThenExtremes() {
        let specials = ["NaN", "NRes", "+INF", "-INF", "reserved"]
        let floats = PHDFuzzLibrary.float32Values.map { PHDFloat(bits: Self.u32($0)).value }
        #expect(floats.prefix(5).map(\.specialName) == specials.map { Optional($0) })
        #expect(floats.dropFirst(5).allSatisfy { $0.isFinite })
        #expect(floats.contains(.finite(mantissa: 1, exponent: 127)) && floats.contains(.finite(mantissa: 1, exponent: -128)))
        #expect(floats.contains(.finite(mantissa: 0x7F_FFFD, exponent: 0)) && floats.contains(.finite(mantissa: -0x7F_FFFD, exponent: 0)))
        let sfloats = PHDFuzzLibrary.sfloat16Values.map { PHDSFloat(bits: Self.u16($0)).value }
        #expect(sfloats.prefix(5).map(\.specialName) == specials.map { Optional($0) })
        #expect(sfloats.dropFirst(5).allSatisfy { $0.isFinite })
        #expect(sfloats.contains(.finite(mantissa: 1, exponent: 7)) && sfloats.contains(.finite(mantissa: 1, exponent: -8)))
        #expect(PHDFuzzLibrary.float32Values.allSatisfy { $0.count == 4 } && PHDFuzzLibrary.sfloat16Values.allSatisfy { $0.count == 2 })
    }

    @Test func everyTimeIsInvalidAndMostDifferInOneByte() {
        let base: [UInt8] = [0x20, 0x24, 0x01, 0x01, 0x12, 0x00, 0x00, 0x00]
        #expect(AbsoluteTime(bytes: base)?.problem == nil)
        let times = PHDFuzzLibrary.times(base: base)
        for (index, time) in times.enumerated() {
            let value = AbsoluteTime(bytes: time)
            // Invalid, except the two range ends (9999-12-31 23:59:59.99 and 0000-01-01), which
            // are valid times no device expects.
            let ends: [[UInt8]] = [[0x99, 0x99, 0x12, 0x31, 0x23, 0x59, 0x59, 0x99], [0, 0, 1, 1, 0, 0, 0, 0]]
            #expect(value?.problem != nil || ends.contains(time), "time \(index) \(time)")
        }
        #expect(times.prefix(10).allSatisfy { zip($0, base).filter { $0 != $1 }.count == 1 })
        #expect(times.contains([0x20, 0x23, 0x02, 0x29, 0x12, 0x00, 0x00, 0x00]))
    }

    @Test func integerBoundariesInBothByteOrdersAndTheSwappedBase() {
        let u16 = PHDFuzzLibrary.integers(width: 2, base: [0x12, 0x34])
        for value: [UInt8] in [[0, 0], [0, 1], [1, 0], [0xFF, 0xFF], [0xFF, 0xFE], [0xFE, 0xFF], [0x80, 0x00], [0x00, 0x80], [0x7F, 0xFF], [0xFF, 0x7F], [0x34, 0x12]] {
            #expect(u16.contains(value), "\(value)")
        }
        let u32 = PHDFuzzLibrary.integers(width: 4, base: [0, 0, 0, 0])
        #expect(u32.contains([0x80, 0, 0, 0]) && u32.contains([0x7F, 0xFF, 0xFF, 0xFF]) && u32.contains([0xFF, 0xFF, 0xFF, 0xFE]))
        #expect(u32.allSatisfy { $0.count == 4 })
        // A palindrome has no other byte-swapped value.
        #expect(PHDFuzzLibrary.integers(width: 2, base: [0, 0]).count == ValueLibrary.integersAsBinary(width: 2).count)
        #expect(PHDFuzzLibrary.integers(width: 1, base: [7]).allSatisfy { $0.count == 1 })
    }

    @Test func choicesAreUnknownThenEveryOtherValidTag() {
        let prst = PHDTreeBuilder.be16(APDU.Tag.prst)
        let apdu = PHDFuzzLibrary.choices(tag: PHDFuzzTag.apduChoice, base: prst)
        #expect(!apdu.contains(prst) && apdu.contains(PHDTreeBuilder.be16(APDU.Tag.aarq)) && apdu.contains([0xFF, 0xFF]))
        #expect(apdu.filter { APDU.kindName(tag: Self.u16($0)) != nil }.count == 5)
        let roiv = PHDTreeBuilder.be16(DataMessage.Tag.roivConfirmedEventReport)
        let data = PHDFuzzLibrary.choices(tag: PHDFuzzTag.dataChoice, base: roiv)
        #expect(!data.contains(roiv) && data.filter { DataMessage.kindName(tag: Self.u16($0)) != nil }.count == 12)
        #expect(data.filter { DataMessage.kindName(tag: Self.u16($0)) == nil }.count == PHDFuzzLibrary.unknownDataChoices.count)
        let events = PHDFuzzLibrary.choices(tag: PHDFuzzTag.eventType, base: PHDTreeBuilder.be16(PHDCode.notiConfig))
        #expect(events.contains(PHDTreeBuilder.be16(PHDCode.notiScanReportFixed)))
        #expect(PHDFuzzLibrary.choices(tag: PHDFuzzTag.u16, base: [0, 0]).isEmpty)
    }

    @Test func lengthLiesAreZeroMinusOnePlusOneMaxHalfAndMore() {
        #expect(PHDFuzzLibrary.relationLies(truth: 10) == [.absolute(0), .offset(-1), .offset(1), .absolute(0xFFFF), .absolute(5), .offset(4096)])
    }

    @Test func valueMapsParseOnlyWhenCountAndLengthAgree() {
        #expect(AttributeLayout.valueMap([0, 1, 0, 4, 0x0A, 0x56, 0, 4]) == [ObjectModel.ValueMapEntry(attribute: 0x0A56, length: 4)])
        #expect(AttributeLayout.valueMap([0, 2, 0, 4, 0x0A, 0x56, 0, 4]) == nil)
        #expect(AttributeLayout.valueMap([0, 1, 0, 4, 0x0A, 0x56, 0]) == nil)
        #expect(AttributeLayout.valueMap([]) == nil)
    }
}
