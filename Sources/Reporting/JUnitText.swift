import MedConformCore

/// The texts of a JUnit testcase: its one-line message, the body of its failure, error or
/// skipped element, and its `system-out`. Every piece is sanitised here, and text a device
/// may have influenced is kept to one line per piece, so it cannot forge structure (a fake
/// `at …` line, a fake `[[ATTACHMENT|…]]` marker at the start of a line).
enum JUnitText {
    static let messageLimit = 500
    static let shownObservations = 20
    static let excerptBytes = 64
    static let shownTranscriptLines = 10

    /// One line of at most 500 characters: the check's reason, prefixed for the outcomes that
    /// JUnit folds into `skipped` so a reader sees which one it was.
    static func message(_ check: CheckResult) -> String {
        let reason = check.reason.isEmpty ? "no reason given" : check.reason
        let text: String
        switch check.outcome {
        case .pass, .fail, .error: text = reason
        case .skipped, .inconclusive, .notApplicable: text = "\(OutcomeText.label(check.outcome)): \(reason)"
        }
        return defused(Sanitizer.line(text, limit: messageLimit))
    }

    /// The JUnit `type` of a failure or error: the problem kind, or the dialect's default.
    static func type(_ check: CheckResult) -> String {
        let kind = Sanitizer.line(check.kind?.rawValue ?? "", limit: 200)
        if !kind.isEmpty { return kind }
        return check.outcome == .fail ? "AssertionFailure" : "HarnessError"
    }

    /// Message, requirement references, non-passing observations with evidence and a short
    /// hex excerpt, the attachment, and where the check was defined.
    static func body(_ check: CheckResult, profilePath: String, attachment: String?) -> String {
        var lines = [message(check)]
        if !check.requirements.isEmpty {
            lines.append("requirements:")
            lines += check.requirements.map { "  " + OutcomeText.requirement($0) }
        }
        let notPassing = check.observations.filter { $0.outcome != .pass }
        if !notPassing.isEmpty {
            lines.append("observations not passing: \(notPassing.count) of \(check.observations.count)")
            for observation in notPassing.prefix(shownObservations) {
                lines += observationLines(observation)
            }
            if notPassing.count > shownObservations {
                lines.append("  … \(notPassing.count - shownObservations) more (see result.json)")
            }
        }
        if let attachment { lines.append("transcript: \(attachment)") }
        lines.append("at " + Sanitizer.line(profilePath, limit: 1000))
        return lines.map(defused).joined(separator: "\n")
    }

    private static func observationLines(_ observation: Observation) -> [String] {
        var head = "  - \(OutcomeText.label(observation.outcome)): \(Sanitizer.line(observation.subject, limit: 500)): "
            + Sanitizer.line(observation.reason, limit: 2000)
        if let kind = observation.kind { head += " [\(Sanitizer.line(kind.rawValue, limit: 200))]" }
        var lines = [head]
        for item in observation.evidence.items {
            lines.append("      \(Sanitizer.line(item.name, limit: 200)): \(Sanitizer.line(item.value, limit: 2000))")
        }
        if let first = observation.evidence.transcript.first {
            lines.append("      " + TranscriptText.heading(first))
            let excerpt = HexDump.render(first.bytes, limit: excerptBytes)
            if !excerpt.isEmpty {
                lines += excerpt.split(separator: "\n").map { "        " + $0 }
            }
        }
        return lines
    }

