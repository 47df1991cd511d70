import FuzzCore

/// MDER value libraries (fuzzing.md §4.3). Orders are fixed: the enumerated tier numbers
/// cases by them, and the golden digests pin them.
public enum PHDFuzzLibrary {
    /// The lies told about a 16-bit length or count whose true base value is `truth`: zero,
    /// one less, one more, 0xFFFF, half, and 4096 more (bytes or elements that never come).
    public static func relationLies(truth: UInt64) -> [RelationLie] {
        [.absolute(0), .offset(-1), .offset(1), .absolute(0xFFFF), .absolute(truth / 2), .offset(4096)]
    }

    /// Boundary values of a `width`-byte integer in both byte orders (0, 1, 0x7F…, 0x80…,
    /// max−1, max, 0x7F, 0x80, 0xFF, 0x100), then the base value byte-swapped when that is
    /// another value.
    public static func integers(width: Int, base: [UInt8]) -> [[UInt8]] {
        var out = ValueLibrary.integersAsBinary(width: width)
        let swapped = Array(base.reversed())
        if base.count == width, swapped != base, !out.contains(swapped) { out.append(swapped) }
        return out
    }

    /// APDU choices that are no APDU: none, all ones, either side of the valid range, the
    /// valid tags byte-swapped, and 0xE7 twice (a PRST tag read one byte off).
    static let unknownAPDUChoices: [UInt16] = [0x0000, 0xFFFF, 0xE100, 0xE800, 0x00E2, 0x00E7, 0xE7E7]
    /// The six APDU choices (a valid tag of another kind is a lie about the body's type).
    static let apduChoices: [UInt16] = [APDU.Tag.aarq, APDU.Tag.aare, APDU.Tag.rlrq, APDU.Tag.rlre, APDU.Tag.abrt, APDU.Tag.prst]

    /// Data-APDU choices that name no operation: gaps in the ROIV and RORS ranges, RORS
    /// without the confirmed bit, the ranges' ends, and all ones.
    static let unknownDataChoices: [UInt16] = [0x0000, 0x0102, 0x0108, 0x0200, 0x0202, 0x0208, 0x0301, 0x0401, 0x0500, 0xFFFF]
    /// The thirteen data-APDU choices.
    static let dataChoices: [UInt16] = [
        0x0100, 0x0101, 0x0103, 0x0104, 0x0105, 0x0106, 0x0107, 0x0201, 0x0203, 0x0205, 0x0207, 0x0300, 0x0400,
    ]

    /// Event types no event-info layout belongs to (0, gaps in the notification range, all ones).
    static let unknownEventTypes: [UInt16] = [0x0000, 3355, 3361, 3364, 3367, 0xFFFF]
    /// The notification codes whose event-info the codec reads (configuration, scan reports).
    static let eventTypes: [UInt16] = [
        PHDCode.notiConfig, PHDCode.notiScanReportFixed, PHDCode.notiScanReportVar, PHDCode.notiScanReportMPFixed,
        PHDCode.notiScanReportMPVar, PHDCode.notiUnbufScanReportVar, PHDCode.notiUnbufScanReportFixed,
        PHDCode.notiUnbufScanReportMPVar, PHDCode.notiUnbufScanReportMPFixed,
    ]

    /// The library of a choice leaf with tag `tag`: unknown values, then every valid value
    /// other than the base's own.
    public static func choices(tag: UInt8, base: [UInt8]) -> [[UInt8]] {
        let (unknown, valid): ([UInt16], [UInt16])
        switch tag {
        case PHDFuzzTag.apduChoice: (unknown, valid) = (unknownAPDUChoices, apduChoices)
        case PHDFuzzTag.dataChoice: (unknown, valid) = (unknownDataChoices, dataChoices)
        case PHDFuzzTag.eventType: (unknown, valid) = (unknownEventTypes, eventTypes)
        default: return []
        }
        return (unknown + valid).map(PHDTreeBuilder.be16).filter { $0 != base }
    }

    /// FLOAT-Type values: the five special values (NaN, NRes, +INF, −INF, reserved), then
    /// exponent and mantissa extremes: zero, −0 (exponent −1), largest and smallest finite
    /// mantissa, exponent +127 and −128, the NaN mantissa under exponent 1 (finite there),
    /// the NRes mantissa under exponent −1, and all ones.
    public static let float32Values: [[UInt8]] = ([
        0x007F_FFFF, 0x0080_0000, 0x007F_FFFE, 0x0080_0002, 0x0080_0001,
        0x0000_0000, 0xFF00_0000, 0x007F_FFFD, 0x0080_0003, 0x7F00_0001, 0x8000_0001, 0x8000_0000 | 0x007F_FFFD,
        0x017F_FFFF, 0xFF80_0000, 0xFFFF_FFFF,
    ] as [UInt32]).map { PHDTreeBuilder.be32($0) }

    /// SFLOAT-Type values: the five special values, then zero, −0, the finite mantissa
    /// extremes, exponent +7 and −8 (with the smallest and largest mantissa), the NaN and
    /// NRes mantissas under a non-zero exponent, and all ones.
    public static let sfloat16Values: [[UInt8]] = ([
        0x07FF, 0x0800, 0x07FE, 0x0802, 0x0801,
        0x0000, 0xF000, 0x07FD, 0x0803, 0x7001, 0x77FD, 0x8001, 0x8803, 0x17FF, 0xF800, 0xFFFF,
    ] as [UInt16]).map { PHDTreeBuilder.be16($0) }

    /// One-byte changes to an AbsoluteTime (byte index, new byte): a non-BCD century, a
    /// non-BCD low year digit, month 13 and 0, day 32 and 0, hour 24, minute 60, second 60,
    /// non-BCD hundredths.
    static let timeEdits: [(index: Int, byte: UInt8)] = [
        (0, 0xAA), (1, 0x0F), (2, 0x13), (2, 0x00), (3, 0x32), (3, 0x00), (4, 0x24), (5, 0x60), (6, 0x60), (7, 0xA0),
    ]

    /// Whole AbsoluteTime values: all ones, all zeros, 29 February 2023, 9999-12-31
    /// 23:59:59.99, and 0000-01-01.
    static let wholeTimes: [[UInt8]] = [
        [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], [0, 0, 0, 0, 0, 0, 0, 0],
        [0x20, 0x23, 0x02, 0x29, 0x12, 0x00, 0x00, 0x00], [0x99, 0x99, 0x12, 0x31, 0x23, 0x59, 0x59, 0x99],
        [0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00],
    ]

    /// The AbsoluteTime library for a leaf whose base value is `base` (8 bytes, or the edits
    /// apply to what is there).
    public static func times(base: [UInt8]) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for edit in timeEdits {
            var value = base.count == 8 ? base : [UInt8](repeating: 0, count: 8)
            value[edit.index] = edit.byte
            out.append(value)
        }
        return out + wholeTimes
    }

    /// OCTET STRING contents: empty, one NUL, 255 and 256 bytes (lengths stay true).
    public static let octets: [[UInt8]] = [[], [0x00], ValueLibrary.run(0x41, 255), ValueLibrary.run(0xFF, 256)]

    /// Bytes after a complete part: one NUL, an APDU header with no body (`E7 00`, and a
    /// whole PRST header claiming 4 bytes), and 16 bytes of 0xFF.
    public static let trailing: [[UInt8]] = [[0x00], [0xE7, 0x00], [0xE7, 0x00, 0x00, 0x04], ValueLibrary.run(0xFF, 16)]

    /// How many copies of a SEQUENCE OF element are added after it.
    public static let repetitions: [Int] = [1, 10, 1000]
}
