import Testing

@testable import HL7v2

@Suite("HL7Message parse")
struct HL7MessageParseTests {
    @Test("parses the fixture into segments with IDs, offsets and field counts")
    func segments() throws {
        let message = try HL7Message.parse(Fixtures.oru)
        #expect(message.segmentCount == 6)
        #expect(message.segments.map(\.id) == ["MSH", "PID", "OBR", "OBX", "OBX", "NTE"])
        #expect(message.segments.map(\.index) == [0, 1, 2, 3, 4, 5])
        var offset = 0
        for (segment, text) in zip(message.segments, Fixtures.oruSegments) {
            #expect(segment.byteOffset == offset)
            #expect(segment.raw.elementsEqual(text.utf8))
            offset += text.utf8.count + 1
        }
        #expect(message.first("MSH")?.fieldCount == 16)
        #expect(message.first("PID")?.fieldCount == 9)
        #expect(message.first("NTE")?.fieldCount == 3)
        #expect(message.delimiters == .standard)
    }

    @Test("segments(named:) and first(_:) find segments by ID")
    func byName() throws {
        let message = try HL7Message.parse(Fixtures.oru)
        #expect(message.segments(named: "OBX").map(\.index) == [3, 4])
        #expect(message.segments(named: "ZZZ").isEmpty)
        #expect(message.segments(named: "OBXX").isEmpty)
        #expect(message.first("OBX")?.index == 3)
        #expect(message.first("PV1") == nil)
        #expect(message.first("NTE")?.hasID("NTE") == true)
        #expect(message.first("NTE")?.hasID("PID") == false)
    }

    @Test("encoded() returns the CR-terminated input byte for byte")
    func roundTrip() throws {
        for input in [Fixtures.oru, Fixtures.custom, er7("MSH|^~\\&"), er7("MSH|^~\\&#|A", "ZZ1", "PID|")] {
            let message = try HL7Message.parse(input)
            #expect(message.encoded() == input)
            #expect(message.bytes == input)
        }
    }

    @Test(
        "LF, CRLF, mixed, blank lines and a missing final terminator parse to the CR model",
        arguments: [
            ("LF", "\n"), ("CRLF", "\r\n"), ("CR CR", "\r\r"), ("LF LF", "\n\n"), ("CRLF CRLF", "\r\n\r\n"),
        ])
    func lineEnds(name: String, separator: String) throws {
        let reference = try HL7Message.parse(Fixtures.oru)
        let joined = Fixtures.oruSegments.joined(separator: separator)
        let withFinal = try HL7Message.parse(joined + separator)
        let withoutFinal = try HL7Message.parse(joined)
        #expect(withFinal == reference, "\(name)")
        #expect(withoutFinal == reference, "\(name) without final terminator")
        #expect(withFinal.segments.map(\.id) == reference.segments.map(\.id))
        #expect(withFinal["OBX-5"] == reference["OBX-5"])
    }

    @Test("a message equals a reparse of its bytes and differs from another message")
    func equality() throws {
        let a = try HL7Message.parse(Fixtures.oru)
        let b = try HL7Message.parse(a.encoded())
        let c = try HL7Message.parse(Fixtures.custom)
        #expect(a == b)
        #expect(a != c)
    }

    @Test("segments with only an ID, trailing separators and Z segments are accepted")
    func minimalSegments() throws {
        let message = try HL7Message.parse(er7("MSH|^~\\&", "ZA1", "PID||", "OBX|1|"))
        #expect(message.segments.map(\.id) == ["MSH", "ZA1", "PID", "OBX"])
        #expect(message.segments.map(\.fieldCount) == [2, 0, 2, 2])
        #expect(message.segments[1].field(1).isEmpty)
        #expect(message.segments[2].field(2).isEmpty)
    }

    @Test("maxBytes caps the input")
    func sizeCap() throws {
        let input = Fixtures.oru
        #expect(throws: HL7ParseError.messageTooLarge(byteCount: input.count, limit: 100)) {
            try HL7Message.parse(input, maxBytes: 100)
        }
        _ = try HL7Message.parse(input, maxBytes: input.count)
    }
}
