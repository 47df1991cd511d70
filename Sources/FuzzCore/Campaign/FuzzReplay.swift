import MedConformCore

/// A ``FuzzTarget`` that can also write recorded bytes as they are (`medconform replay`).
public protocol ReplayableFuzzTarget: FuzzTarget {
    /// Writes exactly `bytes`, in the state where the campaign's cases meet the device, and
    /// judges what the device does.
    func replay(_ bytes: [UInt8]) async -> CaseRun
}

/// `medconform replay` for every plugin: the recorded bytes of a finding sent again to the
/// suite's target, as often as the campaign confirms, counting the runs that end in the
/// recorded failure class.
public enum FuzzReplay {
    /// Replays `record` against `target` (the recorded simulator when the profile names one).
    /// - Parameters:
    ///   - space: The suite's case space now, to say whether the address still gives the bytes.
    ///   - makeTarget: A fresh device view for each run.
    public static func run(_ record: FuzzReplayRecord, space: CaseSpace, confirmRuns: Int, target: TargetDefinition,
                           makeTarget: (TargetDefinition) -> any ReplayableFuzzTarget)
        async -> FuzzReplayOutcome {
        var notes: [String] = []
        let finding = record.finding
        var regenerated: Bool?
        if Hex.encode(space.modelDigest) == record.campaign.modelDigest && space.runKey.generatorVersion == record.campaign.generatorVersion
            && FuzzCampaignReport.fingerprintText(space.runKey.seed) == record.campaign.seed {
            regenerated = space.case(at: finding.address.index).digestHex == finding.bytesSHA256
        } else {
            notes.append("the profile's campaign has changed since the record was made (model, generator or seed); only the recorded bytes are replayed")
        }
        let steps = finding.replaySteps.compactMap(Hex.decode)
        guard !steps.isEmpty, steps.count == finding.replaySteps.count else {
            return FuzzReplayOutcome(reproduced: 0, runs: 0, detail: "the record holds no bytes to replay", regenerated: regenerated, notes: notes)
        }
        var target = target
        if case .simulator = target.endpoint, let simulator = record.campaign.simulator {
            target.endpoint = .simulator(simulator)
        }
        let runs = max(1, confirmRuns)
        var hits = 0
        var detail = ""
        for _ in 0..<runs {
            let device = makeTarget(target)
            let result = await replay(steps, probe: finding.replayProbe, on: device)
            detail = result.failure.map { "\($0.rawValue): \(result.detail)" } ?? "no failure: \(result.detail)"
            if result.failure == finding.failureClass { hits += 1 }
        }
        return FuzzReplayOutcome(reproduced: hits, runs: runs, detail: detail, regenerated: regenerated, notes: notes)
    }

    /// One replay from a fresh device: every step written as recorded, then the probe if the
    /// finding was a probe failure.
    static func replay(_ steps: [[UInt8]], probe: Bool, on target: any ReplayableFuzzTarget) async -> CaseRun {
        if let problem = await target.restart() {
            await target.close()
            return CaseRun(failure: .refused, detail: problem, state: "start")
        }
        var last = CaseRun(failure: nil, detail: "", state: "")
        for step in steps { last = await target.replay(step) }
        if probe && last.failure == nil {
            last = await target.probe()
        }
        await target.close()
        return last
    }
}
