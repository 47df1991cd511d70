import Testing
@testable import Reporting

@Suite("HexDump")
struct HexDumpTests {
    @Test func fullLineShowsHexAndPrintableASCII() {
        let bytes: [UInt8] = [0x0B] + Array("MSH|^~\\&|MON|".utf8) + [0x0D, 0x1C]
        #expect(HexDump.render(Array(bytes.prefix(16)), limit: 100)
            == "0000: 0b 4d 53 48 7c 5e 7e 5c  26 7c 4d 4f 4e 7c 0d 1c  |.MSH|^~\\&|MON|..|")
    }

    @Test func shortLastLineKeepsTheASCIIColumnAligned() {
        let dump = HexDump.render(Array(0..<20), limit: 100).split(separator: "\n")
        #expect(dump.count == 2)
        #expect(dump[0] == "0000: 00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |................|")
        #expect(dump[1] == "0010: 10 11 12 13" + String(repeating: " ", count: 39) + "|....|")
        #expect(dump[0].firstIndex(of: "|")?.utf16Offset(in: dump[0]) == dump[1].firstIndex(of: "|")?.utf16Offset(in: dump[1]))
    }

    @Test func limitAddsANoteOfWhatWasLeftOut() {
        #expect(HexDump.render(Array(repeating: 0x41, count: 20), limit: 4)
            == "0000: 41 41 41 41" + String(repeating: " ", count: 39) + "|AAAA|\n… 16 more bytes")
        #expect(HexDump.render([1, 2], limit: 0) == "… 2 more bytes")
        #expect(HexDump.render([1, 2], limit: 1).hasSuffix("\n… 1 more byte"))
    }

    @Test func emptyAndNegative() {
        #expect(HexDump.render([], limit: 64) == "")
        #expect(HexDump.render([0x41], limit: -5) == "… 1 more byte")
    }

    @Test func onlyPrintableASCIIAppearsAsItself() {
        let dump = HexDump.render(Array(0...255), limit: 256)
        #expect(dump.unicodeScalars.allSatisfy { $0 == "\n" || (0x20...0x7E).contains($0.value) })
        #expect(dump.split(separator: "\n").count == 16)
        #expect(dump.hasSuffix("00f0: f0 f1 f2 f3 f4 f5 f6 f7  f8 f9 fa fb fc fd fe ff  |................|"))
    }

    @Test func offsetsWidenPast64KiB() {
        let dump = HexDump.render(Array(repeating: 0, count: 0x10010), limit: .max)
        #expect(dump.hasPrefix("00000000: "))
        #expect(dump.hasSuffix("\n00010000: 00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|"))
    }
}

@Suite("SafeFileName")
struct SafeFileNameTests {
    @Test(arguments: [
        ("PCD-OBX-5", "PCD-OBX-5"),
        ("../../etc/passwd", "_._.__etc_passwd"),
        ("..", "_."),
        (".", "_"),
        (".hidden", "_hidden"),
        ("a..b", "a._b"),
        ("a/b\\c", "a_b_c"),
        ("", "_"),
        ("spaces and 🩺", "spaces_and__"),
        ("[[x|y]]", "__x_y__"),
        ("\u{0}\u{1B}", "__"),
    ])
    func component(_ input: String, _ expected: String) {
        let name = SafeFileName.component(input)
        #expect(name == expected)
        #expect(!name.contains("/") && !name.contains("..") && !name.hasPrefix("."))
    }

    @Test func componentIsBounded() {
        #expect(SafeFileName.component(String(repeating: "a", count: 1000)).count == 100)
    }

    @Test func relativePathDropsEmptyPartsAndTraversal() {
        #expect(SafeFileName.relativePath("/abs/../x//y") == "abs/_./x/y")
        #expect(!SafeFileName.relativePath("../../..").split(separator: "/").contains(".."))
    }

    @Test func uniqueNamesIgnoreCase() {
        var names = UniqueNames()
        #expect(names.claim("A") == "A")
        #expect(names.claim("a") == "a-2")
        #expect(names.claim("A") == "A-3")
        #expect(names.claim("b") == "b")
    }
}

@Suite("ReportTime")
struct ReportTimeTests {
    @Test(arguments: [
        ("2026-01-01T12:00:00.500Z", Int64(0), "2026-01-01T12:00:00"),
        ("2026-01-01T12:00:00.500Z", Int64(1_600_000_000), "2026-01-01T12:00:02"),
        ("2026-12-31T23:59:59.900Z", Int64(200_000_000), "2027-01-01T00:00:00"),
        ("2028-02-28T23:59:59.999Z", Int64(1_000_000), "2028-02-29T00:00:00"),
        ("2027-02-28T23:59:59.999Z", Int64(1_000_000), "2027-03-01T00:00:00"),
        ("1970-01-01T00:00:00Z", Int64(0), "1970-01-01T00:00:00"),
        ("2026-05-01T12:34:56.1Z", Int64(900_000_000), "2026-05-01T12:34:57"),
        ("2026-05-01T12:34:56.123456789Z", Int64(0), "2026-05-01T12:34:56"),
    ])
    func junitTimestamp(_ started: String, _ offset: Int64, _ expected: String) {
        #expect(ReportTime.junitTimestamp(started: started, offsetNanoseconds: offset) == expected)
    }

    @Test(arguments: ["", "2026-01-01", "2026-01-01T12:00:00", "2026-13-01T12:00:00Z", "2026-01-01T12:00:00.Z",
                      "2026-01-01 12:00:00Z", "2026-01-01T12:00:00+01:00", "2026-01-01T12:00:00.12345678901234567890123Z0"])
    func malformedStartsAreRejected(_ started: String) {
        #expect(ReportTime.junitTimestamp(started: started) == nil)
    }

    @Test func longFractionsDoNotOverflow() {
        #expect(ReportTime.junitTimestamp(started: "2026-01-01T12:00:00." + String(repeating: "9", count: 40) + "Z")
            == "2026-01-01T12:00:00")
    }

    @Test(arguments: [(Int64(0), "0.000"), (1_234_567_890, "1.234"), (999_999, "0.000"), (-5, "0.000"),
                      (3_600_000_000_000, "3600.000"), (10_000_000, "0.010")])
    func secondsHaveThreeDecimals(_ nanoseconds: Int64, _ expected: String) {
        #expect(ReportTime.seconds(nanoseconds: nanoseconds) == expected)
    }
}
