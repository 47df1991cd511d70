import MedConformCore

/// The human report: one self-contained HTML5 file a certification engineer can read, print
/// and file. Inline CSS only: no scripts, no external resources, no clock.
///
/// In order: the verdict and exit status (and a banner when the run was interrupted); the
/// run, profile, device and tool; the specs with their status and overlay/base relation; a
/// summary of counts per suite; per suite, every check with its requirements, outcome and
/// reason, then the details of each non-passing check (observations, evidence, hex dumps of
/// at most 4 KiB per transcript entry) and the harness log; last, the coverage of each spec.
/// Every string from the run is sanitised (control characters made visible) and escaped.
public enum HTMLReport {
    static let hexLimit = 4096
    static let shownObservations = 50
    static let shownLogLines = 500

    /// The report of `run` as UTF-8 bytes.
    public static func render(_ run: RunResult) -> [UInt8] {
        var page = HTMLWriter()
        page.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        page.element("title", "medconform report: \(run.profile.id) (run \(run.runID))", limit: 300)
        page.raw("\n<style>\n")
        page.raw(HTMLStyle.css)
        page.raw("\n</style>\n</head>\n<body>\n")
        header(run, &page)
        runFacts(run, &page)
        specs(run, &page)
        summary(run, &page)
        for (index, suite) in run.suites.enumerated() {
            suiteSection(suite, index: index, run: run, &page)
        }
        coverage(run, &page)
        page.raw("<footer>")
        page.line("Written by \(run.tool.name) \(run.tool.version) for run \(run.runID). "
            + "The JSON result log (result.json) is the complete record of the run; this report is a view of it.")
        page.raw("</footer>\n</body>\n</html>\n")
        return Array(page.html.utf8)
    }

    private static func header(_ run: RunResult, _ page: inout HTMLWriter) {
        let status = run.exitStatus
        page.raw("<header>\n")
        page.element("h1", "Conformance report: \(run.profile.title.isEmpty ? run.profile.id : run.profile.title)")
        page.raw("\n")
        page.element("p", ["class": "note"],
                     "Device: \(deviceLine(run.profile.device)). Run \(run.runID), started \(run.started) (UTC).")
        page.raw("\n")
        if run.partial {
            page.element("div", ["class": "partial"],
                         "PARTIAL RUN: interrupted\(run.interruption.map { " (\($0))" } ?? ""). "
                             + "The results below are valid but incomplete.")
            page.raw("\n")
        }
        page.element("div", ["class": "verdict \(OutcomeText.name(status))"],
                     "\(OutcomeText.verdict(status)). Exit status \(status.rawValue) (\(OutcomeText.name(status))).")
        page.raw("\n</header>\n")
    }

    private static func deviceLine(_ device: DeviceInfo) -> String {
        var parts = ["\(device.manufacturer) \(device.model)"]
        if let firmware = device.firmware { parts.append("firmware \(firmware)") }
        if let serial = device.serial { parts.append("serial \(serial)") }
        return parts.joined(separator: ", ")
    }

    private static func runFacts(_ run: RunResult, _ page: inout HTMLWriter) {
        page.raw("<h2>Run</h2>\n<table class=\"facts\">\n")
        var facts: [(String, String)] = [
            ("Profile", "\(run.profile.title) (\(run.profile.id))"),
            ("Profile file", run.profile.path),
            ("Profile SHA-256", run.profile.sha256),
            ("Device manufacturer", run.profile.device.manufacturer),
            ("Device model", run.profile.device.model),
        ]
        if let firmware = run.profile.device.firmware { facts.append(("Device firmware", firmware)) }
        if let serial = run.profile.device.serial { facts.append(("Device serial", serial)) }
        if !run.profile.capabilities.isEmpty {
            facts.append(("Device capabilities", run.profile.capabilities.joined(separator: ", ")))
        }
        facts += [
            ("Tool", "\(run.tool.name) \(run.tool.version)"),
            ("Run ID", run.runID),
            ("Started (UTC)", run.started),
            ("Duration", ReportTime.seconds(nanoseconds: run.durationNanoseconds) + " s"),
            ("Host", run.hostname),
            ("Exit status", "\(run.exitStatus.rawValue) (\(OutcomeText.name(run.exitStatus)))"),
        ]
        if run.partial { facts.append(("Partial", "yes: \(run.interruption ?? "interrupted")")) }
        facts += run.properties.map { ($0.name, $0.value) }
        for (name, value) in facts {
            page.raw("<tr>")
            page.element("th", name)
            page.element("td", value)
            page.raw("</tr>\n")
        }
        page.raw("</table>\n")
    }

