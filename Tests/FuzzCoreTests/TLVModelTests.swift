import MedConformCore
import Testing

@testable import FuzzCore

/// A tiny non-HL7 model proving that the relation machinery is generic:
/// `type(u8) | length(u16 BE, of body) | body = count(u8, of items) items... | sum8(type..body)`.
enum TLVFixture {
    static func model() throws -> FuzzModel {
        let root = ModelNode.branch("tlv", [
            .leaf(".type", [0xE7]),
            .leaf(".length", [0, 0]),
            .branch(".body", [
                .leaf(".count", [0]),
                .branch(".items", [.leaf("[1]", [1, 2, 3]), .leaf("[2]", [4, 5])]),
            ]),
            .leaf(".sum", [0]),
        ])
        return try FuzzModel(name: "test/tlv", root: root, relations: [
            Relation(name: "count", target: "tlv.body.count", rule: .countOf("tlv.body.items", .u8)),
            Relation(name: "length", target: "tlv.length", rule: .lengthOf(["tlv.body"], .u16BigEndian, adjust: 0)),
            Relation(name: "sum", target: "tlv.sum", rule: .checksumOf(["tlv.type", "tlv.length", "tlv.body"], .sum8, .u8)),
        ])
    }

    static func operators(_ model: FuzzModel) -> [AnomalyOperator] {
        [
            .replaceLeaf("replace", where: { $0.path.hasPrefix("tlv.body.items[") }, values: [[], [9], ValueLibrary.run(7, 300)]),
            .deleteNode("delete", where: { $0.path.hasPrefix("tlv.body.items[") }),
            .duplicateNode("duplicate", where: { $0.path.hasPrefix("tlv.body.items[") }, copies: [1, 2]),
            .replaceLeaf("type.binary", where: { $0.path == "tlv.type" }, values: ValueLibrary.integersAsBinary(width: 1), encoding: .wire),
            .insertBytes("insert", where: { $0.path.hasPrefix("tlv.body.items[") }, values: [[0xFF], [0, 0]]),
            .truncateLeaf(where: { $0.path.hasPrefix("tlv.body.items[") }),
            .relationLie(in: model),
        ]
    }

    /// Parses the rendered bytes back and reports which relations hold.
    static func check(_ bytes: [UInt8]) -> (length: Bool, count: Bool, sum: Bool) {
        guard bytes.count >= 5 else { return (false, false, false) }
        let declared = Int(bytes[1]) << 8 | Int(bytes[2])
        let body = bytes[3..<(bytes.count - 1)]
        let sum = bytes.dropLast().reduce(UInt8(0), &+)
        return (declared == body.count, true, sum == bytes[bytes.count - 1])
    }
}

@Suite struct TLVModelTests {
    @Test func baseRendersWithRelationsRecomputed() throws {
        let model = try TLVFixture.model()
        let bytes = model.renderBase()
        // type, length 6, count 2, items, sum
        let expectedSum = [0xE7, 0, 6, 2, 1, 2, 3, 4, 5].reduce(UInt8(0)) { $0 &+ UInt8($1) }
        #expect(bytes == [0xE7, 0, 6, 2, 1, 2, 3, 4, 5, expectedSum])
        #expect(model.nodes.map(\.path).contains("tlv.body.items[2]"))
    }

    @Test func consistentChangesKeepRelations() throws {
        let model = try TLVFixture.model()
        let item = try #require(model.nodes.first { $0.path == "tlv.body.items[1]" })
        let grown = model.render(anomalies: [
            Anomaly(target: item.id, path: item.path, operatorName: "replace", libraryIndex: 2,
                    mutation: .replace(ValueLibrary.run(7, 300), .wire), lie: nil),
        ])
        #expect(Array(grown[1...2]) == [0x01, 0x2F])  // 1 + 300 + 2 = 303 = 0x012F
        #expect(TLVFixture.check(grown) == (true, true, true))
        let deleted = model.render(anomalies: [
            Anomaly(target: item.id, path: item.path, operatorName: "delete", libraryIndex: 0, mutation: .delete, lie: nil),
        ])
        #expect(deleted[3] == 1)  // count follows
        #expect(TLVFixture.check(deleted) == (true, true, true))
    }

