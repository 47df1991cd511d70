import FuzzCore
import MedConformCore
import Testing

@testable import FuzzCore
@testable import HL7v2

/// The fast renderer against ``ReferenceRenderer`` over many cases of both tiers: the speed
/// work must not move a byte of any case, not only of the golden ones.
@Suite struct FuzzRendererEquivalenceTests {
    @Test func hl7CasesMatchTheReferenceRenderer() throws {
        let space = try HL7FuzzGoldenTests.space()
        var mismatches: [UInt64] = []
        var n: UInt64 = 0
        // Every 5th enumerated case (all operators, all libraries) and 1,000 random cases,
        // where stacking makes structural changes meet (copies, swaps, deletions).
        while n < space.enumeratedCount + 1_000 {
            let built = space.case(at: n)
            n += n < space.enumeratedCount ? 5 : 1
            // The reference knows only the model's own delimiters; re-declarations have
            // tests of their own (HL7FuzzRedeclarationTests).
            if built.anomalies.contains(where: { if case .redeclare = $0.mutation { true } else { false } }) { continue }
            // The reference has no size cap; a case past it is cut the same way.
            let reference = ReferenceRenderer.render(space.model, anomalies: built.anomalies).prefix(FuzzModel.maxRenderedBytes)
            if built.bytes[...] != reference { mismatches.append(built.address.index) }
        }
        #expect(mismatches.isEmpty, "cases \(mismatches.prefix(20))")
    }

    @Test func derivedRelationsMatchTheReferenceRenderer() throws {
        // Length, count and checksum relations over nested sources: their values depend on
        // the relations computed before them.
        let root = ModelNode.branch("t", [
            .leaf(".sum", [0]), .leaf(".len", [0]),
            .branch(".body", joiner: .separated(role: 0, firstSeparated: 1), [
                .leaf(".n", [0]),
                .branch(".items", joiner: .separated(role: 0, firstSeparated: 1), [
                    .leaf("[1]", Array("a,b".utf8), encoding: .text), .leaf("[2]", [5, 6]),
                ]),
            ]),
        ])
        let model = try FuzzModel(
            name: "t", root: root, delimiters: [[0x2C], [0x5C]],
            escaping: EscapeScheme(escapeRole: 1, rules: [.init(role: 0, code: [0x43])]),
            relations: [
                Relation(name: "n", target: "t.body.n", rule: .countOf("t.body.items", .decimalText)),
                Relation(name: "len", target: "t.len", rule: .lengthOf(["t.body"], .u8, adjust: 0)),
                Relation(name: "sum", target: "t.sum", rule: .checksumOf(["t.len", "t.body"], .xor8, .u8)),
            ])
        let items = model.nodes.filter { $0.path.hasPrefix("t.body.items[") }
        let operators: [AnomalyOperator] = [
            .replaceLeaf("replace", where: { $0.path.hasPrefix("t.body.items[") }, values: [[], Array("x,y".utf8)]),
            .duplicateNode("duplicate", where: { $0.path.hasPrefix("t.body") }, copies: [1, 3]),
            .deleteNode("delete", where: { $0.path.hasPrefix("t.body.items[") }),
            .swapWithNext("swap", where: { _ in true }),
            .glueToNext("glue", where: { _ in true }),
            .relationLie(in: model),
        ]
        #expect(items.count == 2)
        let space = CaseSpace(model: model, operators: operators, profileDigest: [7], generatorVersion: "t", seed: 11)
        for n in 0..<(space.enumeratedCount + 2_000) {
            let built = space.case(at: n)
            #expect(built.bytes == ReferenceRenderer.render(model, anomalies: built.anomalies), "case \(n) \(built.anomalies)")
        }
    }
}
