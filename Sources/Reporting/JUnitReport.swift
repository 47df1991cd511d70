import MedConformCore

/// The run as JUnit XML in the portable dialect (runners-junit.md §2.8), written through
/// libxml2's `xmlTextWriter` and valid against the `junit-10.xsd` that Jenkins' xUnit plugin
/// enforces.
///
/// ```
/// testsuites name tests failures errors time
/// └─ testsuite name tests failures errors skipped time timestamp hostname   (one per suite)
///    ├─ properties (always ≥ 1 property: harness, run, profile, device, specs, tc.<id>.requirements…)
///    ├─ testcase name=<check id> classname=<profile id>.<suite id> time
///    │  ├─ failure | error (message, type) | skipped (message)   for anything but pass
///    │  └─ system-out   [[ATTACHMENT|…]], [[PROPERTY|requirements=…]], verdict, transcript lines
///    └─ system-out      the suite's harness log, when there is one
/// ```
/// `fail` becomes `failure`, `error` becomes `error`, and `skipped`, `inconclusive` and
/// `not-applicable` become `skipped` whose message says which. Every string goes through
/// ``Sanitizer`` first; device bytes appear only as hex excerpts. Times have exactly three
/// decimals; timestamps are zone-less UTC seconds.
public enum JUnitReport {
    /// The JUnit document for `run`, with attachment paths relative to the report directory.
    ///
    /// - Throws: ``ReportingError/xmlWriter(step:)`` when libxml2 refuses a step.
    public static func render(_ run: RunResult) throws -> [UInt8] {
        try render(run, attachmentRoot: "")
    }

    /// The JUnit document for `run`, with `attachmentRoot` (made safe, `/`-separated) put in
    /// front of each attachment path: CI tools resolve `[[ATTACHMENT|…]]` against their
    /// workspace, which may not be the report directory.
    ///
    /// - Throws: ``ReportingError/xmlWriter(step:)`` when libxml2 refuses a step.
    public static func render(_ run: RunResult, attachmentRoot: String) throws -> [UInt8] {
        let plan = AttachmentPlan(run: run)
        let root = SafeFileName.relativePath(attachmentRoot)
        let writer = try XMLWriter()
        try writer.startDocument()
        try writer.startElement("testsuites")
        let checks = run.allChecks
        try writer.attribute("name", nonEmpty(Sanitizer.line(run.profile.id, limit: 1000), or: "medconform"))
        try writer.attribute("tests", String(checks.count))
        try writer.attribute("failures", String(checks.count { $0.outcome == .fail }))
        try writer.attribute("errors", String(checks.count { $0.outcome == .error }))
        try writer.attribute("time", ReportTime.seconds(nanoseconds: run.durationNanoseconds))
        if run.suites.isEmpty {
            try writeEmptySuite(run, writer)
        }
        for (suiteIndex, suite) in run.suites.enumerated() {
            try writeSuite(suite, index: suiteIndex, run: run, writer: writer) { checkIndex in
                plan.path(suite: suiteIndex, check: checkIndex).map { root.isEmpty ? $0 : root + "/" + $0 }
            }
        }
        try writer.endElement()
        return try writer.finish()
    }

    /// A run without suites still names its profile and carries its properties, so a CI
    /// job sees that the run happened and what it was.
    private static func writeEmptySuite(_ run: RunResult, _ writer: XMLWriter) throws(ReportingError) {
        try writer.startElement("testsuite")
        try writeSuiteAttributes(name: nonEmpty(Sanitizer.line(run.profile.id, limit: 1000), or: "medconform"),
                                 checks: [], durationNanoseconds: run.durationNanoseconds, offsetNanoseconds: 0,
                                 run: run, writer: writer)
        try writeProperties(JUnitText.properties(run: run, suite: nil), writer)
        try writer.endElement()
    }

