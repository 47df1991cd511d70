import Foundation
import Testing
@testable import PHD11073

@Suite("PHDCapture: captured files into APDUs")
struct PHDCaptureTests {
    @Test("hex text: comments, 0x, several APDUs on one line, one APDU over two lines")
    func hexText() {
        let capture = CaptureFixtures.read("""
            # a release and an abort, then a release response over two lines
            0xE4 00 00 02 00 00   E5,00,00,02,00,00  # two on one line
              e6000002
            0002
            """)
        #expect(capture.format == .hexText)
        #expect(capture.problems.isEmpty)
        #expect(capture.apdus.map(\.bytes) == [[0xE4, 0, 0, 2, 0, 0], [0xE5, 0, 0, 2, 0, 0], [0xE6, 0, 0, 2, 0, 2]])
        #expect(capture.apdus.map(\.position) == [.text(line: 2, column: 3), .text(line: 2, column: 23), .text(line: 3, column: 3)])
        #expect(capture.apdus.map(\.index) == [0, 1, 2])
        #expect(capture.apdus.allSatisfy { $0.isComplete })
    }

    @Test("binary: concatenated APDUs with their byte offsets")
    func binary() throws {
        let first = try #require(PHDVectors.bytes("H211.hex")), second = try #require(PHDVectors.bytes("rx_abrt_undefined.hex"))
        let capture = PHDCapture.read(first + second + first)
        #expect(capture.format == .binary)
        #expect(capture.problems.isEmpty)
        #expect(capture.apdus.map(\.bytes) == [first, second, first])
        #expect(capture.apdus.map(\.position) == [.byte(offset: 0), .byte(offset: 54), .byte(offset: 60)])
    }

