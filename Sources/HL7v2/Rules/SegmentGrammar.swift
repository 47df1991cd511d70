import MedConformCore

/// A message structure from a spec's `structures:` (segments and groups with usage and
/// cardinality), compiled for ``SegmentGrammarMatcher``.
///
/// Usage R means at least one; RE, O, C and CE mean it may be absent (C is conditional, and the
/// condition is not machine-readable, so it is treated as optional); X means it must not appear.
struct SegmentGrammar: Sendable {
    struct Element: Sendable {
        enum Content: Sendable {
            case segment(SegmentCode)
            case group([Element])
        }

        var content: Content
        /// The segment ID or group name, for reasons.
        var name: String
        var minimum: Int
        /// `Int.max` for "*".
        var maximum: Int
        /// Usage X.
        var forbidden: Bool
        /// The segment IDs that can begin this element (for an X element: that would begin it).
        var first: [SegmentCode]
        /// The first segment that must appear when the element appears: names a missing group.
        var lead: String

        var isGroup: Bool {
            if case .group = content { return true }
            return false
        }
    }

    static let maxDepth = 12
    static let elementKeys = ["segment", "group", "usage", "max", "children"]

    let name: String
    let root: [Element]
    /// Every segment ID the structure mentions, X included.
    let known: Set<SegmentCode>
    /// IDs that appear only with usage X.
    let forbiddenOnly: Set<SegmentCode>

    /// Reads `structures.<name>`; reports every problem and returns nil when there was any.
    static func read(_ entry: ConfigEntry, collector: DiagnosticCollector) -> SegmentGrammar? {
        var reader = Reader(structure: entry.key, collector: collector)
        guard let items = entry.value.items else {
            collector.report(.structureNotList(entry.key), at: entry.value.location)
            return nil
        }
        let root = reader.elements(items, depth: 0, insideForbidden: false)
        guard reader.valid else { return nil }
        guard root.contains(where: { !$0.forbidden }) else {
            collector.report(.structureNoElement(entry.key), at: entry.value.location)
            return nil
        }
        return SegmentGrammar(
            name: entry.key, root: root, known: reader.allowed.union(reader.forbidden),
            forbiddenOnly: reader.forbidden.subtracting(reader.allowed))
    }

    private struct Reader {
        let structure: String
        let collector: DiagnosticCollector
        var valid = true
        var allowed: Set<SegmentCode> = []
        var forbidden: Set<SegmentCode> = []

        init(structure: String, collector: DiagnosticCollector) {
            self.structure = structure
            self.collector = collector
        }

        mutating func elements(_ items: [ConfigNode], depth: Int, insideForbidden: Bool) -> [Element] {
            items.compactMap { element($0, depth: depth, insideForbidden: insideForbidden) }
        }

        mutating func element(_ node: ConfigNode, depth: Int, insideForbidden: Bool) -> Element? {
            guard let mapping = ConfigMapping(node, context: "an element of structure '\(structure)'",
                                              keys: SegmentGrammar.elementKeys, collector: collector)
            else {
                valid = false
                return nil
            }
            let segment = mapping.string("segment")
            let group = mapping.string("group")
            let usage = mapping.string("usage", required: true)
            guard (segment == nil) != (group == nil) else {
                collector.report(.structureElementKind(structure: structure), at: node.location)
                valid = false
                return nil
            }
            guard let usage else {
                valid = false
                return nil
            }
            let minimum: Int
            let isForbidden: Bool
            switch usage {
            case "R": (minimum, isForbidden) = (1, false)
            case "RE", "O", "C", "CE": (minimum, isForbidden) = (0, false)
            case "X": (minimum, isForbidden) = (0, true)
            default:
                collector.report(.structureBadUsage(usage), at: mapping.value("usage")?.location)
                valid = false
                return nil
            }
            var maximum = 1
            if let maxNode = mapping.value("max") {
                let text = maxNode.scalar ?? maxNode.typeName
                if text == "*" {
                    maximum = Int.max
                } else if let number = Int(text), number >= 1 {
                    maximum = number
                } else {
                    collector.report(.structureBadMax(text), at: maxNode.location)
                    valid = false
                    return nil
                }
            }
            if let segment {
                if mapping.contains("children") {
                    collector.error("segment '\(segment)' in structure '\(structure)' cannot have 'children'; use a group",
                                    at: mapping.keyLocation("children"))
                    valid = false
                }
                guard let code = SegmentCodes.pack(segment) else {
                    collector.report(.badSegmentID(segment, key: "segment"), at: mapping.value("segment")?.location)
                    valid = false
                    return nil
                }
                if isForbidden || insideForbidden { forbidden.insert(code) } else { allowed.insert(code) }
                return Element(content: .segment(code), name: segment, minimum: minimum, maximum: maximum,
                               forbidden: isForbidden, first: [code], lead: segment)
            }
            let groupName = group ?? ""
            guard depth < SegmentGrammar.maxDepth else {
                collector.report(.structureTooDeep(structure), at: node.location)
                valid = false
                return nil
            }
            let childNodes = mapping.list("children", required: true) ?? []
            let children = elements(childNodes, depth: depth + 1, insideForbidden: insideForbidden || isForbidden)
            // FIRST: what may begin the group, up to and including its first required child.
            var first: [SegmentCode] = []
            for child in children where !child.forbidden {
                for code in child.first where !first.contains(code) { first.append(code) }
                if child.minimum > 0 { break }
            }
            guard !first.isEmpty else {
                collector.report(.structureEmptyGroup(groupName), at: node.location)
                valid = false
                return nil
            }
            let lead = children.first { $0.minimum > 0 && !$0.forbidden }?.lead
                ?? children.first { !$0.forbidden }?.lead ?? groupName
            return Element(content: .group(children), name: groupName, minimum: minimum, maximum: maximum,
                           forbidden: isForbidden, first: first, lead: lead)
        }
    }
}
