import FuzzCore
import MedConformCore

/// Runs the `fuzz:` campaign of a PHD suite and reports it the way every campaign is
/// reported: one `campaign` check, one failing check per distinct confirmed failure, the
/// campaign record for the JSON log and the replay files.
struct PHDFuzzSuite {
    let fuzz: PHDFuzzConfiguration
    let configuration: PHDSuiteConfiguration
    let context: SuiteRunContext

    func run() async -> SuiteResult {
        let lines = PHDLogLines()
        let log: @Sendable (String) -> Void = { lines.append($0) }
        var record: FuzzCampaignRecord
        do {
            let space = try fuzz.caseSpace()
            let campaign = Campaign(space: space, settings: fuzz.settings(with: context.fuzz), direction: fuzz.direction.rawValue,
                                    messageType: fuzz.messageType, optionalNodes: [], clock: context.clock)
            record = await campaign.run(Self.target(fuzz, space: space, target: context.target, clock: context.clock,
                                                    log: { log("simulator: " + $0) }), log: log)
        } catch {
            let check = CheckResult(id: "campaign", title: "The fuzz campaign ran its cases", requirements: [], outcome: .error,
                                    reason: "the base message cannot be modelled: \(error)", kind: .harness, observations: [])
            return SuiteResult(id: context.suite.id, title: context.suite.title ?? context.suite.id,
                               plugin: PHD11073Plugin.description.id, checks: [check])
        }
        if case .simulator(let selection) = context.target.endpoint { record.simulator = selection }
        let checks = FuzzCampaignReport.checks(record, suiteID: context.suite.id)
        for check in checks { context.observer.checkFinished(check, suite: context.suite) }
        return SuiteResult(
            id: context.suite.id, title: context.suite.title ?? context.suite.id, plugin: PHD11073Plugin.description.id,
            checks: checks,
            properties: PHD11073Plugin.properties(context: context, configuration: configuration) + FuzzCampaignReport.properties(record),
            log: lines.snapshot(), fuzz: record)
    }

    /// The device view for the campaign's direction: an agent for `to-agent` cases, a manager
    /// for `to-manager` ones.
    static func target(_ fuzz: PHDFuzzConfiguration, space: CaseSpace, target: TargetDefinition, clock: MonotonicClock,
                       log: @escaping @Sendable (String) -> Void) -> any ReplayableFuzzTarget {
        switch fuzz.direction {
        case .toAgent:
            PHDAgentFuzzTarget(space: space, base: fuzz.base, target: target, settle: fuzz.settle, clock: clock, log: log)
        case .toManager:
            PHDManagerFuzzTarget(space: space, base: fuzz.base, target: target, settle: fuzz.settle, clock: clock, log: log)
        }
    }
}