    @Test("an odd run of digits: reported at its first digit, its last digit dropped")
    func oddDigits() {
        let capture = CaptureFixtures.read("e4000002\n  0000 123\n")
        #expect(capture.apdus.map(\.bytes) == [[0xE4, 0, 0, 2, 0, 0], [0x12]])
        #expect(capture.problems == [
            CaptureProblem(position: .text(line: 2, column: 8), kind: .oddDigitCount(digits: 3)),
            CaptureProblem(position: .text(line: 2, column: 8), kind: .truncatedHeader(available: 1)),
        ])
        #expect(capture.problems[0].description == "2:8: 3 hex digits in a row, an odd number: a digit is missing or one too many; the last one is ignored")
        #expect(capture.apdus.last?.isComplete == false)
    }

    @Test("a character that is not hex: reported at its line and column (scalars, not bytes), then ignored")
    func badCharacter() {
        let capture = CaptureFixtures.read("µ e4 00 00 02 00 0Z0\n")
        #expect(capture.format == .hexText)
        #expect(capture.apdus.map(\.bytes) == [[0xE4, 0, 0, 2, 0, 0]])
        #expect(capture.apdus.first?.position == .text(line: 1, column: 3))
        #expect(capture.problems == [
            CaptureProblem(position: .text(line: 1, column: 1), kind: .nonHexCharacter("'µ' (U+00B5)")),
            CaptureProblem(position: .text(line: 1, column: 19), kind: .nonHexCharacter("'Z'")),
        ])
        #expect(capture.problems[1].description == "1:19: 'Z' is not a hex digit, white space, a comma or a # comment; it is ignored")
    }

    @Test("a control character in hex text: reported by its code point, the file still read as text")
    func controlCharacter() {
        let capture = CaptureFixtures.read("e4000002\u{1B}0000\u{A0}\n")
        #expect(capture.format == .hexText)
        #expect(capture.apdus.map(\.bytes) == [[0xE4, 0, 0, 2, 0, 0]])
        #expect(capture.problems == [
            CaptureProblem(position: .text(line: 1, column: 9), kind: .nonHexCharacter("U+001B")),
            CaptureProblem(position: .text(line: 1, column: 14), kind: .nonHexCharacter("U+00A0")),
        ])
    }

    @Test("CR, LF and CRLF each end one line; a comment ends at any of them")
    func lineBreaks() {
        let capture = CaptureFixtures.read("e4000002\r\n0000 # c\r# d\nXY")
        #expect(capture.apdus.count == 1)
        #expect(capture.problems.map(\.position) == [.text(line: 4, column: 1), .text(line: 4, column: 2)])
    }

    @Test("an APDU whose header claims more than the file holds: reported, kept as the last item")
    func truncatedAPDU() throws {
        let text = CaptureFixtures.read("e4000002 0000\n  E7 00 FF FF 01 02\n")
        #expect(text.apdus.map(\.isComplete) == [true, false])
        #expect(text.apdus.last?.bytes == [0xE7, 0x00, 0xFF, 0xFF, 0x01, 0x02])
        #expect(text.problems == [CaptureProblem(position: .text(line: 2, column: 3), kind: .truncatedAPDU(declared: 65535, available: 2))])
        #expect(text.problems[0].message == "the APDU's header declares 65535 bytes after it but the file ends after 2; they are kept as the last APDU")

        let vector = try #require(PHDVectors.bytes("H211.hex"))
        let binary = PHDCapture.read(vector + [0xE7, 0x00, 0x00, 0x10, 0x01])
        #expect(binary.apdus.map(\.bytes) == [vector, [0xE7, 0x00, 0x00, 0x10, 0x01]])
        #expect(binary.problems == [CaptureProblem(position: .byte(offset: 54), kind: .truncatedAPDU(declared: 16, available: 1))])
        #expect(binary.problems[0].description.hasPrefix("byte 54: "))
        let header = PHDCapture.read(vector + [0xE7, 0x00])
        #expect(header.problems == [CaptureProblem(position: .byte(offset: 54), kind: .truncatedHeader(available: 2))])
        #expect(header.apdus.last == CapturedAPDU(bytes: [0xE7, 0x00], index: 1, position: .byte(offset: 54), isComplete: false))
    }

    @Test("empty files, comment-only files, oversized files and missing files are problems, not traps")
    func fileProblems() throws {
        #expect(PHDCapture.read([]).problems == [CaptureProblem(position: .byte(offset: 0), kind: .empty)])
        #expect(CaptureFixtures.read("# nothing here\n\n").problems == [CaptureProblem(position: .text(line: 1, column: 1), kind: .noHexDigits)])
        #expect(PHDCapture.read([UInt8](repeating: 0xE7, count: 9), limit: 8).problems == [CaptureProblem(position: .byte(offset: 0), kind: .fileTooLarge(size: 9, limit: 8))])
        let path = try CaptureFixtures.temporaryFile([UInt8](repeating: 0xE7, count: 100), name: "big.bin")
        let large = PHDCapture.read(path: path, limit: 64)
        #expect(large.apdus.isEmpty)
        #expect(large.problems.map(\.kind) == [.fileTooLarge(size: 100, limit: 64)])
        #expect(PHDCapture.read(path: path + ".missing").problems.map(\.kind) == [.unreadable(reason: "no such file; check the path")])
    }

    @Test("a file of garbage keeps 100 problems and counts the rest")
    func problemLimit() {
        let capture = CaptureFixtures.read("e4000002 0000 " + String(repeating: "Z", count: 1000))
        #expect(capture.apdus.count == 1)
        #expect(capture.problems.count == CaptureProblemList.limit + 1)
        #expect(capture.problems.last?.kind == .moreProblems(count: 900))
        #expect(capture.problems.last?.position == .text(line: 1, column: 1014))
    }

    @Test("every shared vector read from its hex file gives the vector's bytes", .enabled(if: PHDVectors.isAvailable))
    func vectors() throws {
        let directory = try #require(PHDVectors.directory)
        let vectors = PHDVectors.all()
        #expect(vectors.count >= 30)
        for (name, bytes) in vectors {
            let capture = PHDCapture.read(path: directory.appendingPathComponent(name).path)
            #expect(capture.format == .hexText, "\(name)")
            #expect(capture.problems.isEmpty, "\(name): \(capture.problems)")
            #expect(capture.apdus.map(\.bytes) == [bytes], "\(name)")
        }
        // All of them in one file, one per line with comments, and as one binary file.
        let text = vectors.map { "# \($0.name)\n0x\(CaptureFixtures.hexText($0.bytes)) # end\n" }.joined()
        let together = CaptureFixtures.read(text)
        #expect(together.problems.isEmpty)
        #expect(together.apdus.map(\.bytes) == vectors.map(\.bytes))
        #expect(together.apdus.map(\.position) == vectors.indices.map { .text(line: 2 * $0 + 2, column: 3) })
        let binary = PHDCapture.read(vectors.flatMap(\.bytes))
        #expect(binary.format == .binary)
        #expect(binary.apdus.map(\.bytes) == vectors.map(\.bytes))
    }
}
