import MedConformCore

/// A fuzz campaign: the cases of a ``CaseSpace`` sent to a device through a ``FuzzTarget``,
/// with a known-good probe on a fixed schedule, every failure confirmed by replay before it
/// is reported, narrowed to a sequence when one case alone does not cause it, and shrunk.
///
/// Which cases run never depends on what the device does: failures are examined on the side
/// and the campaign goes on with the next case number, so a second run with the same seed
/// sends the same cases (fuzzing.md §8.3: only the report deduplicates).
public struct Campaign: Sendable {
    public let space: CaseSpace
    public let settings: CampaignSettings
    /// `to-device` or `answers`, for the record.
    public let direction: String
    /// The fuzzed message's type, for signatures: `ORU^R01`.
    public let messageType: String
    /// Nodes of the base the reducer may delete (optional segments), in the order it tries them.
    public let optionalNodes: [Int32]
    public let clock: MonotonicClock

    public init(space: CaseSpace, settings: CampaignSettings, direction: String, messageType: String,
                optionalNodes: [Int32], clock: MonotonicClock) {
        self.space = space
        self.settings = settings
        self.direction = direction
        self.messageType = messageType
        self.optionalNodes = optionalNodes
        self.clock = clock
    }

    /// Runs the campaign to its end (count, time budget or cancellation) and closes the target.
    /// - Parameter log: Receives one line per notable event (detections, confirmations, shrinking).
    public func run(_ target: some FuzzTarget, log: @escaping (String) -> Void = { _ in }) async -> FuzzCampaignRecord {
        let execution = CampaignExecution(campaign: self, target: target, log: log)
        return await execution.execute()
    }

    /// The operator name of the reducer's deletions of optional base parts.
    public static let deleteOperator = FuzzCampaignReport.deleteOperator

    /// A case's contribution to the campaign fingerprint: its number and bytes, mixed.
    static func caseHash(_ index: UInt64, _ bytes: [UInt8]) -> UInt64 {
        mix64(absorb(mix64(index ^ 0x6D63_6F6E_6675_7A7A), bytes))
    }

    /// The case numbers the settings select, in order (shard applied); nil `caseCount` is
    /// unbounded and left to the time budget.
    func indices() -> (first: UInt64, step: UInt64, end: UInt64?) {
        var first = settings.firstIndex
        var step: UInt64 = 1
        if let shard = settings.shard {
            let offset = (shard.index + shard.count - first % shard.count) % shard.count
            first = first &+ offset
            step = shard.count
        }
        let end = settings.caseCount.map { settings.firstIndex.addingReportingOverflow($0).overflow ? UInt64.max : settings.firstIndex + $0 }
        return (first, step, end)
    }
}

/// A confirmed failure before it becomes a record.
struct ConfirmedFailure {
    var failure: FailureClass
    var detected: CaseRun
    var fuzzCase: FuzzCase
    var sequence: [FuzzCase]
    var hits: Int
    var runs: Int
    var shrunk: [Anomaly]
    var shrunkBytes: [UInt8]
    var shrinkTests: Int
    var confirming: CaseRun
    var probe: Bool
}

/// One campaign's mutable state; lives in one task.
final class CampaignExecution<Target: FuzzTarget> {
    let campaign: Campaign
    let target: Target
    let log: (String) -> Void
    var settings: CampaignSettings { campaign.settings }
    var space: CaseSpace { campaign.space }

    var casesRun: UInt64 = 0
    var detections = 0
    var probes = 0
    var fingerprint: UInt64 = 0
    var findings: [FuzzFinding] = []
    var unconfirmed: [FuzzUnconfirmed] = [] {
        didSet { if unconfirmed.count > Self.unconfirmedLimit { unconfirmed.removeLast() } }
    }
    /// A campaign of millions of cases keeps at most this many unconfirmed detections, so its
    /// memory stays flat; the detections count goes on.
    static var unconfirmedLimit: Int { 200 }
    var examined = 0
    var stopped: String?

    init(campaign: Campaign, target: Target, log: @escaping (String) -> Void) {
        self.campaign = campaign
        self.target = target
        self.log = log
    }

    func execute() async -> FuzzCampaignRecord {
        let start = campaign.clock.now()
        if let problem = await target.restart() {
            stopped = "the device could not be reached: \(problem)"
        } else {
            await loop(start: start)
        }
        await target.close()
        return record(duration: campaign.clock.now() - start)
    }

