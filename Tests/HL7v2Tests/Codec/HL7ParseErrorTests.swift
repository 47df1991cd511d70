import Testing

@testable import HL7v2

@Suite("HL7ParseError")
struct HL7ParseErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var input: [UInt8]
        var error: HL7ParseError
        var message: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty", input: [], error: .emptyInput, message: ["empty input"]),
        Case(
            name: "not MSH", input: Array("PID|1\r".utf8), error: .doesNotStartWithMSH(found: Array("PID|1".utf8)),
            message: ["byte 0", "\"PID|1\""]),
        Case(
            name: "batch header", input: Array("FHS|^~\\&\r".utf8),
            error: .doesNotStartWithMSH(found: Array("FHS|^~\\&".utf8)), message: ["byte 0", "HL7FileSplitter"]),
        Case(
            name: "short prefix", input: Array("MS".utf8), error: .doesNotStartWithMSH(found: Array("MS".utf8)),
            message: ["\"MS\""]),
        Case(
            name: "leading blank line", input: Array("\rMSH|^~\\&\r".utf8), error: .doesNotStartWithMSH(found: []),
            message: ["byte 0"]),
        Case(
            name: "control bytes are rendered safely", input: [0x00, 0x1B, 0x41],
            error: .doesNotStartWithMSH(found: [0x00, 0x1B, 0x41]), message: [#"\x00\x1BA"#]),
        Case(name: "MSH alone", input: Array("MSH".utf8), error: .mshTooShort(offset: 3), message: ["byte 3"]),
        Case(name: "MSH then CR", input: Array("MSH\r".utf8), error: .mshTooShort(offset: 3), message: ["byte 3"]),
        Case(
            name: "three encoding characters", input: Array("MSH|^~\\|A\r".utf8),
            error: .encodingCharacterCount(count: 3, offset: 4), message: ["byte 4", "3 encoding characters"]),
        Case(
            name: "no encoding characters", input: Array("MSH|\r".utf8),
            error: .encodingCharacterCount(count: 0, offset: 4), message: ["byte 4"]),
        Case(
            name: "six encoding characters", input: Array("MSH|^~\\&#!|A\r".utf8),
            error: .encodingCharacterCount(count: 6, offset: 4), message: ["6 encoding characters"]),
        Case(
            name: "alphanumeric field separator", input: Array("MSHA^~\\&A\r".utf8),
            error: .invalidDelimiter(role: .field, byte: 0x41, offset: 3), message: ["byte 3", "field separator", "'A'"]),
        Case(
            name: "digit component separator", input: Array("MSH|1~\\&|\r".utf8),
            error: .invalidDelimiter(role: .component, byte: 0x31, offset: 4), message: ["byte 4", "component separator"]),
        Case(
            name: "space subcomponent separator", input: Array("MSH|^~\\ |\r".utf8),
            error: .invalidDelimiter(role: .subcomponent, byte: 0x20, offset: 7), message: ["byte 7"]),
        Case(
            name: "control truncation character", input: Array("MSH|^~\\&\u{01}|\r".utf8),
            error: .invalidDelimiter(role: .truncation, byte: 0x01, offset: 8), message: ["byte 8", "0x01"]),
        Case(
            name: "non-ASCII escape", input: [0x4D, 0x53, 0x48, 0x7C, 0x5E, 0x7E, 0xC3, 0x26, 0x0D],
            error: .invalidDelimiter(role: .escape, byte: 0xC3, offset: 6), message: ["escape character", "0xC3"]),
        Case(
            name: "repetition equals component", input: Array("MSH|^^\\&|\r".utf8),
            error: .duplicateDelimiter(role: .repetition, byte: 0x5E, offset: 5, sameAs: .component),
            message: ["byte 5", "repetition separator", "component separator"]),
        Case(
            name: "truncation equals escape", input: Array("MSH|^~\\&\\|\r".utf8),
            error: .duplicateDelimiter(role: .truncation, byte: 0x5C, offset: 8, sameAs: .escape),
            message: ["byte 8", "truncation character"]),
        Case(
            name: "lower-case segment ID", input: Array("MSH|^~\\&\rpid|1\r".utf8),
            error: .invalidSegmentID(segmentIndex: 1, offset: 9, found: Array("pid".utf8)),
            message: ["segment index 1", "byte 9", "\"pid\""]),
        Case(
            name: "four-letter segment ID", input: Array("MSH|^~\\&\rPID|1\rOBXX|1\r".utf8),
            error: .invalidSegmentID(segmentIndex: 2, offset: 15, found: Array("OBXX".utf8)),
            message: ["segment index 2", "byte 15"]),
        Case(
            name: "two-letter segment ID", input: Array("MSH|^~\\&\r\nPI\r\n".utf8),
            error: .invalidSegmentID(segmentIndex: 1, offset: 10, found: Array("PI".utf8)),
            message: ["segment index 1", "byte 10"]),
        Case(
            name: "segment starting with a separator", input: Array("MSH|^~\\&\r|x\r".utf8),
            error: .invalidSegmentID(segmentIndex: 1, offset: 9, found: []), message: ["byte 9"]),
        Case(
            name: "trailing spaces after last segment", input: Array("MSH|^~\\&\r  \r".utf8),
            error: .invalidSegmentID(segmentIndex: 1, offset: 9, found: Array("  ".utf8)), message: ["byte 9"]),
        Case(
            name: "long garbage segment ID is cut to 8 bytes", input: Array("MSH|^~\\&\rABCDEFGHIJKL\r".utf8),
            error: .invalidSegmentID(segmentIndex: 1, offset: 9, found: Array("ABCDEFGH".utf8)),
            message: ["\"ABCDEFGH\""]),
    ]

    @Test("each error is raised by a tiny input and its message says where", arguments: cases)
    func raises(_ c: Case) {
        #expect(throws: c.error) { try HL7Message.parse(c.input) }
        for fragment in c.message {
            #expect(c.error.description.contains(fragment), "\(c.error.description)")
        }
    }

    @Test("the size error names the size and the limit")
    func tooLarge() {
        let error = HL7ParseError.messageTooLarge(byteCount: 2000, limit: 1024)
        #expect(throws: error) { try HL7Message.parse(Array(repeating: 0x41, count: 2000), maxBytes: 1024) }
        #expect(error.description.contains("2000") && error.description.contains("1024"))
        #expect(throws: HL7ParseError.messageTooLarge(byteCount: 9, limit: 0)) {
            try HL7Message.parse(er7("MSH|^~\\&"), maxBytes: -1)
        }
    }

    @Test("the smallest valid inputs next to the failing ones parse")
    func validNeighbours() throws {
        for text in ["MSH|^~\\&", "MSH|^~\\&#", "MSH|^~\\&|A", "MSH!@#$%", "MSH|^~\\&\rPID|1", "MSH|^~\\&\r\nZ99"] {
            #expect(throws: Never.self) { try HL7Message.parse(text) }
        }
    }
}
