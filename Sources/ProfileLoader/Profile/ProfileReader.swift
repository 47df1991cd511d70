import MedConformCore

/// One pass over a profile's tree: reads every key, reports every problem, and builds the plan
/// when there were none.
struct ProfileReader {
    let registry: PluginRegistry
    let library: SpecLibrary
    let overrides: LoadOverrides
    let path: String
    let collector: DiagnosticCollector

    /// Diagnostics from this index on were found after variables were substituted.
    private(set) var substitutionEnd = Int.max
    /// Scalars whose variables could not be substituted.
    private(set) var failedSubstitutions: Set<SourceLocation> = []

    init(registry: PluginRegistry, library: SpecLibrary, overrides: LoadOverrides, path: String, collector: DiagnosticCollector) {
        self.registry = registry
        self.library = library
        self.overrides = overrides
        self.path = path
        self.collector = collector
    }

    private var targetReader: TargetReader { TargetReader(registry: registry, collector: collector) }

    mutating func read(_ document: ConfigNode, sha256: String) -> RunPlan? {
        if case .null = document.kind {
            collector.error("'\(path)' is empty; a profile starts with 'medconform: \(Profile.languageVersion)'", at: document.location)
            return nil
        }
        guard let entries = document.entries else {
            _ = ConfigMapping(document, context: "profile", keys: [], collector: collector)
            return nil
        }
        // A newer profile may use keys this version does not know; listing them would only hide
        // the one error that matters.
        guard checkVersion(document) else { return nil }
        let root = substituteVariables(document, entries: entries)
        guard let profile = ConfigMapping(root, context: "profile", keys: ProfileKeys.names(ProfileKeys.topLevel), collector: collector) else {
            return nil
        }
        let id = readID(profile)
        let title = profile.string("title", required: true)
        let summary = profile.string("description")
        let references = readSpecReferences(profile)
        let device = readDevice(profile)
        let capabilities = profile.stringList("capabilities")?.map(\.0) ?? []
        let specSet = library.resolveAvailable(references, collector: collector)

        let suiteNodes = readSuiteList(profile)
        var profileTarget = TargetReading.failed
        var targetsComplete = true
        if let node = profile.value("target") {
            profileTarget = targetReader.read(node, context: "target", timeoutsContext: "timeouts").map(applyOverrides)
            targetsComplete = profileTarget.definition != nil
        } else {
            reportMissingTarget(profile, suites: suiteNodes)
        }
        var suites = SuiteReader(registry: registry, collector: collector, targetReader: targetReader).read(suiteNodes)
        for index in suites.indices {
            suites[index].target = suites[index].target.map(applyOverrides)
            suites[index].ownBestEffortTarget = suites[index].ownBestEffortTarget.map(applyOverrides)
            if suites[index].ownTargetFailed { targetsComplete = false }
        }
        if targetsComplete {
            checkFaultOverrides(targets: [profileTarget.definition].compactMap { $0 } + suites.compactMap(\.target))
        }

        let modelTarget = profileTarget.bestEffort ?? suites.lazy.compactMap(\.ownBestEffortTarget).first ?? Self.placeholderTarget(path)
        let model = Profile(
            path: path, id: id ?? "", title: title ?? "", summary: summary, specs: references,
            device: device ?? DeviceInfo(manufacturer: "", model: ""), capabilities: capabilities,
            target: modelTarget, suites: suites.map(\.definition))
        var planned: [PlannedSuite] = []
        for suite in suites {
            // A target with errors is still given to the plugin as well as it could be read, so
            // that the plugin's own keys are checked too; no plan is returned anyway.
            guard let plugin = suite.plugin,
                  let target = suite.hasOwnTarget ? suite.ownBestEffortTarget : profileTarget.bestEffort
            else { continue }
            let context = SuiteConfigurationContext(suite: suite.definition, profile: model, target: target, specs: specSet, collector: collector)
            let errorsBefore = collector.errorCount
            guard let configuration = plugin.configure(suite.mapping, context: context) else {
                if collector.errorCount == errorsBefore {
                    collector.error("plugin '\(plugin.id)' refused \(suite.context) without saying why; this is a bug in the plugin", at: suite.definition.location)
                }
                continue
            }
            planned.append(PlannedSuite(definition: suite.definition, plugin: plugin, configuration: configuration, target: target))
        }
        guard !collector.hasErrors else { return nil }
        return RunPlan(profile: model, profileSHA256: sha256, specs: specSet, suites: planned)
    }

    // MARK: - Top level

    /// Checks `medconform:`; false when the profile is of a newer language and reading must stop.
    private func checkVersion(_ document: ConfigNode) -> Bool {
        let version = Profile.languageVersion
        guard let node = document["medconform"], node.kind != .null else {
            collector.error("profile is missing the required key 'medconform'; write 'medconform: \(version)' as its first line", at: document.location)
            return true
        }
        guard let text = node.scalar, let declared = Int(text) else {
            collector.error("'medconform' in profile must be \(version), the profile language version; found '\(node.scalar ?? node.typeName)'", at: node.location)
            return true
        }
        if declared > version {
            collector.error("this version of medconform reads profile language version \(version); '\(path)' declares version \(declared)", at: node.location)
            return false
        }
        if declared != version {
            collector.error("'medconform' in profile must be \(version), the profile language version; found '\(text)'", at: node.location)
        }
        return true
    }

