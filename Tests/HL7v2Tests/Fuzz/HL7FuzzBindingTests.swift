import FuzzCore
import MedConformCore
import Testing

@testable import HL7v2

/// Bindings: a session value (the device's control ID) put into MSA-2 of a fuzzed
/// acknowledgement, under the case's anomalies, while the case itself stays pure.
@Suite struct HL7FuzzBindingTests {
    static let ack = Array(
        (#"MSH|^~\&|HARNESS|MEDCONFORM|SIMDEV|DEVICE|20240101120000||ACK^R01^ACK|ACK0001|P|2.6"# + "\rMSA|AA|PLACEHOLDER\r").utf8)
    static let binding = LeafBinding(path: "MSA.2[1].1.1", bytes: Array("CTRL-42".utf8))

    static func model() throws -> FuzzModel {
        try HL7FuzzModel.model(of: try HL7Message.parse(ack), framed: false)
    }

    static func replacing(_ old: String, with new: String, in bytes: [UInt8]) -> [UInt8] {
        Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: old, with: new).utf8)
    }

    @Test func aBindingAloneReplacesTheLeaf() throws {
        let model = try Self.model()
        let bound = model.render(anomalies: [], bindings: [Self.binding])
        #expect(bound == Self.replacing("PLACEHOLDER", with: "CTRL-42", in: Self.ack))
        #expect(try HL7Message.parse(bound)["MSA-2"] == "CTRL-42")
        // Unknown paths and branches are left alone.
        #expect(model.render(anomalies: [], bindings: [LeafBinding(path: "MSA.9", bytes: [0x41])]) == Self.ack)
        #expect(model.render(anomalies: [], bindings: [LeafBinding(path: "MSA.2", bytes: [0x41])]) == Self.ack)
    }

    @Test func anomaliesApplyOnTopOfTheBoundValue() throws {
        let model = try Self.model()
        let leaf = try #require(model.nodes.first { $0.path == Self.binding.path })
        func anomaly(_ mutation: Mutation) -> Anomaly {
            Anomaly(target: leaf.id, path: leaf.path, operatorName: "t", libraryIndex: nil, mutation: mutation, lie: nil)
        }
        let truncated = model.render(anomalies: [anomaly(.truncate(keep: 4))], bindings: [Self.binding])
        #expect(try HL7Message.parse(truncated)["MSA-2"] == "CTRL")
        let grown = model.render(anomalies: [anomaly(.insert(Array("|x".utf8), .end, .text))], bindings: [Self.binding])
        #expect(String(decoding: grown, as: UTF8.self).contains(#"MSA|AA|CTRL-42\F\x"#))
    }

    @Test func theCaseStaysPureAndRendersWithBindingsOnDemand() throws {
        let message = try HL7Message.parse(Self.ack)
        let space = try HL7FuzzModel.caseSpace(of: message, framed: true, profileDigest: [1], generatorVersion: "t", seed: 1)
        var checked = 0
        for n in 0..<space.enumeratedCount {
            guard let anomaly = space.enumeratedAnomaly(n), anomaly.path == Self.binding.path, anomaly.operatorName == "hl7.escape" else { continue }
            let built = space.case(at: n)
            let bound = space.render(built, bindings: [Self.binding])
            #expect(built.bytes == space.model.render(anomalies: built.anomalies))
            #expect(String(decoding: built.bytes, as: UTF8.self).contains("PLACEHOLDER"))
            #expect(String(decoding: bound, as: UTF8.self).contains("|CTRL-42"))
            #expect(!String(decoding: bound, as: UTF8.self).contains("PLACEHOLDER"))
            checked += 1
        }
        #expect(checked == HL7FuzzLibrary.escapes(escape: 0x5C).count)
    }
}