    private static func specs(_ run: RunResult, _ page: inout HTMLWriter) {
        page.raw("<h2>Specifications</h2>\n")
        guard !run.specs.isEmpty else {
            page.element("p", ["class": "note"], "No specs were selected.")
            page.raw("\n")
            return
        }
        page.raw("<table>\n")
        page.row(["Spec", "Title", "Version", "Status", "Relation", "SHA-256", "File"], header: true)
        for spec in run.specs {
            var relation: [String] = []
            if let base = spec.extends { relation.append("extends \(base)") }
            let overlays = run.specs.filter { $0.extends == spec.id }.map(\.id)
            if !overlays.isEmpty { relation.append("extended by \(overlays.joined(separator: ", "))") }
            page.row([spec.id, spec.title, spec.version ?? "", spec.status.rawValue,
                      relation.isEmpty ? "standalone" : relation.joined(separator: "; "), spec.sha256, spec.path])
        }
        page.raw("</table>\n")
    }

    private static let countedOutcomes: [Outcome] = [.pass, .fail, .error, .skipped, .inconclusive, .notApplicable]

    private static func summary(_ run: RunResult, _ page: inout HTMLWriter) {
        page.raw("<h2>Summary</h2>\n")
        guard !run.suites.isEmpty else {
            page.element("p", ["class": "note"], "No suite ran, so nothing was judged.")
            page.raw("\n")
            return
        }
        page.raw("<table>\n<tr>")
        for heading in ["Suite", "Title", "Plugin", "Checks"] + countedOutcomes.map(OutcomeText.label) + ["Time (s)"] {
            page.element("th", heading)
        }
        page.raw("</tr>\n")
        for (index, suite) in run.suites.enumerated() {
            page.raw("<tr><td>")
            page.open("a", ["href": "#suite-\(index + 1)"])
            page.line(suite.id)
            page.raw("</a></td>")
            page.element("td", suite.title)
            page.element("td", suite.plugin)
            countCells([suite.checks.count] + countedOutcomes.map(suite.count), &page)
            page.element("td", ["class": "number"], ReportTime.seconds(nanoseconds: suite.durationNanoseconds))
            page.raw("</tr>\n")
        }
        let checks = run.allChecks
        page.raw("<tr><th colspan=\"3\">Total</th>")
        countCells([checks.count] + countedOutcomes.map { outcome in checks.count { $0.outcome == outcome } }, &page)
        page.element("td", ["class": "number"], ReportTime.seconds(nanoseconds: run.durationNanoseconds))
        page.raw("</tr>\n</table>\n")
    }

    private static func countCells(_ counts: [Int], _ page: inout HTMLWriter) {
        for count in counts { page.element("td", ["class": "number"], String(count)) }
    }

