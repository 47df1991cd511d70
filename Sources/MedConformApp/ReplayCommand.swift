import Foundation
import MedConformCore
import Reporting

/// `medconform replay RECORD`: sends a finding's recorded bytes to the same device again (the
/// profile's target, or the recorded simulator with its faults) and says whether the failure
/// comes back. Exit 1 when it does (the device still fails), 0 when it does not.
public enum ReplayCommand {
    public struct Options: Sendable {
        public var record: String
        /// The profile to take the target from; default: the one the record names.
        public var profile: String?
        public var specs: String?

        public init(record: String, profile: String? = nil, specs: String? = nil) {
            self.record = record
            self.profile = profile
            self.specs = specs
        }
    }

    public static func main(_ options: Options, environment: AppEnvironment) async -> ExitStatus {
        let path = options.record.hasPrefix("/") ? options.record
            : (environment.currentDirectory as NSString).appendingPathComponent(options.record)
        guard let data = FileManager.default.contents(atPath: path) else {
            environment.standardError("error: cannot read \(options.record)")
            return .usage
        }
        let record: FuzzReplayRecord
        do {
            record = try ReplayFile.decode(Array(data))
        } catch {
            environment.standardError("\(options.record): error: \(error)")
            return .usage
        }
        let profilePath = options.profile ?? record.profilePath
        guard let plan = RunCommand.plan(RunCommand.Options(profile: profilePath, specs: options.specs), environment: environment) else {
            environment.standardError("note: the record names the profile '\(record.profilePath)'; give another with --profile")
            return .usage
        }
        guard let planned = plan.suites.first(where: { $0.definition.id == record.suiteID }) else {
            environment.standardError("error: the profile '\(profilePath)' has no suite '\(record.suiteID)'")
            return .usage
        }
        if plan.profileSHA256 != record.profileSHA256 {
            environment.standardOutput("note: the profile has changed since the record was made (SHA-256 \(plan.profileSHA256.prefix(16))…, recorded \(record.profileSHA256.prefix(16))…)")
        }
        let finding = record.finding
        environment.standardOutput("replaying case \(finding.address.index) of suite '\(record.suiteID)': \(finding.testName)")
        if let sequence = finding.sequence {
            environment.standardOutput("after cases \(sequence.map(String.init).joined(separator: ", "))")
        }
        let context = SuiteRunContext(suite: planned.definition, target: planned.target, specs: plan.specs, device: plan.profile.device,
                                      capabilities: plan.profile.capabilities, clock: .system(), observer: SilentObserver())
        let (replayed, _) = await SignalCancellation.run {
            await planned.plugin.replay(record, configuration: planned.configuration, context: context)
        }
        guard let outcome = replayed else {
            environment.standardError("error: the plugin '\(planned.plugin.id)' cannot replay fuzz findings")
            return .usage
        }
        for note in outcome.notes { environment.standardOutput("note: \(note)") }
        switch outcome.regenerated {
        case true?: environment.standardOutput("regenerated case \(finding.address.index) from its address: the same bytes (SHA-256 \(finding.bytesSHA256.prefix(16))…)")
        case false?: environment.standardOutput("warning: case \(finding.address.index) regenerated from its address differs from the recorded bytes")
        case nil: break
        }
        environment.standardOutput("last run: \(outcome.detail)")
        if outcome.runs == 0 { return .noVerdict }
        if outcome.reproduced > 0 {
            environment.standardOutput("reproduced \(outcome.reproduced)/\(outcome.runs): \(finding.failureClass.rawValue), as recorded")
            return .nonConformance
        }
        environment.standardOutput("not reproduced (0/\(outcome.runs)): the device no longer fails this way")
        return .conforms
    }
}
