import Foundation
import MedConformCore
import Testing

@testable import HL7v2

@Suite("Simulator descriptions and fault catalogue")
struct SimulatorDescriptionTests {
    /// Requirement IDs of the specs the HL7 v2 plugin judges, read from Specs/ in the package.
    static let requirementIDs: [String] = {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        var ids: [String] = []
        for file in ["hl7v2.yaml", "ihe-pcd-01.yaml", "national/example-id.yaml"] {
            guard let text = try? String(contentsOf: root.appendingPathComponent("Specs/" + file), encoding: .utf8) else { continue }
            // Only the `requirements:` section: `sources:` entries have IDs too.
            var inRequirements = false
            for line in text.split(separator: "\n") {
                if !line.hasPrefix(" ") && !line.hasPrefix("#") { inRequirements = line.hasPrefix("requirements:") }
                if inRequirements && line.hasPrefix("  - id: ") {
                    ids.append(String(line.dropFirst("  - id: ".count)).trimmingCharacters(in: .whitespaces))
                }
            }
        }
        return ids
    }()

    @Test("both simulators are described with their harness roles and every fault")
    func descriptions() {
        #expect(HL7Simulators.monitor.name == "hl7-monitor")
        #expect(HL7Simulators.monitor.harnessRole == "receiver")
        #expect(HL7Simulators.gateway.name == "hl7-gateway")
        #expect(HL7Simulators.gateway.harnessRole == "sender")
        #expect(HL7Simulators.monitor.faults.map(\.name) == HL7MonitorFault.allCases.map(\.name))
        #expect(HL7Simulators.gateway.faults.map(\.name) == HL7GatewayFault.allCases.map(\.name))
        #expect(HL7Simulators.descriptions.map(\.name) == ["hl7-monitor", "hl7-gateway"])
    }

    @Test("every requirement a fault claims to break exists in Specs/")
    func breaksExist() throws {
        try #require(Self.requirementIDs.count > 30, "Specs/ not found beside the tests")
        for simulator in HL7Simulators.descriptions {
            for fault in simulator.faults {
                #expect(!fault.breaks.isEmpty, "\(fault.name)")
                #expect(Set(fault.breaks).count == fault.breaks.count, "\(fault.name) lists a requirement twice")
                for id in fault.breaks {
                    #expect(Self.requirementIDs.contains(id), "\(simulator.name)/\(fault.name): unknown requirement \(id)")
                }
            }
        }
    }

    @Test("every requirement of the three specs is broken by some fault")
    func everyRequirementBroken() throws {
        try #require(!Self.requirementIDs.isEmpty)
        let broken = Set(HL7Simulators.descriptions.flatMap { $0.faults.flatMap(\.breaks) })
        for id in Self.requirementIDs {
            #expect(broken.contains(id), "no fault breaks \(id)")
        }
    }
}
