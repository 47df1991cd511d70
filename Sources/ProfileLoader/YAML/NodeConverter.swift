import MedConformCore
import Yams

/// Converts a composed Yams tree into a ``ConfigNode`` tree, reporting what YAML allows but
/// a profile or spec cannot hold: duplicated keys, keys that are lists or mappings, and
/// documents that aliases blow up beyond any reasonable size.
struct NodeConverter {
    let path: String
    let collector: DiagnosticCollector
    let renamedKeys: [KeyPosition: Unicode.Scalar]

    /// Aliases are resolved by copying, so a few lines can expand exponentially ("billion
    /// laughs"); no real profile or spec comes near this many nodes.
    static let nodeLimit = 1_000_000
    private var remaining = NodeConverter.nodeLimit
    private var exhausted = false

    private static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]
    private static let nullTag = "tag:yaml.org,2002:null"

    init(path: String, collector: DiagnosticCollector, renamedKeys: [KeyPosition: Unicode.Scalar]) {
        self.path = path
        self.collector = collector
        self.renamedKeys = renamedKeys
    }

    /// The converted document, or nil when it is too large to hold.
    mutating func convertDocument(_ root: Node) -> ConfigNode? {
        let converted = convert(root)
        return exhausted ? nil : converted
    }

    private func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return .file(path) }
        return SourceLocation(file: path, line: mark.line, column: mark.column)
    }

    private mutating func convert(_ node: Node) -> ConfigNode {
        let here = location(node.mark)
        remaining -= 1
        if remaining < 0 {
            if !exhausted {
                exhausted = true
                collector.error(
                    "the document expands to more than \(Self.nodeLimit) values through its aliases; write the values out or use fewer aliases",
                    at: here)
            }
            return ConfigNode(.null, at: here)
        }
        switch node {
        case .scalar(let scalar):
            return convert(scalar, at: here)
        case .sequence(let sequence):
            var items: [ConfigNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                items.append(convert(item))
            }
            return ConfigNode(.sequence(items), at: here)
        case .mapping(let mapping):
            return ConfigNode(.mapping(convertEntries(mapping)), at: here)
        case .alias:
            // The parser resolves aliases; a bare alias node would mean Yams changed.
            collector.error("an alias could not be resolved; write the value out", at: here)
            return ConfigNode(.null, at: here)
        }
    }

    private func convert(_ scalar: Node.Scalar, at here: SourceLocation) -> ConfigNode {
        let tag = scalar.tag.rawValue
        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        let plain = scalar.style == .plain || scalar.style == .any
        if tag == Self.nullTag || (plain && tag.isEmpty && Self.nullWords.contains(scalar.string)) {
            return ConfigNode(.null, at: here)
        }
        return ConfigNode(.scalar(scalar.string, quoted: quoted), at: here)
    }

    private mutating func convertEntries(_ mapping: Node.Mapping) -> [ConfigEntry] {
        var entries: [ConfigEntry] = []
        var merges: [Node] = []
        for (keyNode, valueNode) in mapping {
            let keyLocation = location(keyNode.mark)
            guard let keyScalar = keyNode.scalar else {
                collector.error("a key must be text, found \(typeName(keyNode)); write the key as a plain or quoted word", at: keyLocation)
                continue
            }
            let key = originalText(of: keyScalar)
            if key == "<<", keyScalar.style == .plain {
                merges.append(valueNode)
                continue
            }
            if let first = entries.first(where: { $0.key == key }) {
                reportDuplicate(key, at: keyLocation, first: first.keyLocation)
                continue
            }
            entries.append(ConfigEntry(key: key, keyLocation: keyLocation, value: convert(valueNode)))
        }
        // Keys written in the mapping win over merged ones, and earlier merges over later ones.
        for merge in merges {
            for source in mergeSources(merge) {
                for entry in source where !entries.contains(where: { $0.key == entry.key }) {
                    entries.append(entry)
                }
            }
        }
        return entries
    }

    private mutating func mergeSources(_ node: Node) -> [[ConfigEntry]] {
        switch node {
        case .mapping(let mapping):
            return [convertEntries(mapping)]
        case .sequence(let sequence) where sequence.allSatisfy({ $0.mapping != nil }):
            return sequence.compactMap { $0.mapping }.map { convertEntries($0) }
        default:
            collector.error("'<<' merges a mapping or a list of mappings, found \(typeName(node))", at: location(node.mark))
            return []
        }
    }

    private func reportDuplicate(_ key: String, at location: SourceLocation, first: SourceLocation) {
        collector.error("duplicate key '\(key)'; a key may appear only once in a mapping, so remove or rename one of them", at: location)
        collector.append(Diagnostic(.note, "'\(key)' is first written here", at: first))
    }

    /// The key as the user wrote it, undoing the composer's renaming of duplicated keys.
    private func originalText(of scalar: Node.Scalar) -> String {
        guard let mark = scalar.mark, let original = renamedKeys[KeyPosition(line: mark.line, column: mark.column)] else {
            return scalar.string
        }
        var scalars = Array(scalar.string.unicodeScalars)
        guard let first = scalars.first, (0xE000...0xF8FF).contains(first.value) else { return scalar.string }
        scalars[0] = original
        var text = String()
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    private func typeName(_ node: Node) -> String {
        switch node {
        case .scalar: "a scalar"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }
}
