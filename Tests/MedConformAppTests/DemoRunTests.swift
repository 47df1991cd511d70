import Foundation
import MedConformApp
import MedConformCore
import Reporting
import Testing

/// Runs the demo profile in-process against the simulators, as `make demo` does.
private func runDemo(faults: [String] = [], output: TemporaryFolder) async -> (RunCommand.Outcome?, CapturedOutput) {
    await ProfileRun.run(Repository.demoProfile, faults: faults, output: output.path)
}

/// Every (simulator, fault) pair of the HL7 v2 plugin, whose simulators the demo tests (the
/// PHD simulators have their own profiles and tests in PHDRunTests).
private let declaredFaults: [(simulator: String, fault: String, breaks: [String], fuzzOnly: Bool)] =
    BuiltInPlugins.registry.plugins.filter { $0.description.id == "hl7v2" }.flatMap { plugin in
        plugin.description.simulators.flatMap { simulator in
            simulator.faults.map { (simulator.name, $0.name, $0.breaks, $0.isFuzzOnly) }
        }
    }

/// The faults an ordinary profile run finds: each breaks the requirements it lists.
private let allFaults = declaredFaults.filter { !$0.fuzzOnly }

/// The faults only a fuzzer finds: set off by input no ordinary suite sends.
private let fuzzOnlyFaults = declaredFaults.filter(\.fuzzOnly)

