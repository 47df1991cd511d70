import Testing

@testable import HL7v2

@Suite("HL7 field, component, repetition and subcomponent access")
struct HL7FieldAccessTests {
    let message: HL7Message
    let custom: HL7Message

    init() throws {
        message = try HL7Message.parse(Fixtures.oru)
        custom = try HL7Message.parse(Fixtures.custom)
    }

    @Test("MSH numbering: MSH-1 is the separator, MSH-2 the encoding characters")
    func mshNumbering() throws {
        let msh = try #require(message.first("MSH"))
        #expect(msh.field(1).text == "|")
        #expect(msh.field(2).text == #"^~\&"#)
        #expect(msh.field(2).componentCount == 1)
        #expect(msh.field(2).repetitionCount == 1)
        #expect(msh.field(2).component(1).text == #"^~\&"#)
        #expect(msh.field(2).component(2).isEmpty)
        #expect(msh.field(2).component(1).subcomponent(1).text == #"^~\&"#)
        #expect(msh.field(2).repetition(1).isEmpty)
        #expect(msh.field(3).component(2).text == "0011223344556677")
        #expect(msh.field(9).text == "ORU^R01^ORU_R01")
        #expect(msh.field(9).component(1).text == "ORU")
        #expect(msh.field(10).text == "MSG00001")
        #expect(msh.field(12).text == "2.6")
        #expect(msh.rawBytes(field: 1).elementsEqual("|".utf8))
        #expect(message["MSH-1"] == "|")
        #expect(message["MSH-2"] == #"^~\&"#)
        #expect(message["MSH-9.1"] == "ORU")
        #expect(message["MSH-9.3"] == "ORU_R01")
        #expect(message["MSH-16"] == "AL")
    }

    @Test(
        "paths read fields, repetitions, components and subcomponents",
        arguments: [
            ("PID-3", "PAT001^^^Testhospital^PI"),
            ("PID-3.1", "PAT001"),
            ("PID-3.4", "Testhospital"),
            ("PID-3(1).5", "PI"),
            ("PID-3(2)", "ALT002^^^Otherhospital^MR"),
            ("PID-3(2).1", "ALT002"),
            ("PID-3(2).5.1", "MR"),
            ("PID-3(3)", ""),
            ("PID-5.1", "Testpatient"),
            ("PID-5.2", "Alpha"),
            ("PID-5.7", "L"),
            ("PID-5.8", ""),
            ("PID-4", ""),
            ("PID-40", ""),
            ("OBX-3.2", "MDC_PRESS_BLD_NONINV_SYS"),
            ("OBX-5", "120"),
            ("NTE-3", "A&B sub^Second comp"),
            ("NTE-3.1", "A&B sub"),
            ("NTE-3.1.1", "A"),
            ("NTE-3.1.2", "B sub"),
            ("NTE-3.1.3", ""),
            ("NTE-3.2.1", "Second comp"),
        ])
    func paths(path: String, expected: String) {
        #expect(message[path] == expected)
    }

    @Test("absent segments and malformed paths read as nil")
    func missing() {
        #expect(message["PV1-3"] == nil)
        #expect(message["PID3"] == nil)
    }

    @Test("counts of repetitions, components and subcomponents")
    func counts() throws {
        let pid = try #require(message.first("PID"))
        #expect(pid.field(3).repetitionCount == 2)
        #expect(pid.field(3).componentCount == 5)
        #expect(pid.field(3).repetition(1).componentCount == 5)
        #expect(pid.field(3).repetitions.map(\.text) == ["PAT001^^^Testhospital^PI", "ALT002^^^Otherhospital^MR"])
        #expect(pid.field(4).repetitionCount == 0)
        #expect(pid.field(4).componentCount == 0)
        #expect(pid.field(5).componentCount == 7)
        let nte = try #require(message.first("NTE"))
        #expect(nte.field(3).component(1).subcomponentCount == 2)
        #expect(nte.field(3).component(2).subcomponentCount == 1)
        #expect(nte.field(3).component(3).subcomponentCount == 0)
    }

