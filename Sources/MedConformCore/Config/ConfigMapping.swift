/// Strict, positioned reading of one mapping of a profile or spec.
///
/// The reader is told every key the mapping may hold when it is made, so unknown keys
/// are reported at once with a "did you mean"; each typed accessor reports a wrong type
/// or a bad value at the value's position and returns nil, so one pass finds every error.
public struct ConfigMapping {
    public let node: ConfigNode
    public let collector: DiagnosticCollector
    /// What this mapping is, for messages: "profile", "suite 'observations'", "target".
    public let context: String
    private let entries: [ConfigEntry]

    /// Reads `node` as a mapping whose keys must be among `keys`. Returns nil (and reports)
    /// when the node is not a mapping at all.
    public init?(_ node: ConfigNode, context: String, keys: [String], collector: DiagnosticCollector) {
        guard let entries = node.entries else {
            collector.error("\(context) must be a mapping, found \(node.typeName)", at: node.location)
            return nil
        }
        self.node = node
        self.collector = collector
        self.context = context
        self.entries = entries
        var seen: [String] = []
        for entry in entries {
            if seen.contains(entry.key) {
                collector.error("duplicate key '\(entry.key)' in \(context)", at: entry.keyLocation)
            }
            seen.append(entry.key)
            if !keys.contains(entry.key) {
                collector.error(
                    "unknown key '\(entry.key)' in \(context)\(Suggestion.didYouMean(entry.key, among: keys))",
                    at: entry.keyLocation)
            }
        }
    }

    public var location: SourceLocation { node.location }

    /// The keys present, in the order written.
    public var keys: [String] { entries.map(\.key) }

    public func contains(_ key: String) -> Bool { entries.contains { $0.key == key } }

    /// The raw node for `key`, or nil when absent or explicitly null.
    public func value(_ key: String) -> ConfigNode? {
        guard let node = entries.first(where: { $0.key == key })?.value else { return nil }
        if case .null = node.kind { return nil }
        return node
    }

    /// The position of `key` itself, falling back to the mapping.
    public func keyLocation(_ key: String) -> SourceLocation {
        entries.first { $0.key == key }?.keyLocation ?? node.location
    }

    private func missing(_ key: String) {
        collector.error("\(context) is missing the required key '\(key)'", at: node.location)
    }

    /// A string value. Numbers and booleans written plainly are accepted as their text.
    public func string(_ key: String, required: Bool = false) -> String? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard let text = node.scalar else {
            collector.error("'\(key)' in \(context) must be a string, found \(node.typeName)", at: node.location)
            return nil
        }
        return text
    }

    /// A string that must be one of `allowed`.
    public func choice(_ key: String, _ allowed: [String], required: Bool = false) -> String? {
        guard let text = string(key, required: required), let node = value(key) else { return nil }
        guard allowed.contains(text) else {
            collector.error(
                "'\(key)' in \(context) must be one of \(allowed.map { "'\($0)'" }.joined(separator: ", ")); found '\(text)'\(Suggestion.didYouMean(text, among: allowed))",
                at: node.location)
            return nil
        }
        return text
    }

    /// An integer within `range`.
    public func integer(_ key: String, in range: ClosedRange<Int> = Int.min...Int.max, required: Bool = false) -> Int? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        return ConfigValues.integer(node, name: "'\(key)' in \(context)", in: range, collector: collector)
    }

    /// An unsigned 64-bit integer such as a seed (decimal or 0x hexadecimal).
    public func unsigned64(_ key: String, required: Bool = false) -> UInt64? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard let text = node.scalar, let value = ConfigValues.parseUnsigned64(text) else {
            collector.error("'\(key)' in \(context) must be a whole number from 0 to 18446744073709551615 (decimal or 0x…), found '\(node.scalar ?? node.typeName)'", at: node.location)
            return nil
        }
        return value
    }

    public func boolean(_ key: String) -> Bool? {
        guard let node = value(key) else { return nil }
        switch node.scalar {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            collector.error("'\(key)' in \(context) must be true or false, found '\(node.scalar ?? node.typeName)'", at: node.location)
            return nil
        }
    }

    /// A duration such as `500ms`, `2s`, `1.5s`, `3m`.
    public func duration(_ key: String, required: Bool = false) -> Duration? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        return ConfigValues.duration(node, name: "'\(key)' in \(context)", collector: collector)
    }

    /// A byte size such as `65536`, `64KiB`, `1MiB`.
    public func byteSize(_ key: String, in range: ClosedRange<Int> = 1...(1 << 30)) -> Int? {
        guard let node = value(key) else { return nil }
        return ConfigValues.byteSize(node, name: "'\(key)' in \(context)", in: range, collector: collector)
    }

    /// A `host:port` address.
    public func address(_ key: String) -> NetworkAddress? {
        guard let node = value(key) else { return nil }
        return ConfigValues.address(node, name: "'\(key)' in \(context)", collector: collector)
    }

    /// A list of strings; a single scalar is accepted as a list of one.
    public func stringList(_ key: String) -> [(String, SourceLocation)]? {
        guard let node = value(key) else { return nil }
        if let single = node.scalar { return [(single, node.location)] }
        guard let items = node.items else {
            collector.error("'\(key)' in \(context) must be a list of strings, found \(node.typeName)", at: node.location)
            return nil
        }
        var result: [(String, SourceLocation)] = []
        for item in items {
            if let text = item.scalar {
                result.append((text, item.location))
            } else {
                collector.error("items of '\(key)' in \(context) must be strings, found \(item.typeName)", at: item.location)
            }
        }
        return result
    }

    /// A list of nodes.
    public func list(_ key: String, required: Bool = false) -> [ConfigNode]? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        guard let items = node.items else {
            collector.error("'\(key)' in \(context) must be a list, found \(node.typeName)", at: node.location)
            return nil
        }
        return items
    }

    /// A nested mapping with its own set of allowed keys.
    public func mapping(_ key: String, context nested: String? = nil, keys: [String], required: Bool = false) -> ConfigMapping? {
        guard let node = value(key) else {
            if required { missing(key) }
            return nil
        }
        return ConfigMapping(node, context: nested ?? "'\(key)'", keys: keys, collector: collector)
    }
}