@Suite("The demo profile against the reference simulators")
struct DemoRunTests {
    @Test func faultFreeSimulatorsConformAndEveryCheckPasses() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (outcome, captured) = await runDemo(output: folder)
        let result = try #require(outcome?.result, "\(captured.standardError)")
        #expect(outcome?.status == .conforms, "\(captured.standardOutput.joined(separator: "\n"))")
        for suite in result.suites {
            for check in suite.checks {
                #expect(check.outcome == .pass, "\(suite.id)/\(check.id) is \(check.outcome.rawValue): \(check.reason)")
            }
        }
    }

    @Test(arguments: allFaults.map { "\($0.simulator)/\($0.fault)" })
    func eachFaultFailsTheRequirementsItBreaks(_ name: String) async throws {
        let entry = try #require(allFaults.first { "\($0.simulator)/\($0.fault)" == name })
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (outcome, captured) = await runDemo(faults: [entry.fault], output: folder)
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

    // Serialized: the demo's 1 s response limit is the point of the check, and seven demo runs
    // side by side on a small machine can miss it without any fault's doing.
    @Test(.serialized, arguments: fuzzOnlyFaults.map { "\($0.simulator)/\($0.fault)" })
    func eachFuzzOnlyFaultLeavesTheDemoPassing(_ name: String) async throws {
        let entry = try #require(fuzzOnlyFaults.first { "\($0.simulator)/\($0.fault)" == name })
        #expect(entry.breaks.isEmpty)
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (outcome, captured) = await runDemo(faults: [entry.fault], output: folder)
        let result = try #require(outcome?.result, "\(captured.standardError)")
        // The fault was switched on (the run records it), and yet every check passes.
        let recorded = result.suites.flatMap(\.properties).filter { $0.name == "simulator.faults" }.map(\.value)
        #expect(recorded.contains { $0.split(separator: ",").contains(Substring(entry.fault)) }, "\(recorded)")
        #expect(outcome?.status == .conforms, "\(captured.standardOutput.joined(separator: "\n"))")
        #expect(outcome?.status.rawValue == 0)
        for check in result.allChecks {
            #expect(check.outcome == .pass, "\(check.id) is \(check.outcome.rawValue): \(check.reason)")
        }
    }

    @Test func everyCheckedRequirementFailsAgainstSomeFault() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (outcome, _) = await runDemo(output: folder)
        let result = try #require(outcome?.result)
        let judged = Set(result.allChecks.map(\.id)).subtracting(["session"])
        let broken = Set(allFaults.flatMap(\.breaks))
        #expect(judged.subtracting(broken).sorted() == [], "requirements no fault can break")
        #expect(broken.subtracting(judged).sorted() == [], "faults claim requirements the demo does not judge")
    }

    @Test func reportsAreWrittenAndTheJUnitFileValidates() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (outcome, _) = await runDemo(faults: ["control-characters"], output: folder)
        let paths = try #require(outcome?.reports)
        for path in [paths.junit, paths.json, paths.html] {
            #expect(FileManager.default.fileExists(atPath: path), "\(path)")
        }
        let json = try #require(FileManager.default.contents(atPath: paths.json))
        let decoded = try JSONResultLog.decode(Array(json))
        #expect(decoded.suites.count == 2)
        // The hostile text did reach the reporters (it is in the complete record's transcript)…
        let hostile = Array("]]></system-out><failure>".utf8)
        let wire = decoded.suites.flatMap(\.transcript).flatMap(\.bytes)
        #expect(wire.indices.contains { wire[$0...].starts(with: hostile) })
        #expect(decoded.allChecks.first { $0.id == "HL7-CHARSET" }?.outcome == .fail)
        // …and yet the JUnit file holds neither it nor the raw control characters.
        let xml = try #require(FileManager.default.contents(atPath: paths.junit))
        let text = String(decoding: xml, as: UTF8.self)
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("]]></system-out><failure>"))
        if Repository.hasSchema {
            #expect(XMLSchemaValidation.validate(xml: Array(xml), schemaPath: Repository.junitSchema) == [])
        }
    }

    @Test func anInterruptedRunLeavesValidPartialReports() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        // A device that never connects: the run waits in the first suite until it is interrupted.
        let profile = folder.write("waiting.yaml", """
            medconform: 1
            id: waiting
            title: A device that never connects
            specs: [ihe-pcd-01]
            device: {manufacturer: Test, model: Silent}
            target: {listen: "127.0.0.1:0", timeouts: {idle: 60s}}
            suites:
              - {id: first, plugin: hl7v2, role: receiver, messages: 1}
              - {id: second, plugin: hl7v2, role: receiver, messages: 1}
            """)
        let captured = CapturedOutput()
        let options = ProfileRun.options(profile, output: folder.file("out"))
        let plan = try #require(ProfileRun.plan(options, captured), "\(captured.standardError)")
        let task = Task { await RunCommand.execute(plan, options: options, environment: captured.environment()) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let outcome = await task.value
        #expect(outcome.status == .interrupted)
        #expect(outcome.result?.partial == true)
        #expect(outcome.result?.suites.map(\.id) == ["first", "second"])
        #expect(outcome.result?.suites.last?.checks.first?.outcome == .skipped)
        let paths = try #require(outcome.reports)
        if Repository.hasSchema {
            let xml = try #require(FileManager.default.contents(atPath: paths.junit))
            #expect(XMLSchemaValidation.validate(xml: Array(xml), schemaPath: Repository.junitSchema) == [])
        }
    }

    @Test func aSilentDeviceGivesNoVerdictWithinTheTimeout() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let profile = folder.write("silent.yaml", """
            medconform: 1
            id: silent
            title: A device that never connects
            specs: [ihe-pcd-01]
            device: {manufacturer: Test, model: Silent}
            target: {listen: "127.0.0.1:0", timeouts: {idle: 300ms}}
            suites:
              - {id: observations, plugin: hl7v2, role: receiver, messages: 3}
            """)
        let (ran, captured) = await ProfileRun.run(profile, output: folder.file("out"))
        let outcome = try #require(ran, "\(captured.standardError)")
        #expect(outcome.status == .noVerdict)
        let checks = try #require(outcome.result?.allChecks)
        #expect(checks.first { $0.id == "session" }?.outcome == .error)
        #expect(!checks.contains { $0.outcome == .pass })
    }
}
