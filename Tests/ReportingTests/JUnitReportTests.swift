import MedConformCore
import Testing
@testable import Reporting

@Suite("JUnitReport")
struct JUnitReportTests {
    struct Fixture: Sendable, CustomTestStringConvertible {
        var name: String
        var run: RunResult
        var testDescription: String { name }
        var hasTimestamps: Bool { ReportTime.junitTimestamp(started: run.started) != nil }
    }

    static let fixtures: [Fixture] = [
        Fixture(name: "all outcomes", run: Fixtures.run()),
        Fixture(name: "zero suites", run: Fixtures.zeroSuites()),
        Fixture(name: "partial", run: Fixtures.partialRun()),
        Fixture(name: "empty suite", run: Fixtures.run(suites: [SuiteResult(id: "", title: "", plugin: "hl7v2", checks: [])])),
        Fixture(name: "unparsable start", run: Fixtures.run(started: "yesterday")),
    ]

    @Test(arguments: fixtures)
    func structureAndCountsAgree(_ fixture: Fixture) throws {
        checkJUnitStructure(try JUnitReport.render(fixture.run), timestamps: fixture.hasTimestamps)
    }

    @Test(.enabled(if: schemaAvailable, schemaMissingNote), arguments: fixtures)
    func validatesAgainstJUnit10(_ fixture: Fixture) throws {
        expectValidJUnit(try JUnitReport.render(fixture.run))
    }

    @Test func rendersTheSameBytesEveryTime() throws {
        #expect(try JUnitReport.render(Fixtures.run()) == JUnitReport.render(Fixtures.run()))
    }