    private static func writeSuite(_ suite: SuiteResult, index: Int, run: RunResult, writer: XMLWriter,
                                   attachment: (Int) -> String?) throws(ReportingError) {
        try writer.startElement("testsuite")
        let name = nonEmpty(Sanitizer.line(suite.id, limit: 1000), or: "suite-\(index + 1)")
        try writeSuiteAttributes(name: name, checks: suite.checks, durationNanoseconds: suite.durationNanoseconds,
                                 offsetNanoseconds: suite.startedOffsetNanoseconds, run: run, writer: writer)
        try writeProperties(JUnitText.properties(run: run, suite: suite), writer)
        let classname = nonEmpty(Sanitizer.line(run.profile.id, limit: 1000), or: "medconform") + "." + name
        for (checkIndex, check) in suite.checks.enumerated() {
            try writeTestcase(check, index: checkIndex, classname: classname, profilePath: run.profile.path,
                              attachment: attachment(checkIndex), writer: writer)
        }
        if let log = JUnitText.suiteLog(suite) {
            try writer.element("system-out", text: log)
        }
        try writer.endElement()
    }

    private static func writeSuiteAttributes(name: String, checks: [CheckResult], durationNanoseconds: Int64,
                                             offsetNanoseconds: Int64, run: RunResult,
                                             writer: XMLWriter) throws(ReportingError) {
        try writer.attribute("name", name)
        try writer.attribute("tests", String(checks.count))
        try writer.attribute("failures", String(checks.count { $0.outcome == .fail }))
        try writer.attribute("errors", String(checks.count { $0.outcome == .error }))
        try writer.attribute("skipped", String(checks.count { isSkipped($0.outcome) }))
        try writer.attribute("time", ReportTime.seconds(nanoseconds: durationNanoseconds))
        // A start the runner did not write in its documented form gives no timestamp rather
        // than one consumers would misread; `run.started` keeps the original in the properties.
        if let timestamp = ReportTime.junitTimestamp(started: run.started, offsetNanoseconds: offsetNanoseconds) {
            try writer.attribute("timestamp", timestamp)
        }
        try writer.attribute("hostname", nonEmpty(Sanitizer.line(run.hostname, limit: 255), or: "unknown"))
    }

    private static func writeProperties(_ properties: [(String, String)], _ writer: XMLWriter) throws(ReportingError) {
        try writer.startElement("properties")
        for (name, value) in properties {
            try writer.element("property", attributes: [("name", name), ("value", value)])
        }
        try writer.endElement()
    }

    private static func writeTestcase(_ check: CheckResult, index: Int, classname: String, profilePath: String,
                                      attachment: String?, writer: XMLWriter) throws(ReportingError) {
        try writer.startElement("testcase")
        try writer.attribute("name", nonEmpty(Sanitizer.line(check.id, limit: 1000), or: "check-\(index + 1)"))
        try writer.attribute("classname", classname)
        try writer.attribute("time", ReportTime.seconds(nanoseconds: check.durationNanoseconds))
        let message = JUnitText.message(check)
        switch check.outcome {
        case .pass:
            break
        case .fail, .error:
            try writer.element(check.outcome == .fail ? "failure" : "error",
                               attributes: [("message", message), ("type", JUnitText.type(check))],
                               text: JUnitText.body(check, profilePath: profilePath, attachment: attachment))
        case .skipped, .inconclusive, .notApplicable:
            try writer.element("skipped", attributes: [("message", message)],
                               text: JUnitText.body(check, profilePath: profilePath, attachment: attachment))
        }
        try writer.element("system-out", text: JUnitText.systemOut(check, attachment: attachment))
        try writer.endElement()
    }

    private static func isSkipped(_ outcome: Outcome) -> Bool {
        outcome == .skipped || outcome == .inconclusive || outcome == .notApplicable
    }

    private static func nonEmpty(_ text: String, or fallback: String) -> String {
        text.isEmpty ? fallback : text
    }
}
