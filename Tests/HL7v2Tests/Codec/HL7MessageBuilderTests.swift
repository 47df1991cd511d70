import Testing

@testable import HL7v2

@Suite("HL7MessageBuilder and message edits")
struct HL7MessageBuilderTests {
    @Test("the builder writes MSH-1 and MSH-2 from its delimiters and ends segments with CR")
    func builds() throws {
        var builder = HL7MessageBuilder()
        builder.segment("MSH", ["SIMDEV", "", "HARNESS", "", "20240101120000", "", "ORU^R01^ORU_R01", "MSG7", "P", "2.6"])
        builder.segment("PID", ["", "", "PAT9^^^Testhospital^PI", "", "Testpatient^Gamma"])
        let bytes = builder.build()
        #expect(
            bytes
                == er7(
                    #"MSH|^~\&|SIMDEV||HARNESS||20240101120000||ORU^R01^ORU_R01|MSG7|P|2.6"#,
                    "PID|||PAT9^^^Testhospital^PI||Testpatient^Gamma"))
        let message = try builder.buildMessage()
        #expect(message["MSH-9.2"] == "R01")
        #expect(message["MSH-10"] == "MSG7")
        #expect(message["PID-5.2"] == "Gamma")
    }

    @Test("custom delimiters, including a truncation character, round trip through the builder")
    func customDelimiters() throws {
        let delimiters = HL7Delimiters(
            field: 0x23, component: 0x2A, repetition: 0x24, escape: 0x21, subcomponent: 0x40, truncation: 0x25)
        var builder = HL7MessageBuilder(delimiters: delimiters)
        builder.segment("MSH", ["A*B", "C"])
        builder.segment("NTE", ["1", "", String(decoding: HL7Escaping.escape("50% #1", delimiters: delimiters), as: UTF8.self)])
        let message = try builder.buildMessage()
        #expect(message.bytes == er7("MSH#*$!@%#A*B#C", "NTE#1##50!L! !F!1"))
        #expect(message.delimiters == delimiters)
        #expect(message["MSH-3.2"] == "B")
        #expect(message["NTE-3"] == "50% #1")
    }

    @Test("separators, CR and LF inside a builder field cannot break the structure")
    func sanitises() throws {
        var builder = HL7MessageBuilder()
        builder.segment("MSH", ["A|B"])
        builder.segment("NTE", ["line1\rline2\nline3"])
        let message = try builder.buildMessage()
        #expect(message.segmentCount == 2)
        #expect(message["MSH-3"] == "A|B")
        #expect(message["NTE-1"] == "line1\rline2\nline3")
    }

    @Test("replacingField stamps, blanks and extends fields")
    func replacesFields() throws {
        let message = try HL7Message.parse(Fixtures.oru)
        let stamped = message.replacingField(segment: 0, field: 10, with: Array("MSG99".utf8))
            .replacingField(segment: 0, field: 7, with: Array("20250202020202".utf8))
        #expect(stamped["MSH-10"] == "MSG99")
        #expect(stamped["MSH-7"] == "20250202020202")
        #expect(stamped["MSH-9"] == "ORU^R01^ORU_R01")
        #expect(stamped.segmentCount == message.segmentCount)

        let blanked = message.replacingField(segment: 1, field: 3, with: [])
        #expect(blanked["PID-3"] == "")
        #expect(blanked["PID-5.1"] == "Testpatient")
        #expect(blanked.first("PID")?.fieldCount == 9)

        let extended = message.replacingField(segment: 5, field: 6, with: Array("X^Y".utf8))
        #expect(extended.segments[5].raw.elementsEqual("NTE|1||A&B sub^Second comp|||X^Y".utf8))
        #expect(extended["NTE-6.2"] == "Y")

        let mshExtended = message.replacingField(segment: 0, field: 21, with: Array("PROFILE".utf8))
        #expect(mshExtended.first("MSH")?.fieldCount == 21)
        #expect(mshExtended["MSH-21"] == "PROFILE")
        #expect(mshExtended["MSH-16"] == "AL")

        let viaPath = message.replacingField(try #require(HL7Path("PID-8")), with: Array("F".utf8))
        #expect(viaPath["PID-8"] == "F")

        let sanitised = message.replacingField(segment: 1, field: 5, with: Array("a|b\rc".utf8))
        #expect(sanitised["PID-5"] == "a|b\rc")
        #expect(sanitised.segmentCount == message.segmentCount)
    }

    @Test("replacingField leaves the message unchanged for impossible targets")
    func refusesImpossible() throws {
        let message = try HL7Message.parse(Fixtures.oru)
        for (segment, field) in [(-1, 3), (6, 3), (1, 0), (1, -4), (0, 1), (0, 2)] {
            #expect(message.replacingField(segment: segment, field: field, with: Array("Z".utf8)) == message)
        }
        #expect(message.replacingField(try #require(HL7Path("PV1-3")), with: Array("Z".utf8)) == message)
    }

    @Test("removingSegments drops segments but never MSH")
    func removesSegments() throws {
        let message = try HL7Message.parse(Fixtures.oru)
        let trimmed = message.removingSegments(at: [3, 4, 0, 99, -1])
        #expect(trimmed.segments.map(\.id) == ["MSH", "PID", "OBR", "NTE"])
        #expect(trimmed["NTE-3.2"] == "Second comp")
        #expect(message.removingSegments(at: []) == message)
        #expect(message.removingSegments(at: [0]) == message)
    }
}
