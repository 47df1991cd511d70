import FuzzCore
import MedConformCore
import Testing

@testable import HL7v2

/// `hl7.delimiter.redeclare`: MSH-1/MSH-2 declare other delimiters and the whole message is
/// written with them, so a correct receiver reads every value exactly as in the base message.
@Suite struct HL7FuzzRedeclarationTests {
    static func redeclared(_ model: FuzzModel, _ set: [DelimiterChange]) throws -> [UInt8] {
        let msh2 = try #require(model.nodes.first { $0.path == "MSH.2" })
        return model.render(anomalies: [
            Anomaly(target: msh2.id, path: msh2.path, operatorName: "hl7.delimiter.redeclare", libraryIndex: nil,
                    mutation: .redeclare(set), lie: nil),
        ])
    }

    static func bases() throws -> [HL7Message] {
        [try HL7FuzzGoldenTests.baseMessage(), try HL7Message.parse(HL7FuzzModelTests.base)]
    }

    @Test func everyRedeclarationDeclaresTheNewSetAndKeepsEveryValue() throws {
        for base in try Self.bases() {
            let model = try HL7FuzzModel.model(of: base, framed: false)
            let sets = HL7FuzzLibrary.redeclarations(model.delimiters)
            #expect(sets.count == 6)
            for (index, set) in sets.enumerated() {
                let bytes = try Self.redeclared(model, set)
                #expect(bytes != base.bytes, "set \(index)")
                let parsed = try HL7Message.parse(bytes)
                var expected = model.delimiters
                for change in set { expected[change.role] = change.bytes }
                let d = parsed.delimiters
                #expect([[d.field], [d.component], [d.repetition], [d.escape], [d.subcomponent]] == Array(expected[0..<5]), "set \(index)")
                #expect(d.truncation.map { [$0] } ?? [] == expected[HL7FuzzRole.truncation], "set \(index)")
                #expect(parsed.segmentCount == base.segmentCount)
                #expect(HL7DecodedValues.of(parsed) == HL7DecodedValues.of(base), "set \(index)")
            }
        }
    }

    @Test func aWhollyNewSetLeavesNoOldDelimiterInTheMessage() throws {
        let base = try HL7FuzzGoldenTests.baseMessage()
        let model = try HL7FuzzModel.model(of: base, framed: false)
        let bytes = try Self.redeclared(model, HL7FuzzLibrary.redeclarations(model.delimiters)[0])
        #expect(Array(bytes.prefix(20)) == Array("MSH#!@%*#SIMDEV!0011".utf8))
        // The old characters are left only where they are data: `\F\` and `\S\` named the
        // old separators and, as data, need no escape any more, while `\X41\` keeps its
        // code between the new escape characters.
        for (old, count) in zip(Array(#"|^~\&"#.utf8), [1, 1, 0, 0, 0]) {
            #expect(bytes.filter { $0 == old }.count == count, "\(old)")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("Pipe | caret ^ hex %X41%"))
    }

    @Test func aSwapEscapesTheCharacterThatChangedRole() throws {
        let base = try HL7FuzzGoldenTests.baseMessage()
        let model = try HL7FuzzModel.model(of: base, framed: false)
        // Component and repetition swapped: `^` now separates repetitions, so the caret that
        // was data (`\S\`) must be written `\R\`.
        let bytes = try Self.redeclared(model, HL7FuzzLibrary.redeclarations(model.delimiters)[1])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"MSH|~^\&|SIMDEV~0011223344556677~EUI-64|"#))
        #expect(text.contains(#"Pipe \F\ caret \R\ hex \X41\"#))
        #expect(text.contains("PAT001~~~Testhospital~PI^ALT002"))
    }

    @Test func aTruncationCharacterIsDeclaredAndNothingElseMoves() throws {
        let base = try HL7FuzzGoldenTests.baseMessage()
        let model = try HL7FuzzModel.model(of: base, framed: false)
        let bytes = try Self.redeclared(model, HL7FuzzLibrary.redeclarations(model.delimiters)[4])
        #expect(bytes == Array(#"MSH|^~\&#"#.utf8) + Array(base.bytes.dropFirst(8)))
        #expect(try HL7Message.parse(bytes).delimiters.truncation == 0x23)
    }

    @Test func theOperatorTargetsMSH2OnceForEverySet() throws {
        let space = try HL7FuzzGoldenTests.space()
        var found: [Anomaly] = []
        for n in 0..<space.enumeratedCount {
            if let anomaly = space.enumeratedAnomaly(n), anomaly.operatorName == "hl7.delimiter.redeclare" { found.append(anomaly) }
        }
        #expect(found.count == 6)
        #expect(found.allSatisfy { $0.path == "MSH.2" })
        // Framed, the frame stays honest around the re-declared message.
        let framed = space.model.render(anomalies: [found[0]])
        #expect(framed.first == 0x0B && Array(framed.suffix(2)) == [0x1C, 0x0D])
    }
}
