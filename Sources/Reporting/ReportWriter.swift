import MedConformCore

/// The files one run's reports were written to; every path starts with the directory.
public struct ReportPaths: Sendable, Hashable {
    public var directory: String
    /// `TEST-<run-id>.xml`
    public var junit: String
    /// `result.json`
    public var json: String
    /// `report.html`
    public var html: String
    /// `attachments/<suite>/<check>.txt`, one per non-passing check with transcript bytes.
    public var attachments: [String]

    /// Every file, in the order they were written.
    public var all: [String] { attachments + [json, html, junit] }
}

/// Writes every report of a run into one directory:
///
/// ```
/// <directory>/TEST-<run-id>.xml                    JUnit (portable dialect)
/// <directory>/result.json                          the complete record
/// <directory>/report.html                          the human report
/// <directory>/attachments/<suite>/<check>.txt      hex dumps the JUnit `[[ATTACHMENT|…]]` lines name
/// ```
/// Names made from ids pass through ``SafeFileName``. Each file is written atomically
/// (``AtomicFile``); attachments come first and JUnit last, so a CI job that finds the
/// JUnit file also finds what it points to. Files of earlier runs are left alone.
public struct ReportWriter: Sendable {
    public var directory: String

    /// - Parameter directory: where to write; created with its parents when missing.
    public init(directory: String) {
        self.directory = directory
    }

    /// Writes all reports of `run`.
    ///
    /// - Throws: ``ReportingError`` naming the path that could not be created or written.
    @discardableResult
    public func write(_ run: RunResult) throws -> ReportPaths {
        let base = directory.isEmpty ? "." : directory
        func full(_ relative: String) -> String { base.hasSuffix("/") ? base + relative : base + "/" + relative }
        try AtomicFile.createDirectories(base)

        let plan = AttachmentPlan(run: run)
        var attachments: [String] = []
        for item in plan.items {
            let suite = run.suites[item.suiteIndex]
            let path = full(item.relativePath)
            try AtomicFile.write(AttachmentPlan.render(run: run, suite: suite, check: suite.checks[item.checkIndex],
                                                       entries: item.entries), to: path)
            attachments.append(path)
        }
        for suite in run.suites {
            guard let campaign = suite.fuzz else { continue }
            for finding in campaign.findings {
                let record = FuzzReplayRecord(profilePath: run.profile.path, profileSHA256: run.profile.sha256, profileID: run.profile.id,
                                              suiteID: suite.id, campaign: campaign, finding: finding)
                let path = full(Self.replayPath(suite: suite.id, finding: finding))
                try AtomicFile.createDirectories(String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]))
                try AtomicFile.write(ReplayFile.render(record), to: path)
                attachments.append(path)
            }
        }
        let paths = ReportPaths(directory: base, junit: full(Self.junitFileName(run)), json: full("result.json"),
                                html: full("report.html"), attachments: attachments)
        try AtomicFile.write(JSONResultLog.render(run), to: paths.json)
        try AtomicFile.write(HTMLReport.render(run), to: paths.html)
        try AtomicFile.write(JUnitReport.render(run), to: paths.junit)
        return paths
    }

    /// `fuzz/<suite>/<class>-<signature>.json`: the replay file of one finding.
    public static func replayPath(suite: String, finding: FuzzFinding) -> String {
        "fuzz/\(SafeFileName.component(suite))/\(SafeFileName.component(finding.replayFileName))"
    }

    /// `TEST-<run-id>.xml`, the name Azure's default `**/TEST-*.xml` pattern finds.
    public static func junitFileName(_ run: RunResult) -> String {
        "TEST-\(SafeFileName.component(run.runID)).xml"
    }
}
