import Testing

@testable import HL7v2

@Suite("HL7FileSplitter")
struct HL7FileSplitterTests {
    static let first = er7("MSH|^~\\&|A||||||ADT^A01|1|P|2.5", "PID|||1")
    static let second = er7("MSH|^~\\&|B||||||ADT^A01|2|P|2.5", "PID|||2", "NTE|1")

    @Test("CR-separated messages split at each MSH and stay byte-identical")
    func plainCR() throws {
        let chunks = HL7FileSplitter.split(Self.first + Self.second)
        #expect(chunks.map(\.bytes) == [Self.first, Self.second])
        #expect(chunks.map(\.offset) == [0, Self.first.count])
        #expect(chunks.map(\.line) == [1, 3])
        #expect(chunks.allSatisfy { $0.framing == .plain && !$0.isTruncated })
        #expect(try HL7Message.parse(chunks[1].bytes)["MSH-10"] == "2")
    }

    @Test("LF and CRLF files with blank lines between messages")
    func lineEndings() throws {
        let text = "\u{FEFF}MSH|^~\\&|A\r\nPID|||1\r\n\r\n\r\nMSH|^~\\&|B\nPID|||2\n\n"
        let bytes = Array(text.utf8)
        let chunks = HL7FileSplitter.split(bytes)
        #expect(chunks.count == 2)
        #expect(chunks[0].bytes == Array("MSH|^~\\&|A\r\nPID|||1\r\n".utf8))
        #expect(chunks[0].offset == 3)
        #expect(chunks[0].line == 1)
        #expect(chunks[1].bytes == Array("MSH|^~\\&|B\nPID|||2\n".utf8))
        #expect(chunks[1].line == 5)
        #expect(Array(bytes[chunks[1].offset..<(chunks[1].offset + 3)]) == Array("MSH".utf8))
        #expect(try HL7Message.parse(chunks[1].bytes)["MSH-3"] == "B")
    }

    @Test("MLLP-framed content is unwrapped, also when mixed with plain text")
    func mllp() {
        let file = [0x0B] + Self.first + [0x1C, 0x0D] + [0x0B] + Self.second + [0x1C, 0x0D] + Self.first
        let chunks = HL7FileSplitter.split(file)
        #expect(chunks.map(\.bytes) == [Self.first, Self.second, Self.first])
        #expect(chunks.map(\.framing) == [.mllp, .mllp, .plain])
        #expect(chunks.map(\.offset) == [1, Self.first.count + 4, Self.first.count + Self.second.count + 6])
        #expect(chunks.map(\.line) == [1, 4, 8])  // the CR after 0x1C is a line break too
    }

    @Test("an MLLP frame without an end block is marked truncated")
    func truncatedFrame() {
        let chunks = HL7FileSplitter.split([0x0B] + Self.first)
        #expect(chunks == [HL7FileChunk(bytes: Self.first, offset: 1, line: 1, framing: .mllp, isTruncated: true)])
    }

    @Test("batch lines and stray text become their own chunks and fail to parse clearly")
    func batchAndStrays() {
        let file = Array("junk line\rFHS|^~\\&\rBHS|^~\\&\r".utf8) + Self.first + Array("BTS|1\rFTS|1\r".utf8)
        let chunks = HL7FileSplitter.split(file)
        #expect(
            chunks.map { String(decoding: $0.bytes, as: UTF8.self) } == [
                "junk line\r", "FHS|^~\\&\r", "BHS|^~\\&\r", String(decoding: Self.first, as: UTF8.self), "BTS|1\r",
                "FTS|1\r",
            ])
        #expect(chunks.map(\.line) == [1, 2, 3, 4, 6, 7])
        let errors = chunks.map { chunk -> HL7ParseError? in
            do throws(HL7ParseError) {
                _ = try HL7Message.parse(chunk.bytes)
                return nil
            } catch { return error }
        }
        #expect(errors[0] == .doesNotStartWithMSH(found: Array("junk lin".utf8)))
        #expect(errors[1] == .doesNotStartWithMSH(found: Array("FHS|^~\\&".utf8)))
        #expect(errors[3] == nil)
        #expect(errors[4] == .doesNotStartWithMSH(found: Array("BTS|1".utf8)))
    }

    @Test("empty and whitespace-only files give no chunks")
    func empty() {
        #expect(HL7FileSplitter.split([]).isEmpty)
        #expect(HL7FileSplitter.split(Array("\r\n\n\r".utf8)).isEmpty)
        #expect(HL7FileSplitter.split([0xEF, 0xBB, 0xBF]).isEmpty)
    }

    @Test("MSH in the middle of a line does not start a message")
    func mshInsideLine() {
        let bytes = er7("MSH|^~\\&|A", "NTE|1||see MSH segment")
        #expect(HL7FileSplitter.split(bytes).count == 1)
    }
}
