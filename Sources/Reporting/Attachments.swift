import MedConformCore

/// Which checks get a transcript attachment and where it goes, decided once per run so the
/// JUnit `[[ATTACHMENT|…]]` lines and the files ``ReportWriter`` writes always agree.
///
/// A check gets an attachment when it did not pass and its non-passing observations carry
/// transcript bytes. Paths are relative to the report directory:
/// `attachments/<suite>/<check>.txt`, each part made safe by ``SafeFileName`` and unique.
struct AttachmentPlan {
    struct Item {
        var suiteIndex: Int
        var checkIndex: Int
        var relativePath: String
        var entries: [TranscriptEntry]
    }

    static let directory = "attachments"

    private(set) var items: [Item] = []
    private var pathsBySuite: [[String?]] = []

    init(run: RunResult) {
        var suiteNames = UniqueNames()
        for (suiteIndex, suite) in run.suites.enumerated() {
            let suiteDirectory = suiteNames.claim(SafeFileName.component(suite.id))
            var checkNames = UniqueNames()
            var paths: [String?] = []
            for (checkIndex, check) in suite.checks.enumerated() {
                let entries = Self.evidenceTranscript(check)
                guard check.outcome != .pass, !entries.isEmpty else {
                    paths.append(nil)
                    continue
                }
                let name = checkNames.claim(SafeFileName.component(check.id))
                let path = "\(Self.directory)/\(suiteDirectory)/\(name).txt"
                paths.append(path)
                items.append(Item(suiteIndex: suiteIndex, checkIndex: checkIndex, relativePath: path, entries: entries))
            }
            pathsBySuite.append(paths)
        }
    }

    /// The attachment path of check `checkIndex` of suite `suiteIndex`, if it has one.
    func path(suite suiteIndex: Int, check checkIndex: Int) -> String? {
        guard pathsBySuite.indices.contains(suiteIndex), pathsBySuite[suiteIndex].indices.contains(checkIndex) else { return nil }
        return pathsBySuite[suiteIndex][checkIndex]
    }

    /// The transcript entries of the non-passing observations, in order, each once.
    static func evidenceTranscript(_ check: CheckResult) -> [TranscriptEntry] {
        var entries: [TranscriptEntry] = []
        var seen: Set<TranscriptEntry> = [] // membership only; order comes from the observations
        for observation in check.observations where observation.outcome != .pass {
            for entry in observation.evidence.transcript where seen.insert(entry).inserted {
                entries.append(entry)
            }
        }
        return entries
    }

    /// The attachment file: a header naming the run, suite and check, then every entry with
    /// its direction, offset, length and summary, and a complete hex dump.
    static func render(run: RunResult, suite: SuiteResult, check: CheckResult, entries: [TranscriptEntry]) -> [UInt8] {
        var lines: [String] = [
            "medconform transcript of a non-passing check",
            "run: \(Sanitizer.line(run.runID, limit: 500))",
            "profile: \(Sanitizer.line(run.profile.id, limit: 500)) (\(Sanitizer.line(run.profile.path, limit: 1000)))",
            "suite: \(Sanitizer.line(suite.id, limit: 500))",
            "check: \(Sanitizer.line(check.id, limit: 500))",
            "outcome: \(OutcomeText.label(check.outcome))",
            "reason: \(Sanitizer.line(check.reason, limit: 4000))",
            "requirements: \(check.requirements.map { Sanitizer.line($0.description, limit: 500) }.joined(separator: ", "))",
            "",
        ]
        for (number, entry) in entries.enumerated() {
            lines.append("[\(number + 1)] \(TranscriptText.heading(entry))")
            lines.append(HexDump.render(entry.bytes, limit: Int.max))
            lines.append("")
        }
        return Array(lines.joined(separator: "\n").utf8)
    }
}

/// How a transcript entry is named in text reports.
enum TranscriptText {
    /// `device-to-harness +0.120s, 312 bytes: ORU^R01 MC00001`
    static func heading(_ entry: TranscriptEntry) -> String {
        var text = "\(entry.direction.rawValue) \(ReportTime.offset(nanoseconds: entry.offsetNanoseconds)), "
            + "\(entry.bytes.count) byte\(entry.bytes.count == 1 ? "" : "s")"
        if let summary = entry.summary, !summary.isEmpty { text += ": " + Sanitizer.line(summary, limit: 500) }
        return text
    }
}
