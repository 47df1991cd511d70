import Foundation
import MedConformCore

/// Reads a spec folder: each file on its own, then what only the whole library can tell
/// (whether `extends` and `uses` name real specs, cycles, requirement IDs used twice,
/// `tightens` naming a requirement of the base).
struct SpecLibraryLoader {
    let root: String
    let collector: DiagnosticCollector

    private var loaded: [LoadedSpec] = []
    private var unusable: [String: String] = [:]

    init(root: String, collector: DiagnosticCollector) {
        self.root = root
        self.collector = collector
    }

    consuming func load() -> SpecLibrary {
        guard let files = specFiles() else { return SpecLibrary(root: root, specs: [], unusable: [:]) }
        for relative in files {
            loadFile(relative)
        }
        checkReferences()
        checkCycles()
        checkRequirementIDs()
        checkTightens()
        let usable = loaded.map(\.spec).filter { unusable[$0.id] == nil }
        return SpecLibrary(root: root, specs: usable, unusable: unusable)
    }

    /// Paths of the `.yaml` files under the root, relative to it, sorted so that the library
    /// (and the order of its diagnostics) is the same on every machine.
    private func specFiles() -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            collector.error("cannot read the spec library '\(root)': no such directory; give the Specs folder with '--specs' or MEDCONFORM_SPECS", at: .file(root))
            return nil
        }
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            collector.error("cannot read the spec library '\(root)'; check its permissions", at: .file(root))
            return nil
        }
        var files: [String] = []
        while let next = enumerator.nextObject() as? String {
            if next.hasSuffix(".yaml") { files.append(next) }
        }
        return files.sorted()
    }

    private func path(of relative: String) -> String {
        root.hasSuffix("/") ? root + relative : root + "/" + relative
    }

    private mutating func loadFile(_ relative: String) {
        let id = String(relative.dropLast(".yaml".count))
        let path = path(of: relative)
        let errorsBefore = collector.errorCount
        guard let file = SourceFile.read(path, collector: collector),
              let root = YAMLSource.parse(text: file.text, path: path, collector: collector),
              let spec = SpecFileReader(collector: collector).read(root, expectedID: id, path: path, sha256: SHA256.hex(file.bytes))
        else {
            unusable[id] = path
            return
        }
        if collector.errorCount != errorsBefore { unusable[id] = path }
        loaded.append(spec)
    }

    private var knownIDs: [String] { loaded.map(\.spec.id) }

    private func spec(_ id: String) -> LoadedSpec? { loaded.first { $0.spec.id == id } }

    private mutating func checkReferences() {
        for entry in loaded {
            let spec = entry.spec
            let others = knownIDs.filter { $0 != spec.id }.sorted()
            if let base = spec.extends, let location = entry.extendsLocation, self.spec(base) == nil {
                collector.error(
                    "spec '\(spec.id)' extends '\(base)', which is not in '\(root)'\(ProfileRules.suggestion(for: base, among: others, listing: "the specs"))",
                    at: location)
                unusable[spec.id] = spec.path
            }
            for (used, location) in zip(spec.uses, entry.usesLocations) where self.spec(used) == nil {
                collector.error(
                    "spec '\(spec.id)' uses '\(used)', which is not in '\(root)'\(ProfileRules.suggestion(for: used, among: others, listing: "the specs"))",
                    at: location)
                unusable[spec.id] = spec.path
            }
        }
    }

    /// The specs `entry` builds on, each with the position of the reference.
    private func dependencies(of entry: LoadedSpec) -> [(id: String, location: SourceLocation, kind: String)] {
        var result: [(id: String, location: SourceLocation, kind: String)] = []
        if let base = entry.spec.extends, let location = entry.extendsLocation { result.append((base, location, "extends")) }
        for (used, location) in zip(entry.spec.uses, entry.usesLocations) { result.append((used, location, "uses")) }
        return result
    }

    private mutating func checkCycles() {
        var finished: Set<String> = []
        var reported: Set<[String]> = []
        var cyclic: Set<String> = []
        func visit(_ id: String, stack: [String]) {
            guard !finished.contains(id), let entry = spec(id) else { return }
            for dependency in dependencies(of: entry) {
                if let start = stack.firstIndex(of: dependency.id) {
                    let members = Array(stack[start...])
                    let key = members.sorted()
                    if reported.insert(key).inserted {
                        let path = (members + [dependency.id]).map { "'\($0)'" }.joined(separator: " → ")
                        collector.error(
                            "spec '\(id)' \(dependency.kind) '\(dependency.id)', which makes a cycle: \(path); a spec cannot build on itself",
                            at: dependency.location)
                    }
                    cyclic.formUnion(members)
                } else {
                    visit(dependency.id, stack: stack + [dependency.id])
                }
            }
            finished.insert(id)
        }
        for id in knownIDs.sorted() {
            visit(id, stack: [id])
        }
        for id in cyclic {
            if let entry = spec(id) { unusable[id] = entry.spec.path }
        }
    }

    private mutating func checkRequirementIDs() {
        var first: [String: SourceLocation] = [:]
        for entry in loaded {
            for (requirement, location) in zip(entry.spec.requirements, entry.requirementIDLocations) {
                if let earlier = first[requirement.id] {
                    collector.error(
                        "duplicate requirement id '\(requirement.id)'; a requirement id is unique across the whole spec library, so rename one of them",
                        at: location)
                    collector.append(Diagnostic(.note, "requirement '\(requirement.id)' is first defined here", at: earlier))
                    unusable[entry.spec.id] = entry.spec.path
                } else {
                    first[requirement.id] = location
                }
            }
        }
    }

    /// Requirement IDs of the specs `id` extends, directly or through its bases.
    private func baseRequirementIDs(of id: String) -> [String] {
        var ids: [String] = []
        var seen: Set<String> = [id]
        var next = spec(id)?.spec.extends
        while let base = next, seen.insert(base).inserted, let entry = spec(base) {
            ids.append(contentsOf: entry.spec.requirements.map(\.id))
            next = entry.spec.extends
        }
        return ids
    }

    private mutating func checkTightens() {
        for entry in loaded {
            let spec = entry.spec
            for (requirement, location) in zip(spec.requirements, entry.tightensLocations) {
                guard let tightened = requirement.tightens, let location else { continue }
                guard let base = spec.extends else {
                    collector.error(
                        "requirement '\(requirement.id)' tightens '\(tightened)', but spec '\(spec.id)' extends no other spec; add 'extends' naming the spec it tightens",
                        at: location)
                    unusable[spec.id] = spec.path
                    continue
                }
                // An unknown base is reported by checkReferences; naming it again here says nothing new.
                guard self.spec(base) != nil else { continue }
                let candidates = baseRequirementIDs(of: spec.id)
                if !candidates.contains(tightened) {
                    collector.error(
                        "requirement '\(requirement.id)' tightens '\(tightened)', which is not a requirement of '\(base)' or the specs it extends\(Suggestion.didYouMean(tightened, among: candidates))",
                        at: location)
                    unusable[spec.id] = spec.path
                }
            }
        }
    }
}