    private func loop(start: Duration) async {
        let (first, step, end) = campaign.indices()
        // Cases since the last probe (attribution looks at each alone), and the cases since the
        // last restart, capped at the backsearch limit (state can build up across healthy probes).
        // Case numbers only: a case is regenerated when it is examined, so a window of large
        // cases costs no memory.
        var window: [UInt64] = []
        var history: [UInt64] = []
        var index = first
        // The next case, generated while the device worked on the one before (see `meanwhile`).
        var upcoming: FuzzCase?
        while end.map({ index < $0 }) ?? true {
            if Task.isCancelled {
                stopped = "interrupted after \(casesRun) cases"
                return
            }
            if let budget = settings.duration, campaign.clock.now() - start >= budget { break }
            let fuzzCase = upcoming.take() ?? space.case(at: index)
            let (next, overflow) = index.addingReportingOverflow(step)
            let following = overflow || end.map({ next >= $0 }) == true ? nil : next
            // The harness's own work for this case and the next, done while the device works:
            // the fingerprint, and the next case's generation (it never depends on answers).
            var prepared = false
            let meanwhile = {
                guard !prepared else { return }
                prepared = true
                self.fingerprint &+= Campaign.caseHash(index, fuzzCase.bytes)
                if let following {
                    let nextCase = self.space.case(at: following)
                    self.target.prepare(nextCase.anomalies, bytes: nextCase.bytes, index: following)
                    upcoming = nextCase
                }
            }
            let run = await target.run(fuzzCase.anomalies, bytes: fuzzCase.bytes, index: index, meanwhile: meanwhile)
            meanwhile()
            casesRun += 1
            window.append(index)
            // Without a probe schedule the window would grow with the campaign; the final
            // probe's attribution needs no more than the backsearch reaches.
            if window.count > max(settings.probeEvery, settings.backsearch + 1) { window.removeFirst() }
            history.append(index)
            if history.count > settings.backsearch + 1 { history.removeFirst() }
            if let failure = run.failure {
                detections += 1
                await examineDetection(fuzzCase, run, failure, history: history.map(space.case(at:)))
                window = []
                history = []
                guard await restart() else { return }
            } else if settings.probeEvery > 0 && window.count >= settings.probeEvery {
                let healthy = await probe(window, history: history)
                guard let healthy else { return }
                window = []
                if !healthy { history = [] }
            }
            guard let following else { break }
            index = following
        }
        if !window.isEmpty && !Task.isCancelled { _ = await probe(window, history: history) }
    }

    /// Probes the device; on failure examines the cases before it. Returns whether the probe
    /// passed, or nil when the campaign cannot go on (the device cannot be restarted).
    private func probe(_ window: [UInt64], history: [UInt64]) async -> Bool? {
        probes += 1
        let result = await target.probe()
        guard result.failure != nil else { return true }
        detections += 1
        log("probe after case \(window.last ?? 0) failed: \(result.detail)")
        await examineProbeFailure(window.map(space.case(at:)), history: history.map(space.case(at:)), result)
        return await restart() ? false : nil
    }

    /// Restarts the device after a failure and checks that it answers the probe again: a
    /// device that stays down would otherwise turn every later case into a failure of its own.
    private func restart() async -> Bool {
        if let problem = await target.restart() {
            stopped = "the device could not be restarted: \(problem)"
            return false
        }
        probes += 1
        let check = await target.probe()
        if check.failure != nil {
            stopped = "the device did not recover after a restart: \(check.detail)"
            return false
        }
        return true
    }

    // MARK: Examination

