/// Turns a campaign record into the suite's checks and properties, the same way for a run and
/// for `medconform merge`, so that merged shards report exactly what one run would.
public enum FuzzCampaignReport {
    /// The `campaign` check (did the campaign run its cases) and one failing check per finding,
    /// in order of first detection.
    public static func checks(_ record: FuzzCampaignRecord, suiteID: String) -> [CheckResult] {
        var checks: [CheckResult] = []
        let ran = "\(record.casesRun) case\(record.casesRun == 1 ? "" : "s") run"
        var reason = ran
        var outcome = Outcome.pass
        var kind: ProblemKind?
        if let stopped = record.stopped {
            reason += "; stopped early: \(stopped)"
            if record.casesRun == 0 || stopped.hasPrefix("interrupted") || stopped.hasPrefix("the device") {
                outcome = .error
                kind = stopped.hasPrefix("interrupted") ? .interrupted : .deviceUnreachable
            }
        }
        if !record.findings.isEmpty {
            reason += "; \(record.findings.count) distinct confirmed failure\(record.findings.count == 1 ? "" : "s")"
        } else if outcome == .pass {
            reason += "; no confirmed failure"
        }
        if !record.unconfirmed.isEmpty {
            reason += "; \(record.unconfirmed.count) detection\(record.unconfirmed.count == 1 ? "" : "s") not confirmed"
        }
        checks.append(CheckResult(id: "campaign", title: "The fuzz campaign ran its cases", requirements: [],
                                  outcome: outcome, reason: reason, kind: kind, observations: []))
        for finding in record.findings.sorted(by: { $0.address.index < $1.address.index }) {
            let sequence = finding.sequence.map { " after cases \($0.map(String.init).joined(separator: ", "))" } ?? ""
            let text = "case \(finding.address.index)\(sequence): \(finding.failureClass.phrase) (\(finding.detail)); "
                + "reproduced \(finding.reproduced); \(shrinkText(finding)); seen \(finding.occurrences) time\(finding.occurrences == 1 ? "" : "s"); "
                + "replay: medconform replay fuzz/\(suiteID)/\(finding.replayFileName)"
            let observation = Observation(.fail, subject: "case \(finding.address.index)", reason: text,
                                          kind: finding.failureClass.problemKind)
            checks.append(CheckResult(id: finding.testName, title: "The device survives \(finding.operatorName) at \(finding.path)",
                                      requirements: [], outcome: .fail, reason: text, kind: finding.failureClass.problemKind,
                                      observations: [observation]))
        }
        return checks
    }

    /// "shrunk to 1 anomaly and 5 segments left out in 12 tests".
    static func shrinkText(_ finding: FuzzFinding) -> String {
        let removed = finding.shrunkAnomalies.count { $0.operatorName == deleteOperator }
        let kept = finding.shrunkAnomalies.count - removed
        var text = "shrunk to \(kept) anomal\(kept == 1 ? "y" : "ies")"
        if removed > 0 { text += " and \(removed) part\(removed == 1 ? "" : "s") of the base left out" }
        return text + " in \(finding.shrinkTests) tests"
    }

    /// The operator name the reducer gives the optional parts of the base it leaves out.
    public static let deleteOperator = "shrink.delete"

    /// The suite properties that identify the campaign: enough to regenerate any case.
    public static func properties(_ record: FuzzCampaignRecord) -> [Property] {
        var properties = [
            Property("fuzz.direction", record.direction),
            Property("fuzz.model", record.model),
            Property("fuzz.generator", record.generatorVersion),
            Property("fuzz.seed", record.seed),
            Property("fuzz.profile-digest", record.profileDigest),
            Property("fuzz.model-digest", record.modelDigest),
            Property("fuzz.enumerated-cases", String(record.enumeratedCases)),
            Property("fuzz.first-index", String(record.firstIndex)),
            Property("fuzz.cases", String(record.casesRun)),
            Property("fuzz.cases-fingerprint", record.casesFingerprint),
            Property("fuzz.detections", String(record.detections)),
            Property("fuzz.findings", String(record.findings.count)),
        ]
        if let shard = record.shard { properties.append(Property("fuzz.shard", shard.description)) }
        let seconds = max(record.durationNanoseconds, 1)
        let rate = Int64((Double(record.casesRun) * 1e9 / Double(seconds)).rounded())
        properties.append(Property("fuzz.cases-per-second", String(rate)))
        return properties
    }

