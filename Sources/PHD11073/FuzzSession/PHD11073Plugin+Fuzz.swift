import FuzzCore
import MedConformCore

extension PHD11073Plugin: FuzzCampaigning {
    public func fuzzCase(_ configuration: PHDSuiteConfiguration, index: UInt64) -> FuzzCaseView? {
        guard let fuzz = configuration.fuzz, let space = try? fuzz.caseSpace() else { return nil }
        let fuzzCase = space.case(at: index)
        return FuzzCaseView(
            address: FuzzCaseAddressRecord(index: index, tier: fuzzCase.address.tier.rawValue, tierIndex: fuzzCase.address.tierIndex,
                                           caseSeed: FuzzCampaignReport.fingerprintText(fuzzCase.caseSeed)),
            anomalies: fuzzCase.anomalies.map(\.record), bytes: fuzzCase.bytes, sha256: fuzzCase.digestHex,
            modelDigest: Hex.encode(space.modelDigest), generatorVersion: space.runKey.generatorVersion,
            enumeratedCases: space.enumeratedCount)
    }

    public func replay(_ record: FuzzReplayRecord, configuration: PHDSuiteConfiguration, context: SuiteRunContext) async -> FuzzReplayOutcome {
        guard let fuzz = configuration.fuzz, let space = try? fuzz.caseSpace() else {
            return FuzzReplayOutcome(reproduced: 0, runs: 0, detail: "suite '\(record.suiteID)' is not a fuzz campaign", regenerated: nil, notes: [])
        }
        return await FuzzReplay.run(record, space: space, confirmRuns: fuzz.settings.confirmRuns, target: context.target) { target in
            PHDFuzzSuite.target(fuzz, space: space, target: target, clock: context.clock, log: { _ in })
        }
    }
}