    /// A case failed directly: find whether it fails alone (or after which earlier cases),
    /// then shrink it and record it.
    private func examineDetection(_ fuzzCase: FuzzCase, _ run: CaseRun, _ failure: FailureClass, history: [FuzzCase]) async {
        let index = fuzzCase.address.index
        if absorb(fuzzCase, failure) { return }
        log("case \(index): \(failure.rawValue): \(run.detail)")
        guard examined < settings.maxFindings else {
            unconfirmed.append(FuzzUnconfirmed(index: index, failureClass: failure, detail: run.detail, reproduced: "not examined (finding limit)"))
            return
        }
        examined += 1
        var budget = settings.shrinkTests
        let alone = await reproduce(prefix: [], fuzzCase.anomalies, index: fuzzCase.address.index, failure, probe: false)
        if alone.hits >= settings.confirmRequired, let confirming = alone.last {
            await shrinkAndRecord(fuzzCase, run: run, failure, prefix: [], hits: alone.hits, runs: alone.runs,
                                  confirming: confirming, probe: false, budget: &budget)
            return
        }
        // Not alone: search back for the cases before it that it needs.
        let earlier = Array(history.dropLast())
        var width = 1
        while width <= min(settings.backsearch, earlier.count) {
            let prefix = Array(earlier.suffix(width))
            let result = await reproduce(prefix: prefix, fuzzCase.anomalies, index: fuzzCase.address.index, failure, probe: false)
            if result.hits >= settings.confirmRequired, let confirming = result.last {
                let reduced = await reduceSequence(prefix, last: fuzzCase, failure, probe: false, budget: &budget)
                await shrinkAndRecord(fuzzCase, run: run, failure, prefix: reduced, hits: result.hits, runs: result.runs,
                                      confirming: confirming, probe: false, budget: &budget)
                return
            }
            width *= 2
        }
        unconfirmed.append(FuzzUnconfirmed(index: index, failureClass: failure, detail: run.detail,
                                           reproduced: "\(alone.hits)/\(alone.runs) alone"))
        log("case \(index): not reproduced (\(alone.hits)/\(alone.runs) alone, no sequence of up to \(settings.backsearch) cases)")
    }

    /// The probe failed after `window`: find the case (alone) or the sequence that causes it.
    private func examineProbeFailure(_ window: [FuzzCase], history: [FuzzCase], _ probe: CaseRun) async {
        guard let last = window.last else { return }
        guard examined < settings.maxFindings else {
            unconfirmed.append(FuzzUnconfirmed(index: last.address.index, failureClass: .probeFailed, detail: probe.detail,
                                               reproduced: "not examined (finding limit)"))
            return
        }
        examined += 1
        var budget = settings.shrinkTests
        for fuzzCase in window {
            let alone = await reproduce(prefix: [], fuzzCase.anomalies, index: fuzzCase.address.index, .probeFailed, probe: true, runs: 1, required: 1)
            guard alone.hits == 1 else { continue }
            if absorb(fuzzCase, .probeFailed) { return }
            let confirmed = await reproduce(prefix: [], fuzzCase.anomalies, index: fuzzCase.address.index, .probeFailed, probe: true)
            if confirmed.hits >= settings.confirmRequired, let confirming = confirmed.last {
                await shrinkAndRecord(fuzzCase, run: probe, .probeFailed, prefix: [], hits: confirmed.hits, runs: confirmed.runs,
                                      confirming: confirming, probe: true, budget: &budget)
                return
            }
        }
        var width = 2
        while width / 2 < min(settings.backsearch, history.count) {
            let cases = Array(history.suffix(width))
            let prefix = Array(cases.dropLast())
            let final = cases[cases.count - 1]
            let result = await reproduce(prefix: prefix, final.anomalies, index: final.address.index, .probeFailed, probe: true)
            if result.hits >= settings.confirmRequired, let confirming = result.last {
                let reduced = await reduceSequence(prefix, last: final, .probeFailed, probe: true, budget: &budget)
                await shrinkAndRecord(final, run: probe, .probeFailed, prefix: reduced, hits: result.hits, runs: result.runs,
                                      confirming: confirming, probe: true, budget: &budget)
                return
            }
            if cases.count == history.count { break }
            width *= 2
        }
        unconfirmed.append(FuzzUnconfirmed(index: last.address.index, failureClass: .probeFailed, detail: probe.detail,
                                           reproduced: "no case alone nor a sequence of the last \(history.count) reproduced it"))
        log("probe failure after case \(last.address.index): not reproduced")
    }

    /// Counts a detection against an existing finding when one of the case's anomalies is the
    /// finding's operator at the finding's path with the same class: the same defect again,
    /// not worth a confirmation of its own.
    private func absorb(_ fuzzCase: FuzzCase, _ failure: FailureClass) -> Bool {
        for (position, finding) in findings.enumerated() where finding.failureClass == failure {
            let key = finding.shrunkAnomalies.filter { $0.operatorName != Campaign.deleteOperator }
            guard key.count == 1, let wanted = key.first else { continue }
            let matches = fuzzCase.anomalies.contains {
                $0.operatorName == wanted.operatorName && normalizedFuzzPath($0.path) == normalizedFuzzPath(wanted.path)
            }
            guard matches else { continue }
            findings[position].occurrences += 1
            let index = fuzzCase.address.index
            if findings[position].indices.count < FuzzFinding.indexLimit && !findings[position].indices.contains(index) {
                findings[position].indices.append(index)
                findings[position].indices.sort()
            }
            return true
        }
        return false
    }

