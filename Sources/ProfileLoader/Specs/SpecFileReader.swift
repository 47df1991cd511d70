import MedConformCore

/// A spec as read from its file, with the positions that the library's checks across files
/// (duplicate requirement IDs, `extends`, `uses`, `tightens`) report at.
struct LoadedSpec {
    var spec: Spec
    var idLocation: SourceLocation
    var extendsLocation: SourceLocation?
    var usesLocations: [SourceLocation]
    /// Parallel to `spec.requirements`.
    var requirementIDLocations: [SourceLocation]
    /// Parallel to `spec.requirements`.
    var tightensLocations: [SourceLocation?]
}

/// Reads one spec file's tree. Checks that need the other files are the library's.
struct SpecFileReader {
    let collector: DiagnosticCollector

    private struct NamedSource {
        var source: RequirementSource
        var location: SourceLocation
    }

    /// Reads `root` as the spec whose id must be `expectedID` (its path in the library).
    /// Returns nil when the spec lacks what every use of it needs; other problems are reported
    /// and the spec is still returned.
    func read(_ root: ConfigNode, expectedID: String, path: String, sha256: String) -> LoadedSpec? {
        let context = "spec '\(expectedID)'"
        guard let mapping = ConfigMapping(root, context: context, keys: SpecKeys.topLevel, collector: collector) else { return nil }
        let id = mapping.string("spec", required: true)
        if let id, id != expectedID, let node = mapping.value("spec") {
            collector.error(
                "'spec' must be '\(expectedID)', the file's path in the library without '.yaml', found '\(id)'; change the id or move the file",
                at: node.location)
        }
        let title = mapping.string("title", required: true)
        let version = mapping.string("version")
        let plugin = mapping.string("plugin")
        let extends = mapping.string("extends")
        let uses = mapping.stringList("uses") ?? []
        let status = mapping.choice("status", SpecKeys.statuses, required: true).flatMap(RequirementStatus.init(rawValue:))
        let summary = mapping.string("summary")
        let sources = readSources(mapping, context: context)
        let tables = readEntries(mapping, key: "tables", context: context)
        let structures = readEntries(mapping, key: "structures", context: context)

        var requirements: [Requirement] = []
        var idLocations: [SourceLocation] = []
        var tightensLocations: [SourceLocation?] = []
        for (index, node) in (mapping.list("requirements") ?? []).enumerated() {
            let read = readRequirement(node, number: index + 1, specID: expectedID, specStatus: status, sources: sources, context: context)
            if let read {
                requirements.append(read.requirement)
                idLocations.append(read.idLocation)
                tightensLocations.append(read.tightensLocation)
            }
        }
        guard let title, let status else { return nil }
        let spec = Spec(
            id: expectedID, title: title, version: version, plugin: plugin, extends: extends, uses: uses.map(\.0),
            status: status, summary: summary, requirements: requirements, tables: tables, structures: structures,
            path: path, sha256: sha256)
        return LoadedSpec(
            spec: spec, idLocation: mapping.value("spec")?.location ?? mapping.location,
            extendsLocation: mapping.value("extends")?.location, usesLocations: uses.map(\.1),
            requirementIDLocations: idLocations, tightensLocations: tightensLocations)
    }

    private func readSources(_ spec: ConfigMapping, context: String) -> [String: NamedSource] {
        var sources: [String: NamedSource] = [:]
        for (index, node) in (spec.list("sources") ?? []).enumerated() {
            let name = node["id"]?.scalar.map { "source '\($0)'" } ?? "source \(index + 1) of \(context)"
            guard let mapping = ConfigMapping(node, context: name, keys: SpecKeys.source, collector: collector) else { continue }
            let id = mapping.string("id", required: true)
            let document = mapping.string("document", required: true)
            let reference = mapping.string("reference")
            guard let id, let document, let idNode = mapping.value("id") else { continue }
            if let first = sources[id] {
                collector.error("duplicate source id '\(id)' in \(context); give each source its own id", at: idNode.location)
                collector.append(Diagnostic(.note, "source '\(id)' is first defined here", at: first.location))
                continue
            }
            sources[id] = NamedSource(source: RequirementSource(document: document, reference: reference), location: idNode.location)
        }
        return sources
    }

