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
        guard let fuzz = configuration.fuzz, let space = try? fuzz.caseSpace() else {
            return FuzzReplayOutcome(reproduced: 0, runs: 0, detail: "suite '\(record.suiteID)' is not a fuzz campaign", regenerated: nil, notes: [])
        }
        let replay = {
            await FuzzReplay.run(record, space: space, confirmRuns: fuzz.settings.confirmRuns, target: context.target) { target in
                switch fuzz.direction {
                case .toDevice:
                    HL7DeviceFuzzTarget(space: space, target: target, settle: fuzz.settle, clock: context.clock, log: { _ in })
                case .answers:
                    HL7AnswerFuzzTarget(space: space, target: target, settle: fuzz.settle, clock: context.clock, log: { _ in })
                }
            }
        }
        switch fuzz.direction {
        case .toDevice:
            // Blocking sockets, as in the campaign: off the cooperative pool.
            return await onDedicatedThread(named: "mc-replay") { await replay() }
        case .answers:
            return await replay()
        }
    }
}

extension HL7DeviceFuzzTarget: ReplayableFuzzTarget {}
extension HL7AnswerFuzzTarget: ReplayableFuzzTarget {}
