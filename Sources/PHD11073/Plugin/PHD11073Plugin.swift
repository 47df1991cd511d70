import MedConformCore
import Transports

/// IEEE 11073-20601 personal health devices over TCP: the harness as manager testing an
/// agent of the 10404, 10407, 10408, 10415 and 10417 specializations, or as agent testing a
/// manager, with simulated agents and a simulated manager.
public struct PHD11073Plugin: ProtocolPlugin, OfflineChecking {
    public typealias SuiteConfiguration = PHDSuiteConfiguration

    public init() {}

    public static let description = PluginDescription(
        id: "phd11073",
        name: "IEEE 11073-20601 personal health devices",
        summary: "Judges the association, configuration, measurement reports and release of a PHD agent (pulse oximeter, blood pressure, thermometer, scale, glucose meter), or the answers of a PHD manager, against 20601 and the device specializations.",
        version: "1.0",
        roles: [
            .init(id: PHDSuiteConfiguration.Role.manager.rawValue, summary: "The device is an agent; the harness is the manager that associates, configures, receives and releases."),
            .init(id: PHDSuiteConfiguration.Role.agent.rawValue, summary: "The device is a manager or gateway; the harness is an agent that associates, reports and releases."),
        ],
        suiteKeys: PHDSuiteKeys.keys,
        simulators: PHDSimulators.descriptions)

    public func configure(_ suite: ConfigMapping, context: SuiteConfigurationContext) -> PHDSuiteConfiguration? {
        guard let rules = PHDRuleSet.compile(specs: context.specs, collector: context.collector) else { return nil }
        if rules.rules.isEmpty {
            context.collector.error("the profile's specs give the phd11073 plugin no requirement to check; list a spec such as 'ieee-11073-10404'", at: suite.location)
            return nil
        }
        if context.target.transport != "tcp" {
            context.collector.error("the phd11073 plugin carries 20601 over TCP; transport '\(context.target.transport)' is not supported, so write 'transport: tcp' in the target", at: context.target.location)
        }
        return PHDSuiteKeys.read(suite, context: context, rules: rules)
    }

    public func run(_ configuration: PHDSuiteConfiguration, context: SuiteRunContext) async -> SuiteResult {
        if let fuzz = configuration.fuzz { return await PHDFuzzSuite(fuzz: fuzz, configuration: configuration, context: context).run() }
        return switch configuration.role {
        case .manager: await ManagerRoleSession(configuration: configuration, context: context).run()
        case .agent: await AgentRoleSession(configuration: configuration, context: context).run()
        }
    }

    public func simulate(_ request: SimulationRequest, log: @escaping @Sendable (String) -> Void) async throws {
        try await PHDSimulators.simulate(request, log: log)
    }

    public func prepareOfflineCheck(specs: SpecSet, collector: DiagnosticCollector) -> (any Sendable)? {
        guard let rules = PHDRuleSet.compile(specs: specs, collector: collector) else { return nil }
        if rules.rules.isEmpty {
            collector.error("the specs give the phd11073 plugin no requirement to check; name one such as 'ieee-11073-20601'", at: nil)
            return nil
        }
        return rules
    }

    public func checkCaptured(_ files: [CapturedFile], prepared: any Sendable, specs: SpecSet) -> [SuiteResult] {
        guard let rules = prepared as? PHDRuleSet else { return [] }
        return PHDOfflineChecker.check(files, rules: rules, specs: specs)
    }

    /// Suite properties for the reports.
    static func properties(context: SuiteRunContext, configuration: PHDSuiteConfiguration) -> [Property] {
        var properties = [Property("plugin.phd11073.version", description.version), Property("role", configuration.role.rawValue)]
        properties += context.target.endpointProperties
        let timeouts = configuration.timeouts
        properties.append(Property("timeouts.states", "association \(timeouts.association.secondsWithMilliseconds)s, configuration \(timeouts.configuration.secondsWithMilliseconds)s, operating \(timeouts.operating.secondsWithMilliseconds)s, release \(timeouts.release.secondsWithMilliseconds)s"))
        return properties
    }
}