    private static func suiteSection(_ suite: SuiteResult, index: Int, run: RunResult, _ page: inout HTMLWriter) {
        page.open("section", ["id": "suite-\(index + 1)"])
        page.raw("\n")
        page.element("h2", "Suite \(suite.id)\(suite.title.isEmpty ? "" : ": \(suite.title)")")
        page.raw("\n")
        page.element("p", ["class": "note"],
                     "Plugin \(suite.plugin); started \(ReportTime.offset(nanoseconds: suite.startedOffsetNanoseconds)) "
                         + "after the run began; took \(ReportTime.seconds(nanoseconds: suite.durationNanoseconds)) s; "
                         + "\(suite.transcript.count) transcript entries.")
        page.raw("\n")
        if !suite.properties.isEmpty {
            page.raw("<table class=\"facts\">\n")
            for property in suite.properties {
                page.raw("<tr>")
                page.element("th", property.name)
                page.element("td", property.value)
                page.raw("</tr>\n")
            }
            page.raw("</table>\n")
        }
        if suite.checks.isEmpty {
            page.element("p", ["class": "note"], "This suite has no checks.")
            page.raw("\n")
        } else {
            page.raw("<table>\n")
            page.row(["Check", "Requirements", "Title", "Outcome", "Reason"], header: true)
            for (checkIndex, check) in suite.checks.enumerated() {
                page.raw("<tr><td>")
                if check.outcome == .pass {
                    page.line(check.id)
                } else {
                    page.open("a", ["href": "#check-\(index + 1)-\(checkIndex + 1)"])
                    page.line(check.id)
                    page.raw("</a>")
                }
                page.raw("</td>")
                page.element("td", check.requirements.map(\.description).joined(separator: ", "))
                page.element("td", check.title)
                page.raw("<td>")
                badge(check.outcome, &page)
                page.raw("</td>")
                page.element("td", check.reason)
                page.raw("</tr>\n")
            }
            page.raw("</table>\n")
        }
        if let campaign = suite.fuzz, !campaign.findings.isEmpty {
            findings(campaign, suite: suite, &page)
        }
        for (checkIndex, check) in suite.checks.enumerated() where check.outcome != .pass {
            checkDetails(check, anchor: "check-\(index + 1)-\(checkIndex + 1)", &page)
        }
        if !suite.log.isEmpty {
            page.raw("<h3>Harness log</h3>\n<pre class=\"log\">")
            for line in suite.log.prefix(shownLogLines) {
                page.line(line, limit: 2000)
                page.raw("\n")
            }
            if suite.log.count > shownLogLines {
                page.line("… \(suite.log.count - shownLogLines) more lines (see result.json)")
            }
            page.raw("</pre>\n")
        }
        page.raw("</section>\n")
    }

    /// The confirmed failures of a fuzz campaign: where each was first seen, how it was
    /// confirmed and shrunk, the shrunk anomalies, and the replay file.
    private static func findings(_ campaign: FuzzCampaignRecord, suite: SuiteResult, _ page: inout HTMLWriter) {
        page.element("h3", "Fuzz findings")
        page.raw("\n<table>\n")
        page.row(["Class", "Operator at path", "First case", "Reproduced", "Seen", "Shrunk anomalies", "Replay file"], header: true)
        for finding in campaign.findings {
            let sequence = finding.sequence.map { " after \($0.map(String.init).joined(separator: ", "))" } ?? ""
            let anomalies = finding.shrunkAnomalies.map { "\($0.operatorName) at \($0.path): \($0.change)" }.joined(separator: "; ")
            page.row([finding.failureClass.rawValue, "\(finding.operatorName) at \(finding.path)",
                      "\(finding.address.index) (\(finding.address.tier))\(sequence)", finding.reproduced, String(finding.occurrences),
                      anomalies, ReportWriter.replayPath(suite: suite.id, finding: finding)])
        }
        page.raw("</table>\n")
    }

    private static func badge(_ outcome: Outcome?, _ page: inout HTMLWriter) {
        guard let outcome else {
            page.element("span", ["class": "outcome none"], "never exercised")
            return
        }
        let style = outcome == .notApplicable ? "na" : outcome.rawValue
        page.element("span", ["class": "outcome \(style)"], OutcomeText.label(outcome))
    }

