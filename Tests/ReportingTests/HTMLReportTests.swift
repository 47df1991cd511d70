import MedConformCore
import Testing
@testable import Reporting

@Suite("HTMLReport")
struct HTMLReportTests {
    private func html(_ run: RunResult = Fixtures.run()) -> String {
        String(decoding: HTMLReport.render(run), as: UTF8.self)
    }

    @Test func isOneSelfContainedPage() {
        let page = html()
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(page.contains("<meta charset=\"utf-8\">"))
        #expect(page.contains("<style>"))
        #expect(page.contains("@media print"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("src="))
        #expect(!page.contains("<link"))
        #expect(!page.contains("url("))
        #expect(!page.contains("href=\"http"))
        #expect(page.hasSuffix("</html>\n"))
        #expect(html() == page, "deterministic")
    }

    @Test func headerNamesProfileDeviceSpecsToolAndVerdict() {
        let page = html()
        for expected in ["Conformance report: Synthetic monitor", "Example Devices SIM-MON-1, firmware 1.2.3, serial SN-0001",
                         "20260101T120000Z-0001", "2026-01-01T12:00:00.500Z", "medconform \(MedConform.version)",
                         "profiles/sim-monitor.yaml", String(repeating: "0f", count: 32),
                         "Non-conformance found. Exit status 1 (non-conformance).", "extends ihe-pcd-01",
                         "extended by national/example-overlay", String(repeating: "cd", count: 32)] {
            #expect(page.contains(expected), "missing \(expected)")
        }
        #expect(!page.contains("PARTIAL RUN"))
    }

    @Test func partialRunHasABanner() {
        let page = html(Fixtures.partialRun())
        #expect(page.contains("<div class=\"partial\">PARTIAL RUN: interrupted (SIGINT)."))
        #expect(page.contains("Exit status 130 (interrupted)"))
    }

    @Test func checksShowRequirementsOutcomeAndReason() {
        let page = html()
        #expect(page.contains("<span class=\"outcome fail\">fail</span>"))
        #expect(page.contains("<span class=\"outcome na\">not applicable</span>"))
        #expect(page.contains("<span class=\"outcome inconclusive\">inconclusive</span>"))
        #expect(page.contains("<td>national/example-overlay:NAT-OBX-6, ihe-pcd-01:PCD-OBX-5</td>"))
        #expect(page.contains("<a href=\"#check-1-2\">NAT-OBX-6</a>"))
        #expect(page.contains("id=\"check-1-2\""))
        #expect(page.contains("message 1 (control ID &#39;MC00001&#39;): OBX-6 unit is not UCUM"))
    }

    @Test func detailsShowEvidenceAndHexDump() {
        let page = html()
        #expect(page.contains("<th>expected</th><td>a UCUM unit</td>"))
        #expect(page.contains("0000: 0b 4d 53 48 7c 5e 7e 5c  26 7c 53 49 4d 2d 4d 4f  |.MSH|^~\\&amp;|SIM-MO|"))
        #expect(page.contains("1 of 2 observations did not pass; 1 passing observation is not shown."))
        #expect(page.contains("connection closed by peer after 1 message"))
    }

    @Test func hexDumpsAreCappedAt4KiB() {
        let big = TranscriptEntry(direction: .fromDevice, offset: .zero, bytes: Array(repeating: 0x41, count: 5000))
        let check = CheckResult.judged(id: "BIG", title: "", requirements: [],
                                       observations: [Observation(.fail, subject: "s", reason: "r", evidence: Evidence(transcript: [big]))])
        let page = html(Fixtures.run(suites: [SuiteResult(id: "s", title: "", plugin: "p", checks: [check])]))
        #expect(page.contains("… 904 more bytes"))
        #expect(!page.contains("1000: 41"))
    }

    @Test func coverageListsEveryRequirement() {
        let page = html()
        #expect(page.contains("3 of 4 requirements exercised."))
        #expect(page.contains("<td>PCD-OBX-17</td><td>normative</td><td><span class=\"outcome none\">never exercised</span></td>"))
        #expect(page.contains("national/example-overlay (extends ihe-pcd-01)"))
    }

    @Test func zeroSuitesSayNothingWasJudged() {
        let page = html(Fixtures.zeroSuites())
        #expect(page.contains("No suite ran, so nothing was judged."))
        #expect(page.contains("Exit status 3 (no-verdict)"))
    }

    @Test(arguments: [("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\"", "&quot;"), ("'", "&#39;"), ("a", "a")])
    func escapesFiveCharacters(_ raw: String, _ escaped: String) {
        #expect(HTMLWriter.escape(raw) == escaped)
    }
}