    /// Combines the records of the shards of one campaign into the record one unsharded run
    /// would have produced (timings aside): counts add up, fingerprints add up, findings with
    /// the same signature become one whose representative is the earliest detection.
    public static func merge(_ records: [FuzzCampaignRecord]) -> FuzzCampaignRecord? {
        guard var merged = records.first else { return nil }
        var fingerprint: UInt64 = 0
        merged.casesRun = 0
        merged.detections = 0
        merged.probes = 0
        merged.durationNanoseconds = 0
        var findings: [FuzzFinding] = []
        var unconfirmed: [FuzzUnconfirmed] = []
        var stopped: [String] = []
        for record in records {
            merged.casesRun += record.casesRun
            merged.detections += record.detections
            merged.probes += record.probes
            merged.durationNanoseconds = max(merged.durationNanoseconds, record.durationNanoseconds)
            fingerprint &+= UInt64(record.casesFingerprint, radix: 16) ?? 0
            unconfirmed += record.unconfirmed
            if let reason = record.stopped, !stopped.contains(reason) { stopped.append(reason) }
            for finding in record.findings {
                if let index = findings.firstIndex(where: { $0.signature == finding.signature }) {
                    findings[index] = combine(findings[index], finding)
                } else {
                    findings.append(finding)
                }
            }
        }
        merged.shard = nil
        merged.casesFingerprint = fingerprintText(fingerprint)
        merged.findings = findings.sorted { $0.address.index < $1.address.index }
        merged.unconfirmed = unconfirmed.sorted { $0.index < $1.index }
        merged.stopped = stopped.isEmpty ? nil : stopped.joined(separator: "; ")
        return merged
    }

    /// The same finding seen in two shards: the earlier detection represents both.
    static func combine(_ a: FuzzFinding, _ b: FuzzFinding) -> FuzzFinding {
        var first = a.address.index <= b.address.index ? a : b
        var indices = a.indices
        for index in b.indices where !indices.contains(index) { indices.append(index) }
        indices.sort()
        first.indices = Array(indices.prefix(FuzzFinding.indexLimit))
        first.occurrences = a.occurrences + b.occurrences
        return first
    }

    /// A fingerprint as 16 hex digits.
    public static func fingerprintText(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }
}

extension FuzzCampaignReport {
    /// Why shard results cannot be merged.
    public enum MergeError: Error, Sendable, Equatable, CustomStringConvertible {
        case nothingToMerge
        case differentProfiles(String, String)
        case differentSuites(String)
        case overlappingShards(String)

        public var description: String {
            switch self {
            case .nothingToMerge: "no results to merge"
            case .differentProfiles(let a, let b): "the results come from different profiles ('\(a)' and '\(b)') or different versions of one"
            case .differentSuites(let run): "run \(run) has other suites than the first"
            case .overlappingShards(let suite): "suite '\(suite)': the shards overlap or do not belong to one layout"
            }
        }
    }

    /// Combines the runs of the shards of one profile into the run one unsharded run would
    /// have produced, timings aside: fuzz suites are merged (``merge(_:)``) and their checks
    /// rebuilt the same way a run builds them; other suites are taken from the first run.
    public static func mergeRuns(_ runs: [RunResult]) -> Result<RunResult, MergeError> {
        guard var merged = runs.first else { return .failure(.nothingToMerge) }
        for run in runs.dropFirst() {
            guard run.profile.id == merged.profile.id, run.profile.sha256 == merged.profile.sha256 else {
                return .failure(.differentProfiles(merged.profile.path, run.profile.path))
            }
            guard run.suites.map(\.id) == merged.suites.map(\.id) else { return .failure(.differentSuites(run.runID)) }
        }
        for (position, suite) in merged.suites.enumerated() {
            let records = runs.compactMap { $0.suites[position].fuzz }
            guard records.count == runs.count, var record = merge(records) else { continue }
            let shards = records.compactMap(\.shard)
            if shards.count == records.count {
                let layout = shards.map(\.count)
                let indices = shards.map(\.index).sorted()
                guard layout.allSatisfy({ $0 == layout[0] }), indices == Array(0..<UInt64(shards.count)), UInt64(shards.count) == layout[0] else {
                    return .failure(.overlappingShards(suite.id))
                }
            }
            record.shard = nil
            var combined = suite
            combined.fuzz = record
            combined.checks = checks(record, suiteID: suite.id)
            combined.properties = suite.properties.filter { !$0.name.hasPrefix("fuzz.") } + properties(record)
            combined.durationNanoseconds = runs.map { $0.suites[position].durationNanoseconds }.max() ?? suite.durationNanoseconds
            combined.log = runs.flatMap { $0.suites[position].log }
            merged.suites[position] = combined
        }
        merged.properties = merged.properties.filter { $0.name != "fuzz.shard" }
        merged.durationNanoseconds = runs.map(\.durationNanoseconds).max() ?? merged.durationNanoseconds
        merged.partial = runs.contains { $0.partial }
        return .success(merged)
    }
}
