import MedConformCore

/// Loads a YAML test profile into a ``RunPlan`` that cannot fail later on a bad option.
///
/// Every problem in the profile is reported to the collector as `path:line:column: error:
/// message`, all of them at once and in the order of the file: YAML syntax, unknown keys
/// (with a "did you mean"), wrong types, malformed durations, sizes and addresses, unknown
/// specs, plugins, simulators and faults, and whatever each plugin finds in its own suite keys.
///
/// ```swift
/// let loader = ProfileLoader(registry: registry, specs: SpecLibrary.load(root: "Specs", collector: collector))
/// guard let plan = loader.load(path: "Profiles/demo.yaml", collector: collector) else {
///     collector.diagnostics.forEach { print($0) }
///     return
/// }
/// ```
public struct ProfileLoader: Sendable {
    /// The plugins suites may name; each validates its own suite keys.
    public let registry: PluginRegistry
    /// The specs profiles may name.
    public let specs: SpecLibrary

    public init(registry: PluginRegistry, specs: SpecLibrary) {
        self.registry = registry
        self.specs = specs
    }

    /// Reads and validates the profile at `path`.
    ///
    /// - Returns: The plan, or nil when any error was reported.
    public func load(path: String, overrides: LoadOverrides = .init(), collector: DiagnosticCollector) -> RunPlan? {
        let local = DiagnosticCollector()
        guard let file = SourceFile.read(path, collector: local) else {
            DiagnosticOrder.flush(local, into: collector)
            return nil
        }
        return load(file, overrides: overrides, local: local, collector: collector)
    }

    /// Validates profile `text`, reporting positions in `path`.
    ///
    /// - Returns: The plan, or nil when any error was reported.
    public func load(text: String, path: String, overrides: LoadOverrides = .init(), collector: DiagnosticCollector) -> RunPlan? {
        load(SourceFile(path: path, bytes: Array(text.utf8), text: text), overrides: overrides, local: DiagnosticCollector(), collector: collector)
    }

    private func load(_ file: SourceFile, overrides: LoadOverrides, local: DiagnosticCollector, collector: DiagnosticCollector) -> RunPlan? {
        var reader = ProfileReader(registry: registry, library: specs, overrides: overrides, path: file.path, collector: local)
        var plan: RunPlan?
        if let root = YAMLSource.parse(text: file.text, path: file.path, collector: local) {
            plan = reader.read(root, sha256: SHA256.hex(file.bytes))
        }
        let consequencesFrom = reader.substitutionEnd
        let failed = reader.failedSubstitutions
        DiagnosticOrder.flush(local, into: collector) { index, diagnostic in
            index >= consequencesFrom && diagnostic.location.map(failed.contains) == true
        }
        return local.hasErrors ? nil : plan
    }
}
