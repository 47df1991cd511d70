import MedConformCore

/// Shows progress on a terminal: one line per suite as it starts and a mark per check.
/// Off when standard error is not a terminal, so CI logs hold only the summary.
struct TerminalProgress: RunObserver {
    let write: @Sendable (String) -> Void

    func suiteStarted(_ suite: SuiteDefinition, index: Int, of count: Int) {
        write("[\(index + 1)/\(count)] suite '\(suite.id)'\(suite.title.map { ": \($0)" } ?? "") …")
    }

    func checkFinished(_ check: CheckResult, suite: SuiteDefinition) {
        write("    \(VerdictText.label(check.outcome)) \(check.id)")
    }

    func note(_ text: String) {
        write("    \(text)")
    }
}

/// How outcomes are written in terminal output, in one place.
enum VerdictText {
    static func label(_ outcome: Outcome) -> String {
        switch outcome {
        case .pass: "PASS "
        case .fail: "FAIL "
        case .error: "ERROR"
        case .skipped: "SKIP "
        case .inconclusive: "INCON"
        case .notApplicable: "N/A  "
        }
    }

    static func exitName(_ status: ExitStatus) -> String {
        switch status {
        case .conforms: "conforms"
        case .nonConformance: "non-conformance found"
        case .usage: "usage or profile error"
        case .noVerdict: "no verdict (harness or transport problem)"
        case .interrupted: "interrupted"
        }
    }

    /// The verdict table printed after a run or an offline check.
    static func summary(of result: RunResult) -> [String] {
        var lines: [String] = []
        for suite in result.suites {
            lines.append("suite '\(suite.id)' (\(suite.plugin)): \(suite.title)")
            // Checks that are not judged for one shared reason (no data came) are listed together.
            let shared = Dictionary(grouping: suite.checks.filter { $0.outcome != .pass && $0.outcome != .fail }) {
                "\($0.outcome.rawValue)|\($0.reason)"
            }.filter { $0.value.count >= 3 }
            var grouped: [String] = []
            for check in suite.checks {
                let key = "\(check.outcome.rawValue)|\(check.reason)"
                if let group = shared[key] {
                    if !grouped.contains(key) {
                        grouped.append(key)
                        lines.append("  \(label(check.outcome)) \(group.count) checks: \(oneLine(check.reason))")
                        lines.append("        \(group.map(\.id).joined(separator: ", "))")
                    }
                    continue
                }
                let refs = check.requirements.map { ref in ref.base.map { "\(ref.spec) on \($0)" } ?? ref.spec }
                let specs = refs.isEmpty ? "" : " [\(Set(refs).sorted().joined(separator: ", "))]"
                lines.append("  \(label(check.outcome)) \(check.id)\(specs)")
                if check.outcome != .pass {
                    lines.append("        \(oneLine(check.reason))")
                }
            }
        }
        let checks = result.allChecks
        let counts = Outcome.allCases.compactMap { outcome -> String? in
            let n = checks.count { $0.outcome == outcome }
            return n == 0 ? nil : "\(n) \(outcome.rawValue)"
        }
        let status = result.exitStatus
        lines.append("result: \(result.suites.count) suite\(result.suites.count == 1 ? "" : "s"), \(checks.count) checks: \(counts.joined(separator: ", "))\(result.partial ? " (partial)" : "")")
        lines.append("exit \(status.rawValue): \(exitName(status))")
        return lines
    }

    /// A single line without control characters, for terminal output of device-provided text.
    static func oneLine(_ text: String, limit: Int = 300) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if out.unicodeScalars.count >= limit {
                out += "…"
                break
            }
            switch scalar.value {
            case 0x0A, 0x0D, 0x09: out += " "
            case 0x00..<0x20, 0x7F, 0x80..<0xA0: out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
