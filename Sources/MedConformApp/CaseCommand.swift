import Foundation
import MedConformCore
import Reporting

/// `medconform case PROFILE --suite S --index N`: case N of a campaign, computed alone,
/// without running anything.
public enum CaseCommand {
    public enum Format: String, Sendable, CaseIterable {
        /// The address, the anomalies and a hex dump.
        case hex
        /// The exact bytes, nothing else (for a file or another tool).
        case raw
    }

    public struct Options: Sendable {
        public var profile: String
        public var specs: String?
        public var suite: String?
        public var index: UInt64
        public var format: Format

        public init(profile: String, specs: String? = nil, suite: String? = nil, index: UInt64, format: Format = .hex) {
            self.profile = profile
            self.specs = specs
            self.suite = suite
            self.index = index
            self.format = format
        }
    }

    public static func main(_ options: Options, environment: AppEnvironment) -> ExitStatus {
        guard let plan = RunCommand.plan(RunCommand.Options(profile: options.profile, specs: options.specs), environment: environment) else {
            return .usage
        }
        guard let planned = campaignSuite(plan, id: options.suite, environment: environment) else { return .usage }
        guard let view = planned.plugin.fuzzCase(planned.configuration, index: options.index) else {
            environment.standardError("error: suite '\(planned.definition.id)' has no fuzz campaign")
            return .usage
        }
        switch options.format {
        case .raw:
            environment.standardOutputBytes(view.bytes)
        case .hex:
            environment.standardOutput("case \(view.address.index) of suite '\(planned.definition.id)' (\(view.address.tier) tier, number \(view.address.tierIndex) in it; the enumerated tier has \(view.enumeratedCases) cases)")
            environment.standardOutput("generator \(view.generatorVersion), model digest \(view.modelDigest), case seed \(view.address.caseSeed)")
            for anomaly in view.anomalies {
                environment.standardOutput("  \(anomaly.operatorName) at \(anomaly.path): \(anomaly.change)\(anomaly.lie.map { " (lies about \($0))" } ?? "")")
            }
            if view.anomalies.isEmpty { environment.standardOutput("  no anomaly: the valid base message") }
            environment.standardOutput("\(view.bytes.count) bytes, SHA-256 \(view.sha256)")
            let dump = HexDump.render(view.bytes, limit: Int.max)
            if !dump.isEmpty { environment.standardOutput(dump) }
        }
        return .conforms
    }

    /// The campaign suite named `id`, or the only one when `id` is nil.
    static func campaignSuite(_ plan: RunPlan, id: String?, environment: AppEnvironment) -> PlannedSuite? {
        let campaigns = plan.suites.filter { $0.plugin.fuzzCase($0.configuration, index: 0) != nil }
        if let id {
            guard let suite = plan.suites.first(where: { $0.definition.id == id }) else {
                environment.standardError("error: the profile has no suite '\(id)'\(Suggestion.didYouMean(id, among: plan.suites.map(\.definition.id)))")
                return nil
            }
            return suite
        }
        guard campaigns.count == 1, let only = campaigns.first else {
            environment.standardError(campaigns.isEmpty ? "error: the profile has no fuzz suite"
                : "error: the profile has several fuzz suites; name one with --suite (\(campaigns.map(\.definition.id).joined(separator: ", ")))")
            return nil
        }
        return only
    }
}