    private func readEntries(_ spec: ConfigMapping, key: String, context: String) -> [ConfigEntry] {
        guard let node = spec.value(key) else { return [] }
        guard let entries = node.entries else {
            collector.error("'\(key)' in \(context) must be a mapping of names to their contents, found \(node.typeName)", at: node.location)
            return []
        }
        return entries
    }

    private struct ReadRequirement {
        var requirement: Requirement
        var idLocation: SourceLocation
        var tightensLocation: SourceLocation?
    }

    private func readRequirement(_ node: ConfigNode, number: Int, specID: String, specStatus: RequirementStatus?,
                                 sources: [String: NamedSource], context: String) -> ReadRequirement? {
        let rawID = node["id"]?.scalar
        let name = rawID.map { "requirement '\($0)'" } ?? "requirement \(number) of \(context)"
        guard let mapping = ConfigMapping(node, context: name, keys: SpecKeys.requirement, collector: collector) else { return nil }
        let id = mapping.string("id", required: true)
        var idIsValid = id != nil
        if let id, !SpecKeys.isValidRequirementID(id), let idNode = mapping.value("id") {
            collector.error(
                "requirement id '\(id)' is not valid; write upper-case letters and digits in parts joined by '-', starting with a letter, such as 'PCD01-OBX-3'",
                at: idNode.location)
            idIsValid = false
        }
        let title = mapping.string("title", required: true)
        let text = mapping.string("text")
        let strength = mapping.choice("strength", SpecKeys.strengths, required: true).flatMap(RequirementStrength.init(rawValue:))
        var status = mapping.choice("status", SpecKeys.statuses).flatMap(RequirementStatus.init(rawValue:))
        if let given = status, specStatus == .example, given != .example, let statusNode = mapping.value("status") {
            collector.error(
                "\(name) is in the example \(context), so its status must be 'example', found '\(given.rawValue)'; an example is never presented as an official rule",
                at: statusNode.location)
            status = nil
        }
        let source = readSource(mapping, name: name, sources: sources)
        let tightens = mapping.string("tightens")
        let check = mapping.value("check")
        guard let id, idIsValid, let title, let strength, let source else { return nil }
        let requirement = Requirement(
            id: id, specID: specID, title: title, text: text, strength: strength,
            status: status ?? specStatus ?? .example, source: source, tightens: tightens, check: check,
            location: mapping.location)
        return ReadRequirement(
            requirement: requirement, idLocation: mapping.value("id")?.location ?? mapping.location,
            tightensLocation: mapping.value("tightens")?.location)
    }

    private func readSource(_ requirement: ConfigMapping, name: String, sources: [String: NamedSource]) -> RequirementSource? {
        guard let node = requirement.value("source") else {
            _ = requirement.string("source", required: true)
            return nil
        }
        switch node.kind {
        case .scalar(let id, _):
            if let named = sources[id] { return named.source }
            let known = sources.keys.sorted()
            let hint = known.isEmpty
                ? "; list it under 'sources' with 'id' and 'document', or write the source here as a mapping with 'document'"
                : ProfileRules.suggestion(for: id, among: known, listing: "the sources")
            collector.error("\(name) names the source '\(id)', which is not in 'sources'\(hint)", at: node.location)
            return nil
        case .mapping:
            guard let mapping = ConfigMapping(node, context: "the source of \(name)", keys: SpecKeys.inlineSource, collector: collector) else {
                return nil
            }
            let document = mapping.string("document", required: true)
            let clause = mapping.string("clause")
            let reference = mapping.string("reference")
            guard let document else { return nil }
            return RequirementSource(document: document, clause: clause, reference: reference)
        default:
            collector.error(
                "'source' in \(name) must be the id of an entry of 'sources' or a mapping with 'document', found \(node.typeName)",
                at: node.location)
            return nil
        }
    }
}
