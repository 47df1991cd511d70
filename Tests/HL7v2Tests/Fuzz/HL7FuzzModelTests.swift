import FuzzCore
import MedConformCore
import Testing
import Transports

@testable import HL7v2

/// The HL7 v2 fuzz model: round trip of the valid message, operators and relation lies.
@Suite struct HL7FuzzModelTests {
    static let base = HL7Simulators.validObservationReport(seed: 7, index: 0)

    static func message() throws -> HL7Message { try HL7Message.parse(base) }

    @Test func validCaseIsTheMessageFramedAndUnframed() throws {
        let message = try Self.message()
        let unframed = try HL7FuzzModel.model(of: message, framed: false)
        let framed = try HL7FuzzModel.model(of: message, framed: true)
        #expect(unframed.renderBase() == message.bytes)
        #expect(framed.renderBase() == MLLP.frame(message.bytes))
        for fixture in [Fixtures.oru, Array(Fixtures.customSegments.map { $0 + "\r" }.joined().utf8)] {
            let parsed = try HL7Message.parse(fixture)
            #expect(try HL7FuzzModel.model(of: parsed, framed: false).renderBase() == parsed.bytes)
        }
    }

    @Test func pathsAreStableAndReadable() throws {
        let model = try HL7FuzzModel.model(of: try Self.message(), framed: true)
        let paths = model.nodes.map(\.path)
        for expected in ["MSH.1", "MSH.2", "MSH.9", "MSH.9[1].2.1", "OBX[2].5[1].1.1", "MLLP.SB", "MLLP.CR"] {
            #expect(paths.contains(expected), "\(expected)")
        }
    }

    @Test func everyEnumeratedOperatorAppliesAndConsistentOnesStayParseable() throws {
        let space = try HL7FuzzModel.caseSpace(of: try Self.message(), profileDigest: [0xAB], generatorVersion: "test", seed: 1)
        #expect(space.enumeratedCount > 10_000)
        var seen: [String] = []
        var n: UInt64 = 0
        // Every 37th case keeps the test quick while touching every operator.
        while n < space.enumeratedCount {
            let built = space.case(at: n)
            let name = built.anomalies[0].operatorName
            if !seen.contains(name) { seen.append(name) }
            #expect(built.bytes != space.validCase() || name == "hl7.delimiter.declaration.msh2" || name.hasPrefix("hl7.scalar") || name.hasPrefix("hl7.field") || name == "hl7.truncate" || name == "hl7.injection" || name == "hl7.segment.id", "case \(n) \(built.anomalies)")
            n += 37
        }
        #expect(seen.count >= 12)
    }

    @Test func escapingRelationKeepsTextValuesParseable() throws {
        let message = try Self.message()
        let model = try HL7FuzzModel.model(of: message, framed: false)
        let leaf = try #require(model.nodes.first { $0.path == "OBX.5[1].1.1" })
        let bytes = model.render(anomalies: [
            Anomaly(target: leaf.id, path: leaf.path, operatorName: "x", libraryIndex: nil,
                    mutation: .replace(Array("a|b^c~d&e\\f".utf8), .text), lie: nil),
        ])
        let parsed = try HL7Message.parse(bytes)
        #expect(parsed["OBX-5"] == "a|b^c~d&e\\f")
        let raw = model.render(anomalies: [
            Anomaly(target: leaf.id, path: leaf.path, operatorName: "x", libraryIndex: nil,
                    mutation: .replace(Array("a|b".utf8), .wire), lie: nil),
        ])
        #expect(try HL7Message.parse(raw)["OBX-5"] == "a")
    }

    @Test func declarationAndFramingLies() throws {
        let message = try Self.message()
        let model = try HL7FuzzModel.model(of: message, framed: true)
        let msh2 = try #require(model.nodes.first { $0.path == "MSH.2" })
        let lying = model.render(anomalies: [
            Anomaly(target: msh2.id, path: msh2.path, operatorName: "lie", libraryIndex: 0,
                    mutation: .lie(.bytes(Array("#~\\&".utf8))), lie: "MSH.2/declaration"),
        ])
        #expect(Array(lying[1..<9]) == Array("MSH|#~\\&".utf8))
        // The rest still uses ^ as component separator: declared one set, used another.
        #expect(lying.contains(0x5E))
        let sb = try #require(model.nodes.first { $0.path == "MLLP.SB" })
        let unstarted = model.render(anomalies: [
            Anomaly(target: sb.id, path: sb.path, operatorName: "mllp.start", libraryIndex: 0, mutation: .lie(.bytes([])), lie: "MLLP.SB/framing"),
        ])
        #expect(unstarted == Array(MLLP.frame(message.bytes).dropFirst()))
    }

    @Test func segmentOperatorsChangeStructure() throws {
        let message = try Self.message()
        let model = try HL7FuzzModel.model(of: message, framed: false)
        let pid = try #require(model.nodes.first { $0.path == "PID" })
        let dropped = model.render(anomalies: [
            Anomaly(target: pid.id, path: pid.path, operatorName: "drop", libraryIndex: 0, mutation: .delete, lie: nil),
        ])
        #expect(try HL7Message.parse(dropped).first("PID") == nil)
        let swapped = model.render(anomalies: [
            Anomaly(target: pid.id, path: pid.path, operatorName: "swap", libraryIndex: 0, mutation: .swapWithNext, lie: nil),
        ])
        let order = try HL7Message.parse(swapped).segments.map(\.id)
        #expect(order.count == message.segmentCount)
        #expect(order != message.segments.map(\.id))
    }
}
