import Testing

@testable import HL7v2

/// The byte-level helpers the rules rest on, checked against plain definitions.
@Suite("HL7 v2 rules: byte scans")
struct ByteScanTests {
    @Test("word-at-a-time printable test agrees with the byte test for every byte at every position")
    func printableASCII() {
        for byte in UInt8.min...UInt8.max {
            for position in 0..<8 {
                var word = [UInt8](repeating: UInt8(ascii: "A"), count: 8)
                word[position] = byte
                let expected = byte >= 0x20 && byte < 0x7F
                let found = word.withUnsafeBytes { PrintableASCII.all($0.baseAddress!) }
                #expect(found == expected, "byte \(byte) at \(position)")
            }
        }
    }

    @Test("UTF-8 validation agrees with the standard library")
    func utf8() {
        var random = TestRandom(seed: 0x5554_4638)
        let pieces: [[UInt8]] = [[0x41], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xC0, 0x80], [0xED, 0xA0, 0x80],
                                 [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xFF], [0xF0, 0x8F, 0xBF, 0xBF]]
        for _ in 0..<3_000 {
            let bytes = (0..<random.below(6)).flatMap { _ in random.pick(pieces) }
            let valid = bytes.withUnsafeBufferPointer { buffer -> Bool in
                var index = 0
                while index < buffer.count {
                    guard let length = UTF8Validation.sequenceLength(buffer, at: index) else { return false }
                    index += length
                }
                return true
            }
            #expect(valid == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }

    @Test("NM numbers", arguments: [
        ("120", true), ("-80.5", true), ("+1", true), (".5", true), ("5.", true), ("0", true),
        ("", false), ("-", false), (".", false), ("1.2.3", false), ("1e3", false), ("12,5", false), (" 1", false), ("NaN", false),
    ])
    func decimal(_ text: String, _ valid: Bool) {
        #expect(FieldValues.isDecimalNumber(ArraySlice(Array(text.utf8))) == valid)
    }

    @Test("DTM forms", arguments: [
        ("2024", nil), ("202402", nil), ("20240229", nil), ("2024022923", nil), ("202402292359", nil),
        ("20240229235959", nil), ("20240229235959.1234", nil), ("20240229235959+1400", nil), ("2024-0500", nil),
        ("20230229", "day 29 is out of range for month 2"), ("21000229", "day 29"), ("20000229", nil),
        ("202", "3 digits"), ("20240101120", "11 digits"), ("20240101120000.12345", "5 digits"),
        ("202401011200.5", "needs all 14 digits"), ("20240101+1500", "hours 15"), ("20240101+0060", "minutes 60"),
        ("20240101120000Z", "unexpected 'Z'"), ("20240101246000", "hour 24"), ("20240101126000", "minute 60"),
        ("20240101125960", "second 60"), ("20240001", "month 0"),
    ] as [(String, String?)])
    func dtm(_ text: String, _ problem: String?) {
        let found = DTM.problem(ArraySlice(Array(text.utf8)), offsetRequired: false)
        if let problem {
            #expect(found?.contains(problem) == true, "\(text): \(found ?? "nil")")
        } else {
            #expect(found == nil, "\(text): \(found ?? "")")
        }
    }

    @Test("an offset can be required")
    func dtmOffset() {
        #expect(DTM.problem(ArraySlice(Array("20240101".utf8)), offsetRequired: true)?.contains("no UTC offset") == true)
        #expect(DTM.problem(ArraySlice(Array("20240101-0330".utf8)), offsetRequired: true) == nil)
    }

    @Test("visible text escapes what a terminal or report would interpret", arguments: [
        ([0x41, 0x42], "AB"), ([0x1B, 0x5B], "\\u{1B}["), ([0x00], "\\u{0}"), ([0xFF], "\\x{FF}"), ([0x7F], "\\u{7F}"),
        ([0xC3, 0xA9], "é"), ([0xE2, 0x80, 0xAE], "\\u{202E}"), ([0xC2, 0x85], "\\u{85}"),
    ] as [([UInt8], String)])
    func visible(_ bytes: [UInt8], _ shown: String) {
        #expect(VisibleText.of(bytes) == shown)
    }

    @Test("long values are cut with their length")
    func visibleLimit() {
        let shown = VisibleText.of([UInt8](repeating: 0x41, count: 100))
        #expect(shown == String(repeating: "A", count: VisibleText.limit) + "… (100 bytes)")
    }

    @Test("32-bit codes")
    func codes() {
        #expect(FieldValues.code(ArraySlice(Array("150456".utf8))) == 150456)
        #expect(FieldValues.code(ArraySlice(Array("4294967295".utf8))) == UInt32.max)
        #expect(FieldValues.code(ArraySlice(Array("4294967296".utf8))) == nil)
        #expect(FieldValues.code(ArraySlice(Array("15a".utf8))) == nil)
        #expect(FieldValues.code(ArraySlice()) == nil)
    }
}
