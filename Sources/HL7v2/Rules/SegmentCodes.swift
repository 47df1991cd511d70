/// A segment ID packed into 24 bits, so the rules compare segment IDs as integers.
typealias SegmentCode = UInt32

enum SegmentCodes {
    @inline(__always)
    static func pack(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> SegmentCode {
        SegmentCode(a) << 16 | SegmentCode(b) << 8 | SegmentCode(c)
    }

    /// The code of a three-character segment ID of upper-case letters and digits; nil otherwise.
    static func pack(_ id: String) -> SegmentCode? {
        let bytes = Array(id.utf8)
        guard bytes.count == 3, bytes.allSatisfy({ ASCIIClass.isUpper($0) || ASCIIClass.isDigit($0) }) else {
            return nil
        }
        return pack(bytes[0], bytes[1], bytes[2])
    }

    /// The ID again, for reasons.
    static func name(_ code: SegmentCode) -> String {
        String(decoding: [UInt8(truncatingIfNeeded: code >> 16), UInt8(truncatingIfNeeded: code >> 8),
                          UInt8(truncatingIfNeeded: code)], as: UTF8.self)
    }
}
