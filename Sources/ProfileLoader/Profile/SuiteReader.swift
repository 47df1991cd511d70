import MedConformCore

/// A suite whose common keys were read; its plugin reads the rest once every suite is known.
struct ReadSuite {
    var definition: SuiteDefinition
    var plugin: AnyProtocolPlugin?
    /// The suite's own target; nil means the profile's.
    var target: TargetDefinition? {
        get { definition.target }
        set { definition.target = newValue }
    }
    /// True when the suite has a target of its own that has errors.
    var ownTargetFailed: Bool
    /// The suite's own target as well as it could be read, for the plugin's checks.
    var ownBestEffortTarget: TargetDefinition?
    var hasOwnTarget: Bool
    /// The strict reader over the suite, with the plugin's keys allowed, handed to the plugin.
    var mapping: ConfigMapping
    /// What the suite is called in messages.
    var context: String
}

/// Reads the keys every suite has: `id`, `title`, `plugin`, `target`.
struct SuiteReader {
    let registry: PluginRegistry
    let collector: DiagnosticCollector
    let targetReader: TargetReader

    func read(_ nodes: [ConfigNode]) -> [ReadSuite] {
        var suites: [ReadSuite] = []
        var firstIDs: [String: SourceLocation] = [:]
        for (index, node) in nodes.enumerated() {
            if let suite = read(node, number: index + 1, firstIDs: &firstIDs) {
                suites.append(suite)
            }
        }
        return suites
    }

    private func read(_ node: ConfigNode, number: Int, firstIDs: inout [String: SourceLocation]) -> ReadSuite? {
        // The id and plugin are peeked at first: messages name the suite, and the plugin says
        // which other keys the suite may have.
        let context = node["id"]?.scalar.map { "suite '\($0)'" } ?? "suite \(number)"
        let plugin = node["plugin"]?.scalar.flatMap(registry.plugin)
        var keys = ProfileKeys.names(ProfileKeys.suiteCommon)
        if let plugin {
            keys += plugin.description.suiteKeys.map(\.name)
        } else {
            // Without a known plugin nothing can be said about the other keys; the plugin error says it all.
            keys += node.entries?.map(\.key) ?? []
        }
        guard let mapping = ConfigMapping(node, context: context, keys: keys, collector: collector) else { return nil }

        var id = mapping.string("id", required: true)
        if let text = id, let idNode = mapping.value("id") {
            if !ProfileRules.isValidID(text) {
                collector.error("suite id '\(text)' is not valid; use \(ProfileRules.idRule)", at: idNode.location)
                id = nil
            } else if let first = firstIDs[text] {
                collector.error("duplicate suite id '\(text)'; give each suite its own id", at: idNode.location)
                collector.append(Diagnostic(.note, "suite '\(text)' is first defined here", at: first))
            } else {
                firstIDs[text] = idNode.location
            }
        }
        let title = mapping.string("title")
        let pluginID = mapping.string("plugin", required: true)
        if let pluginID, plugin == nil, let pluginNode = mapping.value("plugin") {
            collector.error(
                "unknown plugin '\(pluginID)' in \(context)\(ProfileRules.suggestion(for: pluginID, among: registry.ids, listing: "the plugins"))",
                at: pluginNode.location)
        }
        var reading: TargetReading?
        if let targetNode = mapping.value("target") {
            reading = targetReader.read(targetNode, context: "target of \(context)", timeoutsContext: "timeouts of \(context)")
        }
        let target = reading?.definition
        let definition = SuiteDefinition(
            id: id ?? "", title: title, plugin: pluginID ?? "", target: target, node: node, location: mapping.location)
        return ReadSuite(
            definition: definition, plugin: plugin, ownTargetFailed: reading != nil && target == nil,
            ownBestEffortTarget: reading?.bestEffort, hasOwnTarget: reading != nil, mapping: mapping, context: context)
    }
}
