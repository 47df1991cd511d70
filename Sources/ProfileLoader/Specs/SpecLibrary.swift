import Foundation
import MedConformCore

/// The specs of a `Specs/` folder: standards, profiles of standards, national overlays and
/// data-only code tables, each one YAML file whose id is its path in the folder.
///
/// ```swift
/// let library = SpecLibrary.load(root: "Specs", collector: collector)
/// let set = library.resolve([SpecReference(id: "national/example-id", location: here)], collector: collector)
/// // set?.specs: terminology/mdc, hl7v2, ihe-pcd-01, national/example-id
/// ```
public struct SpecLibrary: Sendable {
    /// The folder the specs were read from, as given.
    public let root: String
    /// Every spec that loaded without error, sorted by id.
    public let specs: [Spec]
    /// Specs whose file (or whose relation to other files) has errors, by id, with their paths.
    let unusable: [String: String]

    /// A library of specs built in memory, taken as they are (for tests and tools).
    public init(root: String = "Specs", specs: [Spec]) {
        self.root = root
        self.specs = specs.sorted { $0.id < $1.id }
        self.unusable = [:]
    }

    init(root: String, specs: [Spec], unusable: [String: String]) {
        self.root = root
        self.specs = specs.sorted { $0.id < $1.id }
        self.unusable = unusable
    }

    /// The ids of specs that cannot be used because their files have errors, sorted.
    public var unusableSpecIDs: [String] { unusable.keys.sorted() }

    /// The spec with this id, if it loaded without error.
    public func spec(_ id: String) -> Spec? { specs.first { $0.id == id } }

    /// Reads every `*.yaml` file under `root`, in order of path.
    ///
    /// Each problem is reported to `collector` at its position. A spec with errors is left out
    /// of ``specs``; a profile that names it is told so when it is resolved.
    public static func load(root: String, collector: DiagnosticCollector) -> SpecLibrary {
        let local = DiagnosticCollector()
        let library = SpecLibraryLoader(root: root, collector: local).load()
        DiagnosticOrder.flush(local, into: collector)
        return library
    }

    /// Resolves the specs a profile names into the set a run uses: each with the specs it
    /// extends (bases first) and uses (data-only specs first), every spec once.
    ///
    /// - Returns: The set, or nil when a reference names an unknown spec or one that cannot be
    ///   used (each reported at the reference's position).
    public func resolve(_ references: [SpecReference], collector: DiagnosticCollector) -> SpecSet? {
        let errorsBefore = collector.errorCount
        let set = resolveAvailable(references, collector: collector)
        return collector.errorCount == errorsBefore ? set : nil
    }

    /// Like ``resolve(_:collector:)`` but returns the specs that could be resolved even when
    /// others could not, so that a profile's suites can still be checked against them.
    func resolveAvailable(_ references: [SpecReference], collector: DiagnosticCollector) -> SpecSet {
        var resolver = SpecResolver(library: self)
        for reference in references {
            if let problem = resolver.visit(reference.id, requestedAs: reference.id) {
                collector.error(problem, at: reference.location)
            }
        }
        return SpecSet(specs: resolver.ordered())
    }
}

/// Orders specs so that everything a spec builds on comes before it.
private struct SpecResolver {
    let library: SpecLibrary
    private var order: [Spec] = []
    private var done: Set<String> = []
    private var active: [String] = []

    init(library: SpecLibrary) { self.library = library }

    /// Adds `id` and what it builds on; returns the problem to report, if any.
    mutating func visit(_ id: String, requestedAs requested: String) -> String? {
        if done.contains(id) { return nil }
        if let start = active.firstIndex(of: id) {
            let cycle = (active[start...] + [id]).map { "'\($0)'" }.joined(separator: " → ")
            return "spec '\(requested)' cannot be used: its 'extends' and 'uses' form a cycle, \(cycle)"
        }
        guard let spec = library.spec(id) else {
            if let path = library.unusable[id] {
                return id == requested
                    ? "spec '\(id)' cannot be used because '\(path)' has errors; fix them first"
                    : "spec '\(requested)' cannot be used: it builds on '\(id)', and '\(path)' has errors; fix them first"
            }
            if id == requested {
                let known = (library.specs.map(\.id) + library.unusable.keys).sorted()
                return "unknown spec '\(id)'\(ProfileRules.suggestion(for: id, among: known, listing: "the specs in '\(library.root)'"))"
            }
            return "spec '\(requested)' cannot be used: it builds on '\(id)', which is not in '\(library.root)'"
        }
        active.append(id)
        defer { active.removeLast() }
        for dependency in spec.uses + (spec.extends.map { [$0] } ?? []) {
            if let problem = visit(dependency, requestedAs: requested) { return problem }
        }
        done.insert(id)
        order.append(spec)
        return nil
    }

    /// The specs visited, data-only ones (no plugin, building on nothing with a plugin) first,
    /// otherwise in the order visited, which puts every base before what extends it.
    func ordered() -> [Spec] {
        var dataOnly: [String: Bool] = [:]
        for spec in order {
            let dependencies = spec.uses + (spec.extends.map { [$0] } ?? [])
            dataOnly[spec.id] = spec.plugin == nil && dependencies.allSatisfy { dataOnly[$0] ?? false }
        }
        return order.filter { dataOnly[$0.id] ?? false } + order.filter { !(dataOnly[$0.id] ?? false) }
    }
}