    /// Replays `prefix` then the anomalies `runs` times from a fresh device; counts the runs
    /// that end in `failure`.
    private func reproduce(prefix: [FuzzCase], _ anomalies: [Anomaly], index: UInt64, _ failure: FailureClass, probe: Bool,
                           runs: Int? = nil, required: Int? = nil) async -> (hits: Int, runs: Int, last: CaseRun?) {
        let total = max(1, runs ?? settings.confirmRuns)
        let needed = max(1, min(total, required ?? settings.confirmRequired))
        var hits = 0
        var last: CaseRun?
        for attempt in 0..<total {
            if Task.isCancelled { break }
            if let run = await attemptReplay(prefix: prefix, anomalies, index: index, failure, probe: probe) {
                hits += 1
                last = run
            }
            if hits >= needed || hits + (total - attempt - 1) < needed { return (hits, attempt + 1, last) }
        }
        return (hits, total, last)
    }

    /// One replay from a fresh device: the prefix cases, then the anomalies, then the probe when
    /// asked. Returns the run when it ends in `failure`.
    private func attemptReplay(prefix: [FuzzCase], _ anomalies: [Anomaly], index: UInt64, _ failure: FailureClass, probe: Bool) async -> CaseRun? {
        guard await target.restart() == nil else { return nil }
        var written: [[UInt8]] = []
        for earlier in prefix {
            let run = await target.run(earlier.anomalies, bytes: earlier.bytes, index: earlier.address.index)
            written += run.written
        }
        let bytes = anomalies.isEmpty ? space.validCase() : space.model.render(anomalies: anomalies)
        var run = await target.run(anomalies, bytes: bytes, index: index)
        run.written = written + run.written
        if probe {
            guard run.failure == nil else { return nil }
            let check = await target.probe()
            guard check.failure != nil else { return nil }
            run.failure = .probeFailed
            run.detail = check.detail
            run.read += check.read
            return run
        }
        return run.failure == failure ? run : nil
    }

    /// Reduces the cases a sequence failure needs (the failing case stays last).
    private func reduceSequence(_ prefix: [FuzzCase], last: FuzzCase, _ failure: FailureClass, probe: Bool,
                                budget: inout Int) async -> [FuzzCase] {
        await reduceList(prefix, budget: &budget) { candidate in
            await self.attemptReplay(prefix: candidate, last.anomalies, index: last.address.index, failure, probe: probe) != nil
        }
    }

    /// Shrinks a confirmed single case (fuzzing.md §6.1: the anomaly list, then values toward
    /// the library's first ones, then optional parts of the base) and records the finding.
    private func shrinkAndRecord(_ fuzzCase: FuzzCase, run: CaseRun, _ failure: FailureClass, prefix: [FuzzCase],
                                 hits: Int, runs: Int, confirming: CaseRun, probe: Bool, budget: inout Int) async {
        let before = budget
        var confirmingRun = confirming
        func fails(_ anomalies: [Anomaly]) async -> Bool {
            guard let run = await attemptReplay(prefix: prefix, anomalies, index: fuzzCase.address.index, failure, probe: probe) else { return false }
            confirmingRun = run
            return true
        }
        var anomalies = fuzzCase.anomalies
        // The confirming run so far replayed the unreduced sequence; record the reduced one.
        if !prefix.isEmpty && budget > 0 {
            budget -= 1
            _ = await fails(anomalies)
        }
        if anomalies.count > 1 {
            anomalies = await reduceList(anomalies, budget: &budget) { await fails($0) }
        }
        // Values: the first library value of the same operator at the same node that still fails.
        for position in anomalies.indices where budget > 0 {
            let anomaly = anomalies[position]
            guard let op = space.operators.first(where: { $0.name == anomaly.operatorName }),
                  space.model.nodes.indices.contains(Int(anomaly.target))
            else { continue }
            let info = space.model.nodes[Int(anomaly.target)]
            let limit = min(anomaly.libraryIndex ?? op.librarySize(info), op.librarySize(info), 16)
            for value in 0..<limit where budget > 0 {
                var candidate = anomalies
                candidate[position].mutation = op.value(info, value)
                candidate[position].libraryIndex = value
                budget -= 1
                if await fails(candidate) {
                    anomalies = candidate
                    break
                }
            }
        }
        // The base: leave out optional parts the failure does not need.
        for node in campaign.optionalNodes where budget > 0 {
            guard !anomalies.contains(where: { $0.target == node }) else { continue }
            let info = space.model.nodes[Int(node)]
            let candidate = anomalies + [Anomaly(target: node, path: info.path, operatorName: Campaign.deleteOperator,
                                                 libraryIndex: nil, mutation: .delete, lie: nil)]
            budget -= 1
            if await fails(candidate) { anomalies = candidate }
        }
        let shrunkBytes = anomalies.isEmpty ? space.validCase() : space.model.render(anomalies: anomalies)
        let tests = before - budget
        log("case \(fuzzCase.address.index): \(failure.rawValue) confirmed \(hits)/\(runs)"
            + (prefix.isEmpty ? "" : " after cases \(prefix.map { String($0.address.index) }.joined(separator: ", "))")
            + "; shrunk from \(fuzzCase.anomalies.count) to \(anomalies.count) anomalies in \(tests) tests")
        append(ConfirmedFailure(failure: failure, detected: run, fuzzCase: fuzzCase, sequence: prefix, hits: hits, runs: runs,
                                shrunk: anomalies, shrunkBytes: shrunkBytes, shrinkTests: tests,
                                confirming: confirmingRun, probe: probe))
    }