    @Test func aLieBreaksExactlyThatRelation() throws {
        let model = try TLVFixture.model()
        let length = try #require(model.nodes.first { $0.path == "tlv.length" })
        let lying = model.render(anomalies: [
            Anomaly(target: length.id, path: length.path, operatorName: "relation.lie", libraryIndex: 1,
                    mutation: .lie(.offset(1)), lie: "length"),
        ])
        #expect(Array(lying[1...2]) == [0, 7])
        // The checksum is still recomputed over the lying length: only "length" fails.
        let verdict = TLVFixture.check(lying)
        #expect(!verdict.length && verdict.sum)
        let count = try #require(model.nodes.first { $0.path == "tlv.body.count" })
        let maxCount = model.render(anomalies: [
            Anomaly(target: count.id, path: count.path, operatorName: "relation.lie", libraryIndex: 3,
                    mutation: .lie(.absolute(0xFF)), lie: "count"),
        ])
        #expect(maxCount[3] == 0xFF)
        #expect(TLVFixture.check(maxCount).length && TLVFixture.check(maxCount).sum)
    }

    @Test func enumeratedTierDecodesEveryIndexAndRecordsLies() throws {
        let model = try TLVFixture.model()
        let space = CaseSpace(model: model, operators: TLVFixture.operators(model), profileDigest: [1], generatorVersion: "t", seed: 3)
        // 4 plain leaves... each replaceable 3 ways; 2 items delete + duplicate; 3 relations × 4 lies.
        #expect(space.enumeratedCount > 20)
        var lies = 0
        for n in 0..<space.enumeratedCount {
            let built = space.case(at: n)
            #expect(built.address.tier == .enumerated)
            #expect(built.anomalies.count == 1)
            if let lie = built.anomalies.first?.lie {
                lies += 1
                let verdict = TLVFixture.check(built.bytes)
                if lie == "length" { #expect(!verdict.length || built.anomalies[0].mutation == .lie(.absolute(6))) }
                if lie == "count" { #expect(verdict.length && verdict.sum) }
            } else {
                let verdict = TLVFixture.check(built.bytes)
                #expect(verdict.length && verdict.sum, "case \(n) \(built.anomalies)")
            }
        }
        #expect(lies == 12)
    }

    @Test func randomTierIsAddressableAndStacks() throws {
        let model = try TLVFixture.model()
        let space = CaseSpace(model: model, operators: TLVFixture.operators(model), profileDigest: [1], generatorVersion: "t", seed: 3)
        let start = space.enumeratedCount
        var depths: [Int] = []
        for n in start..<(start + 300) {
            let a = space.case(at: n)
            let b = space.case(at: n)
            #expect(a == b)
            #expect(a.address.tier == .random)
            #expect(a.caseSeed == space.runKey.caseSeed(n))
            depths.append(a.anomalies.count)
        }
        #expect(depths.contains(1) && depths.contains(2))
        #expect(depths.allSatisfy { (1...8).contains($0) })
    }

    @Test func seedAndModelChangeTheKey() throws {
        let model = try TLVFixture.model()
        let a = CaseSpace(model: model, operators: TLVFixture.operators(model), profileDigest: [1], generatorVersion: "t", seed: 3)
        let b = CaseSpace(model: model, operators: TLVFixture.operators(model), profileDigest: [1], generatorVersion: "t", seed: 4)
        let c = CaseSpace(model: model, operators: Array(TLVFixture.operators(model).dropLast()), profileDigest: [1], generatorVersion: "t", seed: 3)
        #expect(a.runKey != b.runKey)
        #expect(a.modelDigest != c.modelDigest)
        #expect(a.runKey != c.runKey)
    }

    @Test func binaryBoundaryLibrary() {
        let u16 = ValueLibrary.integersAsBinary(width: 2)
        #expect(u16.first == [0, 0])
        #expect(u16.contains([0xFF, 0xFF]) && u16.contains([0x7F, 0xFF]) && u16.contains([0xFF, 0x7F]))
        #expect(u16.allSatisfy { $0.count == 2 })
        #expect(Set(u16.map { $0 }).count == u16.count)
        #expect(ValueLibrary.integersAsBinary(width: 1).allSatisfy { $0.count == 1 })
        #expect(ValueLibrary.lengths.map(\.count).contains(65537))
    }

    @Test func unknownRelationPathIsAnError() {
        #expect(throws: FuzzModelError.unknownPath("nope")) {
            try FuzzModel(name: "x", root: .leaf("x", []), relations: [Relation(name: "r", target: "nope", rule: .framing([]))])
        }
    }

    @Test func escapingAppliesToTextLeavesOnly() throws {
        let root = ModelNode.branch("m", joiner: .separated(role: 0, firstSeparated: 1), [
            .leaf(".1", Array("a|b".utf8), encoding: .text), .leaf(".2", Array("c|d".utf8)),
        ])
        let model = try FuzzModel(
            name: "esc", root: root, delimiters: [[0x7C], [0x5C]],
            escaping: EscapeScheme(escapeRole: 1, rules: [.init(role: 0, code: [0x46]), .init(role: 1, code: [0x45])]))
        #expect(model.renderBase() == Array(#"a\F\b|c|d"#.utf8))
    }
}
