import MedConformCore
import Testing

@testable import FuzzCore

/// Re-declaration, child replacement and bindings on a model without delimiters (the TLV
/// fixture): the generic machinery must not assume HL7.
@Suite struct GenericMutationTests {
    @Test func redeclaringDelimitersOfAModelWithoutThemChangesNothing() throws {
        let model = try TLVFixture.model()
        let item = try #require(model.nodes.first { $0.path == "tlv.body.items[1]" })
        let bytes = model.render(anomalies: [
            Anomaly(target: item.id, path: item.path, operatorName: "r", libraryIndex: 0,
                    mutation: .redeclare([DelimiterChange(role: 0, bytes: [0x23])]), lie: nil),
        ])
        #expect(bytes == model.renderBase())
    }

    @Test func redeclaringAJoinerRoleRewritesJoinersAndEscapes() throws {
        let root = ModelNode.branch("m", joiner: .separated(role: 0, firstSeparated: 1), [
            .leaf(".1", Array("a#b".utf8), encoding: .text), .leaf(".2", Array(#"c\F\d"#.utf8)),
        ])
        let model = try FuzzModel(
            name: "esc", root: root, delimiters: [[0x7C], [0x5C]],
            escaping: EscapeScheme(escapeRole: 1, rules: [.init(role: 0, code: [0x46]), .init(role: 1, code: [0x45])]))
        #expect(model.renderBase() == Array(#"a#b|c\F\d"#.utf8))
        let bytes = model.render(anomalies: [
            Anomaly(target: 0, path: "m", operatorName: "r", libraryIndex: 0,
                    mutation: .redeclare([DelimiterChange(role: 0, bytes: [0x23])]), lie: nil),
        ])
        // The text `#` is escaped as the new separator; the wire `\F\` meant `|`, now data.
        #expect(bytes == Array(#"a\F\b#c|d"#.utf8))
    }

    @Test func setChildReplacesOrPads() throws {
        let model = try TLVFixture.model()
        let items = try #require(model.nodes.first { $0.path == "tlv.body.items" })
        func set(_ index: Int) -> [UInt8] {
            model.render(anomalies: [
                Anomaly(target: items.id, path: items.path, operatorName: "s", libraryIndex: 0,
                        mutation: .setChild(index: index, node: .leaf("x", [9]), filler: .leaf("f", [0xEE])), lie: nil),
            ])
        }
        // Relations follow: count and length are recomputed over the new children.
        #expect(Array(set(0)[3...6]) == [2, 9, 4, 5])
        #expect(Array(set(3)[3...10]) == [4, 1, 2, 3, 4, 5, 0xEE, 9])
        #expect(TLVFixture.check(set(3)) == (true, true, true))
    }

    @Test func bindingsReplaceBaseValuesBeforeAnomalies() throws {
        let model = try TLVFixture.model()
        let bound = model.render(anomalies: [], bindings: [LeafBinding(path: "tlv.body.items[2]", bytes: [7, 7, 7])])
        #expect(Array(bound[4...9]) == [1, 2, 3, 7, 7, 7])
        #expect(TLVFixture.check(bound) == (true, true, true))
        let item = try #require(model.nodes.first { $0.path == "tlv.body.items[2]" })
        let truncated = model.render(
            anomalies: [Anomaly(target: item.id, path: item.path, operatorName: "t", libraryIndex: 0, mutation: .truncate(keep: 1), lie: nil)],
            bindings: [LeafBinding(path: "tlv.body.items[2]", bytes: [7, 7, 7])])
        #expect(Array(truncated[4...7]) == [1, 2, 3, 7])
        #expect(model.nodeID(path: "tlv.body.items[2]") == item.id)
        #expect(model.nodeID(path: "nope") == nil)
    }
}

@Suite struct RenderCapTests {
    @Test func stackedCopiesAreCutAtTheCap() throws {
        let model = try FuzzModel(name: "test/cap", root: .branch("r", [.branch(".a", [.leaf(".x", [UInt8](repeating: 0x41, count: 65536))])]))
        let leaf = try #require(model.nodes.first { $0.path == "r.a.x" })
        let branch = try #require(model.nodes.first { $0.path == "r.a" })
        // 65536 × 201 × 101 bytes (1.3 GB) if nothing cut it.
        let anomalies = [
            Anomaly(target: leaf.id, path: leaf.path, operatorName: "dup", libraryIndex: nil, mutation: .duplicate(copies: 200), lie: nil),
            Anomaly(target: branch.id, path: branch.path, operatorName: "dup", libraryIndex: nil, mutation: .duplicate(copies: 100), lie: nil),
        ]
        let bytes = model.render(anomalies: anomalies)
        #expect(bytes.count == FuzzModel.maxRenderedBytes)
        #expect(bytes.allSatisfy { $0 == 0x41 })
        // Below the cap nothing is cut.
        var fewer = anomalies[0]
        fewer.mutation = .duplicate(copies: 20)
        #expect(model.render(anomalies: [fewer]).count == 65536 * 21)
    }
}
