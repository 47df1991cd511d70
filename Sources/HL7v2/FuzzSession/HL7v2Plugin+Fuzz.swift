import FuzzCore
import MedConformCore
import Transports

extension HL7v2Plugin: FuzzCampaigning {
    public func fuzzCase(_ configuration: HL7SuiteConfiguration, index: UInt64) -> FuzzCaseView? {
        guard let fuzz = configuration.fuzz, let space = try? fuzz.caseSpace() else { return nil }
        return FuzzCaseView(case: index, of: space)
    }

    public func replay(_ record: FuzzReplayRecord, configuration: HL7SuiteConfiguration, context: SuiteRunContext) async -> FuzzReplayOutcome {
        guard let fuzz = configuration.fuzz, let space = try? fuzz.caseSpace() else {
            return .notACampaign(suiteID: record.suiteID)
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