    @Test("out-of-range numbers give empty values instead of trapping")
    func outOfRange() throws {
        let pid = try #require(message.first("PID"))
        for n in [Int.min, -5, 0, 10, 1000, Int.max] {
            #expect(pid.field(n).isEmpty)
            #expect(pid.rawBytes(field: n).isEmpty)
            #expect(pid.field(3).component(n).isEmpty)
            #expect(pid.field(3).repetition(n).isEmpty || n == 0)
            #expect(pid.field(3).component(1).subcomponent(n).isEmpty)
        }
        #expect(pid.field(3).repetition(-1).isEmpty)
        #expect(pid.field(3).component(0).isEmpty)
        #expect(pid.field(3).component(Int.min).isEmpty)
    }

    @Test("explicit null is told apart from empty")
    func explicitNull() throws {
        let pid = try #require(message.first("PID"))
        #expect(pid.field(9).isNull)
        #expect(!pid.field(9).isEmpty)
        #expect(pid.field(9).text == "\"\"")
        #expect(pid.field(9).component(1).isNull)
        #expect(pid.field(9).component(1).subcomponent(1).isNull)
        #expect(!pid.field(8).isNull)
        #expect(!pid.field(4).isNull)
        #expect(pid.field(4).isEmpty)
        let quoted = try HL7Message.parse(er7("MSH|^~\\&", "PID|\"\"\"|\"|x\"\""))
        #expect(!quoted.segments[1].field(1).isNull)
        #expect(!quoted.segments[1].field(2).isNull)
        #expect(!quoted.segments[1].field(3).isNull)
    }

    @Test("text unescapes delimiter and hex escapes")
    func escapedText() throws {
        let obx = try #require(message.segments(named: "OBX").last)
        #expect(obx.field(5).text == #"Pipe | caret ^ amp & tilde ~ backslash \ hex A"#)
        #expect(obx.rawBytes(field: 5).elementsEqual(#"Pipe \F\ caret \S\ amp \T\ tilde \R\ backslash \E\ hex \X41\"#.utf8))
        #expect(obx.field(5).unescaped().problems.isEmpty)
    }

    @Test("custom delimiters declared in MSH-2 drive all access")
    func customDelimiters() throws {
        #expect(custom.delimiters == HL7Delimiters(
            field: 0x23, component: 0x2A, repetition: 0x24, escape: 0x21, subcomponent: 0x40, truncation: 0x25))
        #expect(custom["MSH-1"] == "#")
        #expect(custom["MSH-2"] == "*$!@%")
        #expect(custom["MSH-3.2"] == "0011223344556677")
        #expect(custom["MSH-9.1"] == "ORU")
        #expect(custom["MSH-9.2"] == "R01")
        #expect(custom["MSH-12"] == "2.7")
        #expect(custom["PID-3(2).4"] == "Otherhospital")
        #expect(custom["PID-3.1"] == "PAT001")
        #expect(custom["PID-5.2"] == "Beta")
        #expect(custom["NTE-3.1.2"] == "B sub")
        #expect(custom["NTE-3.2"] == "Second comp#*%")
        #expect(custom.first("PID")?.field(3).repetitionCount == 2)
        // The standard delimiters are plain data here.
        let withPipes = try HL7Message.parse("MSH#*$!@#A|B^C~D\\E&F")
        #expect(withPipes["MSH-3"] == "A|B^C~D\\E&F")
        #expect(withPipes["MSH-3.1"] == "A|B^C~D\\E&F")
    }

    @Test("HL7Field can wrap raw bytes from elsewhere")
    func standaloneField() {
        let field = HL7Field(raw: ArraySlice("a^b\\S\\c~d".utf8), delimiters: .standard)
        #expect(field.repetitionCount == 2)
        #expect(field.component(2).text == "b^c")
        #expect(field.repetition(1).text == "d")
    }
}
