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

    @Test("the fuzz-only faults are described as such, with their triggers and failure classes")
    func fuzzOnlyFaults() {
        let fuzzOnly = HL7Simulators.descriptions.flatMap { simulator in
            simulator.faults.filter(\.isFuzzOnly).map { simulator.name + "/" + $0.name }
        }
        #expect(fuzzOnly == [
            "hl7-monitor/crash-on-ack-escape", "hl7-monitor/hang-on-ack-redeclaration",
            "hl7-gateway/crash-on-hex-escape", "hl7-gateway/hang-on-delimiter-redeclaration",
            "hl7-gateway/garbled-ack-on-long-component", "hl7-gateway/wrong-echo-on-many-repetitions",
            "hl7-gateway/stall-after-oversize",
        ])
        let classes = Dictionary(uniqueKeysWithValues: HL7Simulators.descriptions.flatMap { simulator in
            simulator.faults.compactMap { fault in fault.fuzzOnly.map { (fault.name, $0.failureClasses.first) } }
        })
        #expect(classes["crash-on-hex-escape"] == .reset)
        #expect(classes["hang-on-delimiter-redeclaration"] == .timeout)
        #expect(classes["garbled-ack-on-long-component"] == .malformedAnswer)
        #expect(classes["wrong-echo-on-many-repetitions"] == .wrongAnswer)
        #expect(classes["stall-after-oversize"] == .timeout)
        #expect(classes["crash-on-ack-escape"] == .reset)
        #expect(classes["hang-on-ack-redeclaration"] == .timeout)
        // The crashed gateway stays down; the stalled one fails every later probe.
        #expect(HL7GatewayFault.crashOnHexEscape.fuzzOnly?.failureClasses.contains(.refused) == true)
        #expect(HL7GatewayFault.stallAfterOversize.fuzzOnly?.failureClasses.contains(.probeFailed) == true)
    }

    @Test("every requirement a fault claims to break exists in Specs/")
    func breaksExist() throws {
        try #require(Self.requirementIDs.count > 30, "Specs/ not found beside the tests")
        for simulator in HL7Simulators.descriptions {
            for fault in simulator.faults {
                if let fuzzOnly = fault.fuzzOnly {
                    // Found by fuzzing only: no ordinary requirement, but a trigger and a failure class.
                    #expect(fault.breaks.isEmpty, "\(fault.name)")
                    #expect(!fuzzOnly.trigger.isEmpty, "\(fault.name)")
                    #expect(!fuzzOnly.failureClasses.isEmpty, "\(fault.name)")
                    continue
                }
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
