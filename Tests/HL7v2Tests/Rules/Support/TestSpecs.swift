import Foundation
import MedConformCore
@testable import HL7v2

/// Spec values for the rule tests, built from YAML text with ``MiniYAML`` (fixtures written in
/// the tests) or from the repository's real `Specs/` folder.
enum TestSpecs {
    /// Builds a `Spec` from the text of one spec document.
    static func spec(_ yaml: String, path: String = "test-spec.yaml") throws -> Spec {
        let root = try MiniYAML.parse(yaml, file: path)
        guard let top = root.entries else { throw MiniYAML.Failure(description: "\(path): not a mapping") }
        func text(_ key: String) -> String? { root[key]?.scalar }
        let id = text("spec") ?? path
        let status = text("status").flatMap(RequirementStatus.init(rawValue:)) ?? .derived
        var sources: [String: RequirementSource] = [:]
        for item in root["sources"]?.items ?? [] {
            guard let sourceID = item["id"]?.scalar else { continue }
            sources[sourceID] = RequirementSource(document: item["document"]?.scalar ?? sourceID,
                                                  reference: item["reference"]?.scalar)
        }
        let requirements = (root["requirements"]?.items ?? []).map { item in
            let sourceID = item["source"]?.scalar ?? "unknown"
            return Requirement(
                id: item["id"]?.scalar ?? "?", specID: id, title: item["title"]?.scalar ?? "",
                text: item["text"]?.scalar,
                strength: item["strength"]?.scalar.flatMap(RequirementStrength.init(rawValue:)) ?? .shall,
                status: status, source: sources[sourceID] ?? RequirementSource(document: sourceID),
                tightens: item["tightens"]?.scalar, check: item["check"], location: item.location)
        }
        _ = top
        return Spec(
            id: id, title: text("title") ?? id, version: text("version"), plugin: text("plugin"),
            extends: text("extends"), uses: root["uses"]?.items?.compactMap(\.scalar) ?? [], status: status,
            summary: text("summary"), requirements: requirements, tables: root["tables"]?.entries ?? [],
            structures: root["structures"]?.entries ?? [], path: path, sha256: "")
    }

    /// A spec set from several documents, in the order given (bases first).
    static func set(_ documents: String...) throws -> SpecSet {
        SpecSet(specs: try documents.enumerated().map { try spec($0.element, path: "spec\($0.offset + 1).yaml") })
    }

    /// Compiles and returns the rule set and every diagnostic.
    static func compile(_ specs: SpecSet) -> (rules: HL7RuleSet?, diagnostics: [Diagnostic]) {
        let collector = DiagnosticCollector()
        let rules = HL7RuleSet.compile(specs: specs, collector: collector)
        return (rules, collector.sorted)
    }

    // MARK: The repository's Specs folder

    /// `Specs/` of the package these tests belong to.
    static let specsDirectory: URL? = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                let specs = url.appendingPathComponent("Specs")
                return FileManager.default.fileExists(atPath: specs.path) ? specs : nil
            }
            url = url.deletingLastPathComponent()
        }
        return nil
    }()

    /// The real specs `ids`, with everything they extend and use, bases and data-only specs first.
    static func real(_ ids: [String]) throws -> SpecSet {
        guard let directory = specsDirectory else { throw MiniYAML.Failure(description: "no Specs folder") }
        var ordered: [Spec] = []
        func visit(_ id: String) throws {
            guard !ordered.contains(where: { $0.id == id }) else { return }
            let path = directory.appendingPathComponent(id + ".yaml").path
            guard let data = FileManager.default.contents(atPath: path) else {
                throw MiniYAML.Failure(description: "cannot read \(path)")
            }
            let spec = try spec(String(decoding: data, as: UTF8.self), path: "Specs/\(id).yaml")
            for used in spec.uses { try visit(used) }
            if let base = spec.extends { try visit(base) }
            if !ordered.contains(where: { $0.id == id }) { ordered.append(spec) }
        }
        for id in ids { try visit(id) }
        return SpecSet(specs: ordered)
    }

    /// PCD-01 with its base and terminology.
    static func pcd01() throws -> SpecSet { try real(["ihe-pcd-01"]) }

    /// PCD-01 tightened by the example national overlay.
    static func national() throws -> SpecSet { try real(["national/example-id"]) }
}