    private func testcases(_ run: RunResult = Fixtures.run()) throws -> (XMLElement, [String: XMLElement]) {
        let root = try #require(checkJUnitStructure(try JUnitReport.render(run)))
        var byName: [String: XMLElement] = [:]
        for testcase in try #require(root.children.first).children(named: "testcase") {
            byName[testcase.attribute("name") ?? ""] = testcase
        }
        return (root, byName)
    }

    @Test func outcomesMapToTheDialect() throws {
        let (_, cases) = try testcases()
        let pass = try #require(cases["PCD-OBX-5"])
        #expect(pass.children.map(\.name) == ["system-out"])
        #expect(pass.attribute("classname") == "sim-monitor.pcd01-basic")
        #expect(pass.attribute("time") == "0.003")

        let failure = try #require(cases["NAT-OBX-6"]?.children(named: "failure").first)
        #expect(failure.attribute("type") == "ProtocolViolation")
        #expect(failure.attribute("message") == "message 1 (control ID 'MC00001'): OBX-6 unit is not UCUM")

        let error = try #require(cases["PCD-ACK-1"]?.children(named: "error").first)
        #expect(error.attribute("type") == "ConnectionClosed")

        let inconclusive = try #require(cases["PCD-MSH-9"]?.children(named: "skipped").first)
        #expect(inconclusive.attribute("message") == "inconclusive: no data reached this check")
        let notApplicable = try #require(cases["PCD-OBX-17"]?.children(named: "skipped").first)
        #expect(notApplicable.attribute("message") == "not applicable: the device does not claim the observation-method capability")
        let skipped = try #require(cases["HARNESS-FUZZ"]?.children(named: "skipped").first)
        #expect(skipped.attribute("message") == "skipped: fuzzing not selected in this profile")
    }

    @Test(arguments: [(Outcome.fail, "AssertionFailure", "failure"), (.error, "HarnessError", "error")])
    func defaultTypes(_ outcome: Outcome, _ type: String, _ element: String) throws {
        let check = CheckResult(id: "X-1", title: "x", requirements: [], outcome: outcome, reason: "r", observations: [])
        let (_, cases) = try testcases(Fixtures.run(suites: [SuiteResult(id: "s", title: "", plugin: "p", checks: [check])]))
        #expect(cases["X-1"]?.children(named: element).first?.attribute("type") == type)
    }

    @Test func failureBodyCarriesRequirementsEvidenceExcerptAndLocation() throws {
        let (_, cases) = try testcases()
        let body = try #require(cases["NAT-OBX-6"]?.children(named: "failure").first).text
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "message 1 (control ID 'MC00001'): OBX-6 unit is not UCUM")
        #expect(lines.contains("  national/example-overlay:NAT-OBX-6 (example, shall; extends ihe-pcd-01, tightens PCD-OBX-5)"))
        #expect(lines.contains("  ihe-pcd-01:PCD-OBX-5 (normative, shall)"))
        #expect(lines.contains("  - fail: message 1 (control ID 'MC00001'): OBX-6 unit is not UCUM [ProtocolViolation]"))
        #expect(lines.contains("      expected: a UCUM unit"))
        #expect(lines.contains("      actual: 262688^MDC_DIM_PERCENT^MDC"))
        #expect(lines.contains("      device-to-harness +0.120s, \(Fixtures.message.count) bytes: ORU^R01 MC00001"))
        #expect(lines.contains("        0000: 0b 4d 53 48 7c 5e 7e 5c  26 7c 53 49 4d 2d 4d 4f  |.MSH|^~\\&|SIM-MO|"))
        let hexLines = lines.filter { $0.hasPrefix("        00") }
        #expect(hexLines.count == 4, "at most 64 bytes")
        #expect(lines.contains("        … \(Fixtures.message.count - 64) more bytes"))
        #expect(lines.contains("transcript: attachments/pcd01-basic/NAT-OBX-6.txt"))
        #expect(lines.last == "at profiles/sim-monitor.yaml")
        #expect(!body.contains("OBX-5 is numeric"), "passing observations stay out of the body")
    }

    @Test func systemOutStartsWithAttachmentThenRequirements() throws {
        let (_, cases) = try testcases()
        let failing = try #require(cases["NAT-OBX-6"]?.children(named: "system-out").first).text
        let lines = failing.split(separator: "\n").map(String.init)
        #expect(lines.first == "[[ATTACHMENT|attachments/pcd01-basic/NAT-OBX-6.txt]]")
        #expect(lines.dropFirst().first == "[[PROPERTY|requirements=national/example-overlay:NAT-OBX-6,ihe-pcd-01:PCD-OBX-5]]")
        #expect(lines.contains("  device-to-harness +0.120s, \(Fixtures.message.count) bytes: ORU^R01 MC00001"))

        let passing = try #require(cases["PCD-OBX-5"]?.children(named: "system-out").first).text
        #expect(passing.hasPrefix("[[PROPERTY|requirements=ihe-pcd-01:PCD-OBX-5]]\nOBX-5 carries the value\npass: 1 of 1 observation conform"))
        let noData = try #require(cases["PCD-MSH-9"]?.children(named: "system-out").first).text
        #expect(!noData.contains("[[ATTACHMENT"), "no transcript, no attachment")
    }

    @Test func attachmentRootIsPrefixedAndMadeSafe() throws {
        let xml = String(decoding: try JUnitReport.render(Fixtures.run(), attachmentRoot: "../reports/run 1/"), as: UTF8.self)
        #expect(xml.contains("[[ATTACHMENT|_./reports/run_1/attachments/pcd01-basic/NAT-OBX-6.txt]]"))
    }

    @Test func propertiesNameToolRunProfileDeviceSpecsAndRequirements() throws {
        let (root, _) = try testcases()
        let suite = try #require(root.children.first)
        let properties = try #require(suite.children(named: "properties").first).children
        let pairs = properties.map { ($0.attribute("name") ?? "", $0.attribute("value") ?? "") }
        func value(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }
        #expect(value("harness.name") == "medconform")
        #expect(value("harness.version") == MedConform.version)
        #expect(value("run.id") == "20260101T120000Z-0001")
        #expect(value("run.started") == "2026-01-01T12:00:00.500Z")
        #expect(value("profile.path") == "profiles/sim-monitor.yaml")
        #expect(value("profile.sha256") == String(repeating: "0f", count: 32))
        #expect(value("device.manufacturer") == "Example Devices")
        #expect(value("device.model") == "SIM-MON-1")
        #expect(value("device.firmware") == "1.2.3")
        #expect(value("device.serial") == "SN-0001")
        #expect(value("spec.ihe-pcd-01.sha256") == String(repeating: "ab", count: 32))
        #expect(value("spec.ihe-pcd-01.extends") == nil)
        #expect(value("spec.national/example-overlay.extends") == "ihe-pcd-01")
        #expect(value("spec.national/example-overlay.status") == "example")
        #expect(value("run.seed") == "42")
        #expect(value("seed") == "42")
        #expect(value("suite.plugin") == "hl7v2")
        #expect(value("tc.NAT-OBX-6.requirements") == "national/example-overlay:NAT-OBX-6,ihe-pcd-01:PCD-OBX-5")
        #expect(value("tc.PCD-OBX-17.requirements") == nil, "a check without requirements gets no list")
        #expect(value("partial") == nil)
        // Optional device fields are left out, not written empty.
        var bare = Fixtures.run()
        bare.profile.device.firmware = nil
        bare.profile.device.serial = nil
        let bareXML = String(decoding: try JUnitReport.render(bare), as: UTF8.self)
        #expect(!bareXML.contains("device.firmware") && !bareXML.contains("device.serial"))
    }

    @Test func timesAndTimestamps() throws {
        let (root, _) = try testcases()
        #expect(root.attribute("time") == "2.012")
        #expect(root.children.map { $0.attribute("time") } == ["1.234", "0.040"])
        #expect(root.children.map { $0.attribute("timestamp") } == ["2026-01-01T12:00:00", "2026-01-01T12:00:02"])
        #expect(root.children.map { $0.attribute("hostname") } == ["ci-runner-01", "ci-runner-01"])
    }

    @Test func partialRunIsMarked() throws {
        let root = try #require(checkJUnitStructure(try JUnitReport.render(Fixtures.partialRun())))
        let properties = root.children.first?.children(named: "properties").first?.children ?? []
        #expect(properties.contains { $0.attribute("name") == "partial" && $0.attribute("value") == "true" })
        #expect(properties.contains { $0.attribute("name") == "partial.reason" && $0.attribute("value") == "SIGINT" })
    }

    @Test func zeroSuitesGiveOneNamedEmptySuite() throws {
        let root = try #require(checkJUnitStructure(try JUnitReport.render(Fixtures.zeroSuites())))
        #expect(root.children.count == 1)
        let suite = try #require(root.children.first)
        #expect(suite.attribute("name") == "sim-monitor")
        #expect(suite.attribute("tests") == "0")
        #expect(suite.children.map(\.name) == ["properties"])
        #expect(root.attribute("tests") == "0")
    }

    @Test func suiteLogGoesToSuiteSystemOut() throws {
        let (root, _) = try testcases()
        let suiteOut = try #require(root.children.first?.children.last)
        #expect(suiteOut.name == "system-out")
        #expect(suiteOut.text == "connected to 127.0.0.1:2575\nconnection closed by peer after 1 message")
    }

    @Test func manyObservationsAreSummarised() throws {
        let observations = (1...30).map { Observation(.fail, subject: "message \($0)", reason: "bad") }
        let check = CheckResult.judged(id: "MANY", title: "", requirements: [], observations: observations)
        let (_, cases) = try testcases(Fixtures.run(suites: [SuiteResult(id: "s", title: "", plugin: "p", checks: [check])]))
        let body = try #require(cases["MANY"]?.children(named: "failure").first).text
        #expect(body.contains("observations not passing: 30 of 30"))
        #expect(body.contains("  … 10 more (see result.json)"))
        #expect(!body.contains("message 21:"))
    }
}
