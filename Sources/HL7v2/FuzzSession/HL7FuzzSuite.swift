import FuzzCore
import MedConformCore
import Transports

/// Runs the `fuzz:` campaign of an HL7 v2 suite and reports it: one `campaign` check, one
/// failing check per distinct confirmed failure, the campaign record for the JSON log and the
/// replay files.
struct HL7FuzzSuite {
    let fuzz: HL7FuzzConfiguration
    let context: SuiteRunContext

    func run() async -> SuiteResult {
        let lines = LockedLines()
        let log: @Sendable (String) -> Void = { lines.append($0) }
        var record: FuzzCampaignRecord
        do {
            let space = try fuzz.caseSpace()
            let campaign = Campaign(space: space, settings: fuzz.settings(with: context.fuzz), direction: fuzz.direction.rawValue,
                                    messageType: fuzz.messageType, optionalNodes: Self.optionalSegments(space.model),
                                    clock: context.clock)
            switch fuzz.direction {
            case .toDevice:
                let target = HL7DeviceFuzzTarget(space: space, target: context.target, settle: fuzz.settle, clock: context.clock,
                                                 log: { log("simulator: " + $0) })
                // The target blocks on its sockets: the whole campaign runs on a thread of its own,
                // so a case is a few system calls with no task switch between them.
                record = await onDedicatedThread(named: "mc-campaign") {
                    await campaign.run(target, log: log)
                }
            case .answers:
                let target = HL7AnswerFuzzTarget(space: space, target: context.target, settle: fuzz.settle, clock: context.clock,
                                                 log: { log("simulator: " + $0) })
                record = await campaign.run(target, log: log)
            }
        } catch {
            let check = CheckResult(id: "campaign", title: "The fuzz campaign ran its cases", requirements: [], outcome: .error,
                                    reason: "the base message cannot be modelled: \(error)", kind: .harness, observations: [])
            return SuiteResult(id: context.suite.id, title: context.suite.title ?? context.suite.id,
                               plugin: HL7v2Plugin.description.id, checks: [check])
        }
        if case .simulator(let selection) = context.target.endpoint { record.simulator = selection }
        let checks = FuzzCampaignReport.checks(record, suiteID: context.suite.id)
        for check in checks { context.observer.checkFinished(check, suite: context.suite) }
        let role: HL7SuiteConfiguration.Role = fuzz.direction == .toDevice ? .sender : .receiver
        return SuiteResult(
            id: context.suite.id, title: context.suite.title ?? context.suite.id, plugin: HL7v2Plugin.description.id,
            checks: checks, properties: HL7v2Plugin.properties(context: context, role: role) + FuzzCampaignReport.properties(record),
            log: Self.boundedLog(lines.snapshot()), fuzz: record)
    }

    /// Segments other than MSH, last first: the parts of the base the reducer may leave out.
    static func optionalSegments(_ model: FuzzModel) -> [Int32] {
        model.nodes.filter { $0.tag == HL7FuzzTag.segment && !$0.path.hasPrefix("MSH") }.map(\.id).reversed()
    }

    /// A campaign of a million cases must not keep a million log lines: the first and last
    /// lines stay, the middle is counted.
    static func boundedLog(_ lines: [String], keep: Int = 400) -> [String] {
        guard lines.count > keep else { return lines }
        return Array(lines.prefix(keep / 2)) + ["… \(lines.count - keep) lines left out …"] + Array(lines.suffix(keep / 2))
    }
}
