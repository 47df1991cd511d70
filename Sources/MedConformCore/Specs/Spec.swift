/// A standard, profile of a standard, or national overlay, written as data in `Specs/`.
public struct Spec: Sendable {
    public var id: String
    public var title: String
    public var version: String?
    /// The plugin whose check vocabulary the requirements use.
    public var plugin: String?
    /// The spec this one builds on: a national overlay extends a base, and PCD-01 extends HL7 v2.
    public var extends: String?
    /// Data-only specs (code tables) whose tables this one reads.
    public var uses: [String]
    /// The status of the spec as a whole; an overlay written to show the mechanism is `example`.
    public var status: RequirementStatus
    public var summary: String?
    public var requirements: [Requirement]
    /// Named tables (codes, units, value sets) for the plugin, as written.
    public var tables: [ConfigEntry]
    /// Message structures (segment usage and cardinality) for the plugin, as written.
    public var structures: [ConfigEntry]
    public var path: String
    /// SHA-256 of the spec file, filled in by the loader.
    public var sha256: String

    public init(id: String, title: String, version: String?, plugin: String?, extends: String?, uses: [String],
                status: RequirementStatus, summary: String?, requirements: [Requirement], tables: [ConfigEntry],
                structures: [ConfigEntry], path: String, sha256: String) {
        self.id = id
        self.title = title
        self.version = version
        self.plugin = plugin
        self.extends = extends
        self.uses = uses
        self.status = status
        self.summary = summary
        self.requirements = requirements
        self.tables = tables
        self.structures = structures
        self.path = path
        self.sha256 = sha256
    }

    /// True for a spec that builds on another one: its results name it and its base separately.
    public var isOverlay: Bool { extends != nil }
}

/// The specs selected by a profile, resolved with everything they extend and use:
/// bases come before the specs that extend them, and data-only specs come first.
public struct SpecSet: Sendable {
    public var specs: [Spec]

    public init(specs: [Spec]) { self.specs = specs }

    public static let empty = SpecSet(specs: [])

    /// Every requirement, bases first, in the order written.
    public var requirements: [Requirement] { specs.flatMap(\.requirements) }

    public func spec(_ id: String) -> Spec? { specs.first { $0.id == id } }

    public func requirement(_ id: String) -> Requirement? {
        for spec in specs {
            if let found = spec.requirements.first(where: { $0.id == id }) { return found }
        }
        return nil
    }

    /// The table named `name`; a later spec (an overlay) replaces an earlier one's table.
    public func table(_ name: String) -> ConfigEntry? {
        specs.reversed().lazy.compactMap { $0.tables.first { $0.key == name } }.first
    }

    /// The structure named `name`; a later spec replaces an earlier one's.
    public func structure(_ name: String) -> ConfigEntry? {
        specs.reversed().lazy.compactMap { $0.structures.first { $0.key == name } }.first
    }

    /// The reference for a requirement, naming its spec and, for an overlay, the base it extends.
    public func reference(for requirement: Requirement) -> RequirementRef {
        let spec = self.spec(requirement.specID)
        return RequirementRef(
            id: requirement.id, spec: requirement.specID, base: spec?.extends,
            tightens: requirement.tightens, status: requirement.status, strength: requirement.strength)
    }
}