    private mutating func substituteVariables(_ document: ConfigNode, entries: [ConfigEntry]) -> ConfigNode {
        var variables = Variables(environment: overrides.environment, collector: collector)
        variables.define(from: document["variables"])
        let substituted = entries.map { entry in
            entry.key == "variables" || entry.key == "medconform"
                ? entry
                : ConfigEntry(key: entry.key, keyLocation: entry.keyLocation, value: variables.substitute(entry.value))
        }
        substitutionEnd = collector.diagnostics.count
        failedSubstitutions = variables.failedLocations
        return ConfigNode(.mapping(substituted), at: document.location)
    }

    private func missing(_ key: String, in mapping: ConfigMapping) {
        collector.error("\(mapping.context) is missing the required key '\(key)'", at: mapping.location)
    }

    private func readID(_ profile: ConfigMapping) -> String? {
        guard let id = profile.string("id", required: true), let node = profile.value("id") else { return nil }
        guard ProfileRules.isValidID(id) else {
            collector.error("profile id '\(id)' is not valid; use \(ProfileRules.idRule)", at: node.location)
            return nil
        }
        return id
    }

    private func readSpecReferences(_ profile: ConfigMapping) -> [SpecReference] {
        guard let node = profile.value("specs") else {
            missing("specs", in: profile)
            return []
        }
        let list = profile.stringList("specs") ?? []
        if list.isEmpty, node.items != nil {
            collector.error("'specs' in profile must name at least one spec, such as 'ihe-pcd-01'", at: node.location)
        }
        return list.map { SpecReference(id: $0.0, location: $0.1) }
    }

    private func readDevice(_ profile: ConfigMapping) -> DeviceInfo? {
        guard let device = profile.mapping("device", context: "device", keys: ProfileKeys.names(ProfileKeys.device), required: true) else {
            return nil
        }
        let manufacturer = device.string("manufacturer", required: true)
        let model = device.string("model", required: true)
        let firmware = device.string("firmware")
        let serial = device.string("serial")
        guard let manufacturer, let model else { return nil }
        return DeviceInfo(manufacturer: manufacturer, model: model, firmware: firmware, serial: serial)
    }

    private func readSuiteList(_ profile: ConfigMapping) -> [ConfigNode] {
        guard let suites = profile.list("suites", required: true) else { return [] }
        if suites.isEmpty, let node = profile.value("suites") {
            collector.error("'suites' in profile must list at least one suite", at: node.location)
        }
        return suites
    }

    private func reportMissingTarget(_ profile: ConfigMapping, suites: [ConfigNode]) {
        let without = suites.enumerated().filter { _, node in
            node.entries != nil && (node["target"].map { $0.kind == .null } ?? true)
        }
        guard !without.isEmpty || suites.isEmpty else { return }
        let names = without.map { index, node in node["id"]?.scalar.map { "'\($0)'" } ?? "\(index + 1)" }
        let which = names.isEmpty ? "" : "; suite\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")) \(names.count == 1 ? "has" : "have") no target of \(names.count == 1 ? "its" : "their") own"
        collector.error("profile is missing the required key 'target'\(which), so add 'target' to the profile or to each suite", at: profile.location)
    }

    // MARK: - Overrides

    private func applyOverrides(_ target: TargetDefinition) -> TargetDefinition {
        guard case .simulator(var selection) = target.endpoint else { return target }
        if let seed = overrides.seed { selection.seed = seed }
        let known = registry.simulator(selection.name)?.simulator.faults.map(\.name) ?? []
        for fault in overrides.faults where known.contains(fault) && !selection.faults.contains(fault) {
            selection.faults.append(fault)
        }
        var result = target
        result.endpoint = .simulator(selection)
        return result
    }

    private func checkFaultOverrides(targets: [TargetDefinition]) {
        var simulators: [String] = []
        for target in targets {
            if case .simulator(let selection) = target.endpoint, !simulators.contains(selection.name) {
                simulators.append(selection.name)
            }
        }
        var known: [String] = []
        for name in simulators {
            for fault in registry.simulator(name)?.simulator.faults ?? [] where !known.contains(fault.name) {
                known.append(fault.name)
            }
        }
        known.sort()
        var reported: [String] = []
        for fault in overrides.faults where !known.contains(fault) && !reported.contains(fault) {
            reported.append(fault)
            if simulators.isEmpty {
                collector.error("--fault '\(fault)' needs a simulator target, and '\(path)' tests no simulator; remove --fault or test a simulator", at: .file(path))
            } else {
                collector.error(
                    "--fault '\(fault)' names no fault of the simulators this profile tests (\(ProfileRules.quotedList(simulators.sorted())))\(ProfileRules.suggestion(for: fault, among: known, listing: "their faults"))",
                    at: .file(path))
            }
        }
    }

    /// Stands in for the profile's target in the model passed to plugins while the profile has
    /// errors anyway (no plan is returned then).
    private static func placeholderTarget(_ path: String) -> TargetDefinition {
        TargetDefinition(endpoint: .connect(NetworkAddress(host: "0.0.0.0", port: 0)), transport: "mllp", timeouts: Timeouts(),
                         maxFrameBytes: TargetDefinition.defaultMaxFrameBytes, location: .file(path))
    }
}