    private func append(_ confirmed: ConfirmedFailure) {
        let key = confirmed.shrunk.filter { $0.operatorName != Campaign.deleteOperator }
        let operators = key.isEmpty ? "none" : key.map(\.operatorName).joined(separator: "+")
        let paths = key.isEmpty ? "base message" : key.map { normalizedFuzzPath($0.path) }.joined(separator: "+")
        let signature = FuzzFinding.signature(failureClass: confirmed.failure, state: confirmed.detected.state,
                                              messageType: campaign.messageType, operatorName: operators, path: paths)
        let index = confirmed.fuzzCase.address.index
        if let position = findings.firstIndex(where: { $0.signature == signature }) {
            findings[position].occurrences += 1
            if findings[position].indices.count < FuzzFinding.indexLimit { findings[position].indices.append(index) }
            findings[position].indices.sort()
            return
        }
        var sha = SHA256()
        sha.update(confirmed.shrunkBytes)
        let shrunkDigest = Hex.encode(sha.finalize())
        let sequence = confirmed.sequence.map(\.address.index)
        findings.append(FuzzFinding(
            signature: signature, failureClass: confirmed.failure, state: confirmed.detected.state,
            messageType: campaign.messageType, operatorName: operators, path: paths, detail: confirmed.detected.detail,
            reproduced: "\(confirmed.hits)/\(confirmed.runs)",
            address: confirmed.fuzzCase.addressRecord,
            anomalies: confirmed.fuzzCase.anomalies.map(\.record), bytesSHA256: confirmed.fuzzCase.digestHex,
            sequence: sequence.isEmpty ? nil : sequence, shrunkAnomalies: confirmed.shrunk.map(\.record),
            shrunkSHA256: shrunkDigest, shrinkTests: confirmed.shrinkTests,
            replaySteps: confirmed.confirming.written.map { Hex.encode($0) }, replayProbe: confirmed.probe,
            responses: confirmed.confirming.read.map { Hex.encode($0) }, indices: [index], occurrences: 1))
    }

    private func record(duration: Duration) -> FuzzCampaignRecord {
        FuzzCampaignRecord(
            direction: campaign.direction, model: space.model.name, messageType: campaign.messageType,
            generatorVersion: space.runKey.generatorVersion, profileDigest: Hex.encode(space.runKey.profileDigest),
            modelDigest: Hex.encode(space.modelDigest), seed: FuzzCampaignReport.fingerprintText(space.runKey.seed),
            enumeratedCases: space.enumeratedCount, firstIndex: settings.firstIndex, requestedCases: settings.caseCount,
            shard: settings.shard, casesRun: casesRun, casesFingerprint: FuzzCampaignReport.fingerprintText(fingerprint),
            detections: detections, probes: probes, findings: findings.sorted { $0.address.index < $1.address.index },
            unconfirmed: unconfirmed, stopped: stopped, durationNanoseconds: duration.nanosecondsClamped)
    }
}