    /// `[[ATTACHMENT|…]]` first (Jenkins trims long output from the middle, GitLab reads the
    /// first marker), then `[[PROPERTY|requirements=…]]`, then the title, the verdict and an
    /// excerpt of the transcript the verdict rests on.
    static func systemOut(_ check: CheckResult, attachment: String?) -> String {
        var lines: [String] = []
        if let attachment { lines.append("[[ATTACHMENT|\(attachment)]]") }
        if !check.requirements.isEmpty {
            lines.append("[[PROPERTY|requirements=\(OutcomeText.requirementList(check.requirements))]]")
        }
        if !check.title.isEmpty { lines.append(defused(Sanitizer.line(check.title, limit: 500))) }
        lines.append(defused("\(OutcomeText.label(check.outcome)): \(Sanitizer.line(check.reason, limit: messageLimit))"))
        let transcript = check.outcome == .pass
            ? check.observations.flatMap(\.evidence.transcript)
            : AttachmentPlan.evidenceTranscript(check)
        for entry in transcript.prefix(shownTranscriptLines) {
            lines.append(defused("  " + TranscriptText.heading(entry)))
        }
        if transcript.count > shownTranscriptLines {
            lines.append("  … \(transcript.count - shownTranscriptLines) more transcript entries")
        }
        return lines.joined(separator: "\n")
    }

    static let shownLogLines = 200

    /// Breaks up `[[` in text that did not come from this module, so a device or profile
    /// cannot plant an `[[ATTACHMENT|…]]` or `[[PROPERTY|…]]` marker: Jenkins and GitLab look
    /// for them anywhere in `system-out`, and an attachment path is resolved on the CI host.
    /// Applied to messages and bodies too, so no reader that scans more text is fooled.
    static func defused(_ text: String) -> String {
        guard text.contains("[[") else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "[", out.last == "[" { out.append(" ") }
            out.append(scalar)
        }
        return String(out)
    }

    /// The suite's harness log, at most 200 lines, for the suite-level `system-out`.
    static func suiteLog(_ suite: SuiteResult) -> String? {
        guard !suite.log.isEmpty else { return nil }
        var lines = suite.log.prefix(shownLogLines).map { defused(Sanitizer.line($0, limit: 1000)) }
        if suite.log.count > shownLogLines {
            lines.append("… \(suite.log.count - shownLogLines) more log lines (see result.json)")
        }
        return lines.joined(separator: "\n")
    }

    /// The testsuite's properties, in a fixed order: harness, run, profile, device, specs,
    /// run properties, partial marker, suite, suite properties, then requirements per testcase.
    static func properties(run: RunResult, suite: SuiteResult?) -> [(String, String)] {
        var list: [(String, String)] = [
            ("harness.name", run.tool.name),
            ("harness.version", run.tool.version),
            ("run.id", run.runID),
            ("run.started", run.started),
            ("run.hostname", run.hostname),
            ("profile.id", run.profile.id),
            ("profile.path", run.profile.path),
            ("profile.sha256", run.profile.sha256),
            ("device.manufacturer", run.profile.device.manufacturer),
            ("device.model", run.profile.device.model),
        ]
        if let firmware = run.profile.device.firmware { list.append(("device.firmware", firmware)) }
        if let serial = run.profile.device.serial { list.append(("device.serial", serial)) }
        if !run.profile.capabilities.isEmpty {
            list.append(("device.capabilities", run.profile.capabilities.joined(separator: ",")))
        }
        for spec in run.specs {
            if let version = spec.version { list.append(("spec.\(spec.id).version", version)) }
            list.append(("spec.\(spec.id).status", spec.status.rawValue))
            list.append(("spec.\(spec.id).sha256", spec.sha256))
            if let base = spec.extends { list.append(("spec.\(spec.id).extends", base)) }
        }
        list += run.properties.map { ($0.name, $0.value) }
        if run.partial {
            list.append(("partial", "true"))
            if let reason = run.interruption { list.append(("partial.reason", reason)) }
        }
        if let suite {
            list.append(("suite.id", suite.id))
            list.append(("suite.plugin", suite.plugin))
            if !suite.title.isEmpty { list.append(("suite.title", suite.title)) }
            list += suite.properties.map { ($0.name, $0.value) }
            for check in suite.checks where !check.requirements.isEmpty {
                list.append(("tc.\(check.id).requirements", OutcomeText.requirementList(check.requirements)))
            }
        }
        return list.map { (Sanitizer.line($0.0, limit: 1000), Sanitizer.line($0.1, limit: 4000)) }
    }
}
