/// A document tree (from YAML or JSON) in which every node remembers where it was written.
///
/// Core knows no YAML: the profile loader turns parsed YAML into this tree, and the rest
/// of the harness (profile model, spec model, plugins reading their own keys) reads it
/// through ``ConfigMapping``, so every mistake can be reported at `file:line:column`.
public struct ConfigNode: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A scalar as written. `quoted` is true for `'…'` and `"…"` scalars, which are
        /// always strings, never numbers or booleans.
        case scalar(String, quoted: Bool)
        case sequence([ConfigNode])
        case mapping([ConfigEntry])
        case null
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// A short name for the node's type, used in "expected X, found Y" messages.
    public var typeName: String {
        switch kind {
        case .scalar: "a scalar"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .null: "nothing"
        }
    }

    /// The scalar text, if the node is a scalar.
    public var scalar: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    /// The entries, if the node is a mapping.
    public var entries: [ConfigEntry]? {
        if case .mapping(let entries) = kind { return entries }
        return nil
    }

    /// The items, if the node is a sequence.
    public var items: [ConfigNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    /// The value for `key` in a mapping, without marking anything as read.
    public subscript(key: String) -> ConfigNode? {
        entries?.first { $0.key == key }?.value
    }
}

/// One `key: value` pair of a mapping, with the position of the key itself.
public struct ConfigEntry: Sendable, Equatable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: ConfigNode

    public init(key: String, keyLocation: SourceLocation, value: ConfigNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
