import Foundation
import MedConformApp
import MedConformCore
import Reporting
import Testing

/// The PHD profile that tests each PHD simulator.
private func profile(for simulator: String) -> String {
    Repository.path("Profiles/\(simulator == "phd-manager" ? "phd-manager" : simulator).yaml")
}

/// Every (simulator, fault) pair the IEEE 11073 plugin declares.
private let phdFaults: [(simulator: String, fault: String, breaks: [String])] =
    BuiltInPlugins.registry.plugins.filter { $0.description.id == "phd11073" }.flatMap { plugin in
        plugin.description.simulators.flatMap { simulator in
            simulator.faults.filter { !$0.isFuzzOnly }.map { (simulator.name, $0.name, $0.breaks) }
        }
    }

private let phdSimulators: [String] = BuiltInPlugins.registry.plugins.filter { $0.description.id == "phd11073" }
    .flatMap { $0.description.simulators.map(\.name) }

@Suite("IEEE 11073 profiles against the simulated agents and manager")
struct PHDRunTests {
    @Test(arguments: phdSimulators)
    func faultFreeSimulatorPassesEveryCheck(_ simulator: String) async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (outcome, captured) = await ProfileRun.run(profile(for: simulator), output: folder.path)
        let result = try #require(outcome?.result, "\(captured.standardError)")
        #expect(outcome?.status == .conforms)
        for check in result.allChecks {
            #expect(check.outcome == .pass, "\(simulator): \(check.id) is \(check.outcome.rawValue): \(check.reason)")
        }
        #expect(result.allChecks.count > 5)
        if Repository.hasSchema, let paths = outcome?.reports {
            let xml = try #require(FileManager.default.contents(atPath: paths.junit))
            #expect(XMLSchemaValidation.validate(xml: Array(xml), schemaPath: Repository.junitSchema) == [])
        }
    }

    @Test(arguments: phdFaults.map { "\($0.simulator)/\($0.fault)" })
    func eachFaultFailsTheRequirementsItBreaks(_ name: String) async throws {
        let entry = try #require(phdFaults.first { "\($0.simulator)/\($0.fault)" == name })
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (outcome, captured) = await ProfileRun.run(profile(for: entry.simulator), faults: [entry.fault], output: folder.path)
        let result = try #require(outcome?.result, "\(captured.standardError)")
        #expect(outcome?.status == .nonConformance)
        let failed = Set(result.allChecks.filter { $0.outcome == .fail }.map(\.id))
        #expect(!entry.breaks.isEmpty)
        for requirement in entry.breaks {
            #expect(failed.contains(requirement), "fault \(name) should fail \(requirement); failed: \(failed.sorted())")
        }
        if Repository.hasSchema, let paths = outcome?.reports {
            let xml = try #require(FileManager.default.contents(atPath: paths.junit))
            #expect(XMLSchemaValidation.validate(xml: Array(xml), schemaPath: Repository.junitSchema) == [])
        }
    }

    @Test(arguments: phdSimulators)
    func everyJudgedRequirementFailsAgainstSomeFault(_ simulator: String) async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (outcome, _) = await ProfileRun.run(profile(for: simulator), output: folder.path)
        let result = try #require(outcome?.result)
        let judged = Set(result.allChecks.map(\.id)).subtracting(["session"])
        let broken = Set(phdFaults.filter { $0.simulator == simulator }.flatMap(\.breaks))
        #expect(judged.subtracting(broken).sorted() == [], "\(simulator): requirements no fault can break")
        #expect(broken.subtracting(judged).sorted() == [], "\(simulator): faults claim requirements the profile does not judge")
    }
}

@Suite("IEEE 11073 manager role accepting the standard configuration")
struct PHDAcceptedConfigurationTests {
    @Test(arguments: ["pulse-oximeter", "blood-pressure", "thermometer", "weighing-scale", "glucose-meter"])
    func measurementsAreReadWithTheStandardConfigurationFromTheSpecs(_ name: String) async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let original = try String(contentsOfFile: Repository.path("Profiles/phd-\(name).yaml"), encoding: .utf8)
        let anchor = "    measurements: 3\n"
        #expect(original.contains(anchor), "the profile's suite has moved; the test must set its answer")
        let profile = folder.write("accepted.yaml", original.replacingOccurrences(of: anchor, with: anchor + "    association-answer: accepted\n"))
        let (outcome, captured) = await ProfileRun.run(profile, output: folder.file("out"))
        let result = try #require(outcome?.result, "\(captured.standardError)")
        #expect(outcome?.status == .conforms)
        let checks = result.allChecks
        for check in checks where !["PHD-CONFIG-REPORT", "PHD-CONFIG-ATTRIBUTES"].contains(check.id) {
            #expect(check.outcome == .pass, "\(name): \(check.id) is \(check.outcome.rawValue): \(check.reason)")
        }
        #expect(checks.first { $0.id == "PHD-CONFIG-REPORT" }?.outcome == .notApplicable)
        // The values were read through the standard configuration's value maps.
        let ranges = try #require(checks.first { $0.id.hasSuffix("-RANGES") })
        #expect(ranges.observations.count >= 3, "\(ranges.reason)")
    }
}
