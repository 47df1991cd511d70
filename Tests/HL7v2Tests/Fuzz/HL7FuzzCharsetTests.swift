import FuzzCore
import MedConformCore
import Testing

@testable import HL7v2

/// `hl7.charset` (MSH-18 declares a character set the bytes do not follow) and
/// `hl7.charset.utf16` (UTF-16 text inside a data value).
@Suite struct HL7FuzzCharsetTests {
    static func setCharset(_ model: FuzzModel, _ index: Int) throws -> [UInt8] {
        let msh = try #require(model.nodes.first { $0.path == "MSH" })
        let op = try #require(HL7FuzzModel.operators(for: model).first { $0.name == "hl7.charset" })
        #expect(op.librarySize(msh) == HL7FuzzLibrary.characterSets.count)
        return model.render(anomalies: [
            Anomaly(target: msh.id, path: msh.path, operatorName: op.name, libraryIndex: index, mutation: op.value(msh, index), lie: nil),
        ])
    }

    @Test func aHeaderWithoutMSH18GetsEmptyFieldsThenTheCharset() throws {
        let base = try HL7FuzzGoldenTests.baseMessage()
        #expect(try #require(base.first("MSH")).fieldCount == 16)
        let model = try HL7FuzzModel.model(of: base, framed: false)
        for (index, sets) in HL7FuzzLibrary.characterSets.enumerated() {
            let parsed = try HL7Message.parse(try Self.setCharset(model, index))
            let msh = try #require(parsed.first("MSH"))
            #expect(msh.fieldCount == 18, "entry \(index)")
            #expect(msh.field(17).isEmpty)
            #expect(msh.field(18).repetitions.map { Array($0.raw) } == (sets == [[]] ? [] : sets), "entry \(index)")
            // Everything else reads as before.
            let others = HL7DecodedValues.of(parsed).filter {
                !$0.starts(with: Array("MSH 17 ".utf8)) && !$0.starts(with: Array("MSH 18 ".utf8))
            }
            #expect(others == HL7DecodedValues.of(base), "entry \(index)")
        }
    }

    @Test func anExistingMSH18IsReplacedInPlace() throws {
        let base = try HL7Message.parse(Array(
            (#"MSH|^~\&|A|B|C|D|20240101||ADT^A01^ADT_A01|1|P|2.5||||||8859/1|EN"# + "\r" + "PID|||1\r").utf8))
        #expect(base["MSH-18"] == "8859/1")
        let model = try HL7FuzzModel.model(of: base, framed: false)
        let parsed = try HL7Message.parse(try Self.setCharset(model, 0))
        #expect(parsed["MSH-18"] == "UNICODE UTF-8")
        #expect(parsed["MSH-19"] == "EN")
        #expect(parsed.first("MSH")?.fieldCount == 19)
    }

    @Test func utf16TextIsInsertedAsRawBytes() throws {
        let base = try HL7FuzzGoldenTests.baseMessage()
        let model = try HL7FuzzModel.model(of: base, framed: false)
        let leaf = try #require(model.nodes.first { $0.path == "OBX.5[1].1.1" })
        let op = try #require(HL7FuzzModel.operators(for: model).first { $0.name == "hl7.charset.utf16" })
        #expect(op.librarySize(leaf) == 5)
        let delimiters = Array(#"|^~\&"#.utf8) + [0x0D]
        for index in 0..<5 {
            let text = HL7FuzzLibrary.utf16Texts[index]
            #expect(!text.contains { delimiters.contains($0) })
            let bytes = model.render(anomalies: [
                Anomaly(target: leaf.id, path: leaf.path, operatorName: op.name, libraryIndex: index, mutation: op.value(leaf, index), lie: nil),
            ])
            let parsed = try HL7Message.parse(bytes)
            #expect(parsed.segmentCount == base.segmentCount)
            #expect(try #require(parsed.first("OBX")).rawBytes(field: 5) == (Array("120".utf8) + text)[...])
        }
        #expect(HL7FuzzLibrary.utf16Texts[1].prefix(4) == [0xFF, 0xFE, 0x47, 0x00])
        #expect(HL7FuzzLibrary.utf16Texts[3].prefix(4) == [0xFE, 0xFF, 0x00, 0x47])
    }
}
