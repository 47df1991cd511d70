import FuzzCore
import MedConformCore

extension PHD11073Plugin: FuzzCampaigning {
    public func fuzzCase(_ configuration: PHDSuiteConfiguration, index: UInt64) -> FuzzCaseView? {
        guard let fuzz = configuration.fuzz, let space = try? fuzz.caseSpace() else { return nil }
        return FuzzCaseView(case: index, of: space)
    }

    public func replay(_ record: FuzzReplayRecord, configuration: PHDSuiteConfiguration, context: SuiteRunContext) async -> FuzzReplayOutcome {
        guard let fuzz = configuration.fuzz, let space = try? fuzz.caseSpace() else {
            return .notACampaign(suiteID: record.suiteID)
        }
        return await FuzzReplay.run(record, space: space, confirmRuns: fuzz.settings.confirmRuns, target: context.target) { target in
            PHDFuzzSuite.target(fuzz, space: space, target: target, clock: context.clock, log: { _ in })
        }
    }
}
