/// How strongly a requirement binds, in the words standards use.
public enum RequirementStrength: String, Sendable, Codable, CaseIterable {
    case shall, should, may
}

/// Where the authority of a requirement comes from. Never presented as stronger than it is.
public enum RequirementStatus: String, Sendable, Codable, CaseIterable {
    /// Read in the text of a standard or its official machine-readable profile.
    case normative
    /// Taken from public implementations or implementation guides, not from the standard's text.
    case derived
    /// Written to show the mechanism; never an official rule.
    case example
}

/// The public source a requirement was taken from. A clause is given only where a
/// public text names it; otherwise `reference` says where the fact was read.
public struct RequirementSource: Sendable, Hashable, Codable {
    public var document: String
    public var clause: String?
    public var reference: String?

    public init(document: String, clause: String? = nil, reference: String? = nil) {
        self.document = document
        self.clause = clause
        self.reference = reference
    }
}

/// One rule of a spec, with a stable ID that every verdict names.
public struct Requirement: Sendable {
    public var id: String
    public var specID: String
    public var title: String
    public var text: String?
    public var strength: RequirementStrength
    public var status: RequirementStatus
    public var source: RequirementSource
    /// For an overlay requirement: the base requirement it tightens.
    public var tightens: String?
    /// The machine-readable constraint, in the vocabulary of the spec's plugin.
    public var check: ConfigNode?
    public var location: SourceLocation

    public init(id: String, specID: String, title: String, text: String?, strength: RequirementStrength,
                status: RequirementStatus, source: RequirementSource, tightens: String?, check: ConfigNode?,
                location: SourceLocation) {
        self.id = id
        self.specID = specID
        self.title = title
        self.text = text
        self.strength = strength
        self.status = status
        self.source = source
        self.tightens = tightens
        self.check = check
        self.location = location
    }
}