    private static func checkDetails(_ check: CheckResult, anchor: String, _ page: inout HTMLWriter) {
        page.open("section", ["class": "detail \(check.outcome == .notApplicable ? "na" : check.outcome.rawValue)", "id": anchor])
        page.raw("\n<h3>")
        page.line(check.id)
        if !check.title.isEmpty { page.line(": \(check.title)") }
        page.raw(" ")
        badge(check.outcome, &page)
        page.raw("</h3>\n<table class=\"facts\">\n")
        var facts: [(String, String)] = [("Reason", check.reason)]
        if let kind = check.kind { facts.append(("Problem kind", kind.rawValue)) }
        facts += check.requirements.map { ("Requirement", OutcomeText.requirement($0)) }
        facts.append(("Duration", ReportTime.seconds(nanoseconds: check.durationNanoseconds) + " s"))
        for (name, value) in facts {
            page.raw("<tr>")
            page.element("th", name)
            page.element("td", value)
            page.raw("</tr>\n")
        }
        page.raw("</table>\n")
        let notPassing = check.observations.filter { $0.outcome != .pass }
        let passing = check.observations.count - notPassing.count
        if check.observations.isEmpty {
            page.element("p", ["class": "note"], "No observations were recorded for this check.")
            page.raw("\n")
        } else if passing > 0 {
            page.element("p", ["class": "note"],
                         "\(notPassing.count) of \(check.observations.count) observations did not pass; "
                             + "\(passing) passing observation\(passing == 1 ? " is" : "s are") not shown.")
            page.raw("\n")
        }
        for (number, observation) in notPassing.prefix(shownObservations).enumerated() {
            observationDetails(observation, number: number + 1, &page)
        }
        if notPassing.count > shownObservations {
            page.element("p", ["class": "note"],
                         "… \(notPassing.count - shownObservations) more observations (see result.json).")
            page.raw("\n")
        }
        page.raw("</section>\n")
    }

    private static func observationDetails(_ observation: Observation, number: Int, _ page: inout HTMLWriter) {
        page.raw("<h4>")
        page.line("Observation \(number): ")
        badge(observation.outcome, &page)
        page.raw(" ")
        page.line(observation.subject, limit: 2000)
        page.raw("</h4>\n<p>")
        page.line(observation.reason)
        if let kind = observation.kind {
            page.raw(" <code>")
            page.line(kind.rawValue, limit: 200)
            page.raw("</code>")
        }
        page.raw("</p>\n")
        if !observation.evidence.items.isEmpty {
            page.raw("<table class=\"facts\">\n")
            for item in observation.evidence.items {
                page.raw("<tr>")
                page.element("th", item.name, limit: 500)
                page.element("td", item.value)
                page.raw("</tr>\n")
            }
            page.raw("</table>\n")
        }
        for entry in observation.evidence.transcript {
            page.element("p", ["class": "note"], TranscriptText.heading(entry))
            page.raw("\n")
            if !entry.bytes.isEmpty {
                page.raw("<pre class=\"hex\">")
                page.text(HexDump.render(entry.bytes, limit: hexLimit), limit: Int.max)
                page.raw("</pre>\n")
            }
        }
    }

    private static func coverage(_ run: RunResult, _ page: inout HTMLWriter) {
        page.raw("<h2>Coverage</h2>\n")
        guard !run.coverage.isEmpty else {
            page.element("p", ["class": "note"], "No spec with requirements was selected.")
            page.raw("\n")
            return
        }
        for spec in run.coverage {
            page.element("h3", "\(spec.spec)\(spec.base.map { " (extends \($0))" } ?? "")")
            page.raw("\n")
            page.element("p", ["class": "note"],
                         "\(spec.exercised) of \(spec.entries.count) requirements exercised.")
            page.raw("\n<table>\n")
            page.row(["Requirement", "Status", "Outcome", "Suites"], header: true)
            for entry in spec.entries {
                page.raw("<tr>")
                page.element("td", entry.requirement)
                page.element("td", entry.status.rawValue)
                page.raw("<td>")
                badge(entry.outcome, &page)
                page.raw("</td>")
                page.element("td", entry.suites.joined(separator: ", "))
                page.raw("</tr>\n")
            }
            page.raw("</table>\n")
        }
    }
}
