import Foundation
import Testing

@testable import PHD11073

/// The Swift standard configurations, `Specs/phd/standard-configurations.yaml`,
/// `Specs/terminology/mdc.yaml` and antidote's vectors say the same. PHD11073 reads no YAML,
/// so the files are read here line by line, in the one form they are written in.
@Suite("PHD simulators: standard configurations")
struct PHDStandardConfigurationTests {
    static let specs: URL? = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            let candidate = url.appendingPathComponent("Specs/phd/standard-configurations.yaml")
            if FileManager.default.fileExists(atPath: candidate.path) { return url.appendingPathComponent("Specs") }
            url = url.deletingLastPathComponent()
        }
        return nil
    }()

    static func lines(_ path: String) throws -> [String] {
        let directory = try #require(specs, "no Specs folder above the tests")
        let text = try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// One object as the YAML writes it.
    static func row(_ object: PHDStandardObject) -> String {
        var text = "- {handle: \(object.handle), class: \(object.objectClass), type: \(object.type.refid), unit: \(object.unit.refid)"
        if !object.components.isEmpty { text += ", components: [" + object.components.map(\.refid).joined(separator: ", ") + "]" }
        text += ", value-map: [" + object.valueMap.map { "{attribute: \(PHDCode.attributeName($0.attribute)), length: \($0.length)}" }.joined(separator: ", ") + "]}"
        return text
    }

    @Test("the YAML rows are the Swift constants")
    func yamlAgrees() throws {
        var configurations: [(id: Int, specialization: Int, objects: [String])] = []
        let lines = try Self.lines("phd/standard-configurations.yaml")
        let table = try #require(lines.firstIndex(of: "standard-configurations:"))
        for line in lines[table...] {
            if line.hasPrefix("- id:") {
                let number = line.dropFirst(5).split(separator: "#")[0].trimmingCharacters(in: .whitespaces)
                configurations.append((try #require(Int(number)), 0, []))
            } else if line.hasPrefix("specialization:"), !configurations.isEmpty {
                configurations[configurations.count - 1].specialization = try #require(Int(line.dropFirst(15).trimmingCharacters(in: .whitespaces)))
            } else if line.hasPrefix("- {handle:"), !configurations.isEmpty {
                configurations[configurations.count - 1].objects.append(line)
            }
        }
        #expect(configurations.map(\.id) == PHDSpecialization.allCases.map { Int($0.devConfigID) })
        #expect(configurations.map(\.specialization) == PHDSpecialization.allCases.map(\.partNumber))
        for (configuration, specialization) in zip(configurations, PHDSpecialization.allCases) {
            #expect(configuration.objects == specialization.objects.map(Self.row), "\(specialization)")
        }
        #expect([400, 700, 800, 1500, 1700] == PHDSpecialization.allCases.map { Int($0.devConfigID) }, "standards.md §2")
        // What the rows leave to the comments: metric-spec-small and metric-struct-small.
        for specialization in PHDSpecialization.allCases {
            #expect(specialization.objects.allSatisfy { $0.metricSpecSmall == (specialization == .pulseOximeter ? 0x4040 : 0xF040) })
            #expect(specialization.objects.map { $0.metricStructSmall } == specialization.objects.map { $0.components.isEmpty ? nil : 0x0303 })
        }
    }

    @Test("every term the simulators write has its mdc.yaml code")
    func termsAgreeWithMDC() throws {
        var terms: [String: Int] = [:]
        for line in try Self.lines("terminology/mdc.yaml") where line.hasPrefix("- {refid: ") {
            let fields = line.dropFirst(3).dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let refid = fields.first { $0.hasPrefix("refid: ") }.map { String($0.dropFirst(7)) }
            let term = fields.first { $0.hasPrefix("term: ") }.flatMap { Int($0.dropFirst(6)) }
            if let refid, let term { terms[refid] = term }
        }
        var used: [PHDTerm] = [.dimKiloG, .dimPercent]
        for specialization in PHDSpecialization.allCases {
            used.append(specialization.profile)
            for object in specialization.objects { used += [object.type, object.unit] + object.components }
        }
        for term in used {
            #expect(terms[term.refid] == Int(term.code), "\(term.refid)")
        }
    }

    @Test("the scale and blood-pressure objects match antidote's configuration-report vectors", .enabled(if: PHDVectors.isAvailable))
    func vectorsAgree() throws {
        func objects(_ file: String) throws -> [ConfigObject] {
            guard case .presentation(let data) = try APDU.decode(try #require(PHDVectors.bytes(file))),
                  case .eventReport(let argument, _) = data.message, case .config(let report) = argument.info else {
                Issue.record("\(file) is no configuration report"); return []
            }
            return report.objects
        }
        let scale = try objects("weighing_scale__std_config_05DC.hex")
        #expect(scale == PHDSpecialization.weighingScale.objects.map { $0.configObject(unit: $0.unit) })
        // The vector lists the unit before the physio list, antidote's 0x02BC function after it;
        // attribute order carries no meaning, so the attributes are compared by ID.
        func byID(_ objects: [ConfigObject]) -> [[AttributeValue]] { objects.map { $0.attributes.sorted { $0.id < $1.id } } }
        let pressure = try objects("blood_pressure__roiv_mdc_noti_config.hex")
        #expect(pressure.prefix(2).map(\.handle) == [1, 2])
        #expect(byID(Array(pressure.prefix(2))) == byID(PHDSpecialization.bloodPressure.objects.map { $0.configObject(unit: $0.unit) }))
    }

    @Test("observations have the length their value map gives, and read back")
    func observationLayout() throws {
        for specialization in PHDSpecialization.allCases {
            let agent = PHDAgentSimulator(specialization: specialization, seed: 5, faults: [])
            let report = try #require(PHDSimulatorTestSupport.scanReports([agent.measurementReport(index: 2, invokeID: 9)]).first)
            for (observation, object) in zip(report.observations, specialization.objects) {
                #expect(observation.value.count == object.observationLength)
                #expect(object.decodeObservation(observation.value)?.numbers.count == object.valueCount)
                #expect(object.decodeObservation(observation.value + [0]) == nil)
            }
        }
    }
}

/// The simulator descriptions the registry and the fault-coverage test read.
@Suite("PHD simulators: descriptions")
struct PHDSimulatorDescriptionTests {
    @Test("five agents tested as the manager and one manager tested as the agent")
    func names() {
        #expect(PHDSimulators.descriptions.map(\.name) == [
            "phd-pulse-oximeter", "phd-blood-pressure", "phd-thermometer", "phd-weighing-scale", "phd-glucose-meter", "phd-manager",
        ])
        #expect(PHDSimulators.descriptions.map(\.harnessRole) == ["manager", "manager", "manager", "manager", "manager", "agent"])
        for specialization in PHDSpecialization.allCases {
            #expect(PHDSimulators.agent(named: PHDSimulators.agentName(specialization)) == specialization)
        }
        #expect(PHDSimulators.agent(named: "phd-manager") == nil)
        #expect(PHDSimulators.agent(named: "hl7-monitor") == nil)
    }

    @Test("every fault has a summary and breaks requirements; agent IDs carry their specialization")
    func faults() throws {
        for (description, specialization) in zip(PHDSimulators.descriptions, PHDSpecialization.allCases) {
            #expect(description.faults.map(\.name) == PHDAgentFault.allCases.map(\.rawValue))
            let prefix = "P\(specialization.partNumber)-"
            let byName = Dictionary(uniqueKeysWithValues: description.faults.map { ($0.name, $0.breaks) })
            #expect(byName["wrong-config-id"] == [prefix + "CONFIG-ID"])
            #expect(byName["missing-unit"] == ["PHD-CONFIG-ATTRIBUTES", prefix + "UNITS"])
            #expect(byName["wrong-unit"] == [prefix + "UNITS"])
            #expect(byName["out-of-range"] == [prefix + "RANGES"])
            #expect(byName["length-lie"] == ["PHD-APDU-WELLFORMED"])
            let ids = description.faults.flatMap(\.breaks)
            #expect(ids.allSatisfy { $0.hasPrefix("PHD-") || $0.hasPrefix(prefix) })
            // Every fault breaks requirements, except the fuzz-only ones, which say what sets them off instead.
            #expect(description.faults.allSatisfy { !$0.summary.isEmpty && ($0.isFuzzOnly ? $0.breaks.isEmpty : !$0.breaks.isEmpty) })
            #expect(description.faults.filter(\.isFuzzOnly).map(\.name) == ["crash-on-proto-info-length", "hang-on-unknown-event-result"])
        }
        let manager = try #require(PHDSimulators.descriptions.last)
        #expect(manager.faults.filter(\.isFuzzOnly).map(\.name) == ["crash-on-empty-object-count", "hang-on-long-attribute"])
        #expect(manager.faults.filter { !$0.isFuzzOnly }.map(\.name) == ["reject-association", "wrong-system-type", "no-config-response", "wrong-invoke-id", "no-release-response", "stuck-after-abort",
                                                "wrong-config-invoke-id", "malformed-ack", "stray-answer"])
        #expect(manager.faults.filter { !$0.isFuzzOnly }.map(\.breaks) == [["PHD-AARE-RESULT"], ["PHD-AARE-PROTOCOL"], ["PHD-CONFIG-RESPONSE"], ["PHD-EVENT-ACK"], ["PHD-RELEASE"], ["PHD-ABORT-RECOVERY"],
                                                  ["PHD-INVOKE-ID"], ["PHD-APDU-WELLFORMED", "PHD-EVENT-ACK"], ["PHD-STATE"]])
    }

    @Test("fault names round-trip; an unknown name gives no simulator")
    func faultNames() {
        #expect(PHDAgentSimulator(specialization: .thermometer, seed: 1, faultNames: ["length-lie", "no-mder"])?.faults == [.lengthLie, .noMDER])
        #expect(PHDAgentSimulator(specialization: .thermometer, seed: 1, faultNames: ["no-such-fault"]) == nil)
        #expect(PHDManagerSimulator(seed: 1, faultNames: ["stuck-after-abort"])?.faults == [.stuckAfterAbort])
        #expect(PHDManagerSimulator(seed: 1, faultNames: ["wrong-unit"]) == nil)
    }
}
