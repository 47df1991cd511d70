import FuzzCore
import MedConformCore
import Transports

extension HL7v2Plugin: FuzzCampaigning {
    public func fuzzCase(_ configuration: HL7SuiteConfiguration, index: UInt64) -> FuzzCaseView? {
        guard let fuzz = configuration.fuzz, let space = try? fuzz.caseSpace() else { return nil }
        let fuzzCase = space.case(at: index)
        return FuzzCaseView(
            address: FuzzCaseAddressRecord(index: index, tier: fuzzCase.address.tier.rawValue, tierIndex: fuzzCase.address.tierIndex,
                                           caseSeed: FuzzCampaignReport.fingerprintText(fuzzCase.caseSeed)),
            anomalies: fuzzCase.anomalies.map(\.record), bytes: fuzzCase.bytes, sha256: fuzzCase.digestHex,
            modelDigest: Hex.encode(space.modelDigest), generatorVersion: space.runKey.generatorVersion,
            enumeratedCases: space.enumeratedCount)
    }

    public func replay(_ record: FuzzReplayRecord, configuration: HL7SuiteConfiguration, context: SuiteRunContext) async -> FuzzReplayOutcome {
        var notes: [String] = []
        guard let fuzz = configuration.fuzz, let space = try? fuzz.caseSpace() else {
            return FuzzReplayOutcome(reproduced: 0, runs: 0, detail: "suite '\(record.suiteID)' is not a fuzz campaign", regenerated: nil, notes: [])
        }
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
        var target = context.target
        if case .simulator = target.endpoint, let simulator = record.campaign.simulator {
            target.endpoint = .simulator(simulator)
        }
        let runs = max(1, fuzz.settings.confirmRuns)
        var hits = 0
        var detail = ""
        let lines = LockedLines()
        for _ in 0..<runs {
            let result: CaseRun
            switch fuzz.direction {
            case .toDevice:
                let device = HL7DeviceFuzzTarget(space: space, target: target, settle: fuzz.settle, clock: context.clock,
                                                 log: { lines.append($0) })
                // Blocking sockets, as in the campaign: off the cooperative pool.
                result = await onDedicatedThread(named: "mc-replay") {
                    await Self.replay(steps, probe: finding.replayProbe, on: device, send: { await device.replay($0) })
                }
            case .answers:
                let device = HL7AnswerFuzzTarget(space: space, target: target, settle: fuzz.settle, clock: context.clock,
                                                 log: { lines.append($0) })
                result = await Self.replay(steps, probe: finding.replayProbe, on: device, send: { await device.replay($0) })
            }
            detail = result.failure.map { "\($0.rawValue): \(result.detail)" } ?? "no failure: \(result.detail)"
            if result.failure == finding.failureClass { hits += 1 }
        }
        return FuzzReplayOutcome(reproduced: hits, runs: runs, detail: detail, regenerated: regenerated, notes: notes)
    }

    /// One replay from a fresh device: every step written as recorded, then the probe if the
    /// finding was a probe failure.
    private static func replay<T: FuzzTarget>(_ steps: [[UInt8]], probe: Bool, on target: T,
                                              send: ([UInt8]) async -> CaseRun) async -> CaseRun {
        if let problem = await target.restart() {
            await target.close()
            return CaseRun(failure: .refused, detail: problem, state: "start")
        }
        var last = CaseRun(failure: nil, detail: "", state: "")
        for step in steps { last = await send(step) }
        if probe && last.failure == nil {
            last = await target.probe()
        }
        await target.close()
        return last
    }
}
