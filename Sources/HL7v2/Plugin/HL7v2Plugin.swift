import MedConformCore
import Transports

/// HL7 v2 over MLLP: IHE PCD-01 observation reporting, in both roles, with the reference
/// monitor and gateway simulators, and offline checks of captured files.
public struct HL7v2Plugin: ProtocolPlugin, OfflineChecking {
    public typealias SuiteConfiguration = HL7SuiteConfiguration

    public init() {}

    public static let description = PluginDescription(
        id: "hl7v2",
        name: "HL7 v2 over MLLP (IHE PCD-01)",
        summary: "Judges ORU^R01 observation reports and ACK^R01 acknowledgements against HL7 v2, IHE PCD-01 and overlays, as the consumer (receiver) or the reporter (sender).",
        version: "1.0",
        roles: [
            .init(id: HL7SuiteConfiguration.Role.receiver.rawValue, summary: "The device reports observations; the harness receives, judges and acknowledges."),
            .init(id: HL7SuiteConfiguration.Role.sender.rawValue, summary: "The device receives; the harness sends valid and invalid messages and judges the acknowledgements."),
        ],
        suiteKeys: HL7SuiteKeys.keys,
        simulators: HL7Simulators.descriptions)

    public func configure(_ suite: ConfigMapping, context: SuiteConfigurationContext) -> HL7SuiteConfiguration? {
        guard let rules = HL7RuleSet.compile(specs: context.specs, collector: context.collector) else { return nil }
        if rules.requirements.isEmpty {
            context.collector.error("the profile's specs give the hl7v2 plugin no requirement to check; list a spec such as 'ihe-pcd-01'", at: suite.location)
            return nil
        }
        if context.target.transport != "mllp" {
            context.collector.error("the hl7v2 plugin speaks MLLP; transport '\(context.target.transport)' is not supported", at: context.target.location)
        }
        return HL7SuiteKeys.read(suite, context: context, rules: rules)
    }

    public func run(_ configuration: HL7SuiteConfiguration, context: SuiteRunContext) async -> SuiteResult {
        if let fuzz = configuration.fuzz { return await HL7FuzzSuite(fuzz: fuzz, context: context).run() }
        return switch configuration.role {
        case .receiver: await ReceiverSession(configuration: configuration, context: context).run()
        case .sender: await SenderSession(configuration: configuration, context: context).run()
        }
    }

    public func simulate(_ request: SimulationRequest, log: @escaping @Sendable (String) -> Void) async throws {
        try await HL7Simulators.simulate(request, log: log)
    }

    public func prepareOfflineCheck(specs: SpecSet, collector: DiagnosticCollector) -> (any Sendable)? {
        HL7OfflineChecker.prepare(specs: specs, collector: collector)
    }

    public func checkCaptured(_ files: [CapturedFile], prepared: any Sendable, specs: SpecSet) -> [SuiteResult] {
        guard let rules = prepared as? HL7RuleSet else { return [] }
        return HL7OfflineChecker.check(files, rules: rules, specs: specs)
    }

    /// Suite properties for the reports: role, target, simulator and its faults and seed.
    static func properties(context: SuiteRunContext, role: HL7SuiteConfiguration.Role) -> [Property] {
        var properties = [Property("plugin.hl7v2.version", description.version), Property("role", role.rawValue)]
        properties += context.target.endpointProperties
        properties.append(Property("timeouts.response", context.target.timeouts.response.secondsWithMilliseconds + "s"))
        return properties
    }
}
