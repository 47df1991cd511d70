/// `structure`: the message's segments follow the grammar a spec gives.
enum StructureRule {
    static func judge(_ grammar: SegmentGrammar, _ context: MessageContext, _ recorder: inout RuleRecorder) {
        guard let deviation = SegmentGrammarMatcher(grammar: grammar).firstDeviation(context.ids) else {
            return recorder.conforming()
        }
        var evidence: [EvidenceItemValue] = [("structure", grammar.name)]
        if let position = deviation.position {
            evidence += context.evidence(position, field: nil)
        }
        evidence.append(("segments", sequence(context)))
        recorder.fail(reason(deviation, grammar, ids: context.ids), evidence: evidence)
    }

    /// One line for each kind of deviation, naming segments by number (from 1) and ID.
    static func reason(_ deviation: StructureDeviation, _ grammar: SegmentGrammar, ids: [SegmentCode]) -> String {
        let here = deviation.position.map { "segment \($0 + 1) '\(deviation.segment ?? "")'" } ?? "the end of the message"
        switch deviation.problem {
        case .unknownSegment:
            return "\(here) is not part of structure \(grammar.name) (unknown segment)"
        case .forbidden:
            return "\(here) is marked X (not supported) in \(grammar.name)"
        case let .tooMany(element, maximum, group):
            return "\(here): too many '\(element)' (max \(maximum)) in \(group)"
        case let .notAllowed(expected):
            let list = expected.isEmpty ? "the end of the message" : joined(expected)
            return "\(here) is not allowed here (expected \(list))"
        case let .missing(element, lead, isGroup, group, expected):
            let what = isGroup ? "required group \(element) (starting with \(lead))" : "required segment \(element)"
            let position = deviation.position ?? ids.count
            let after: String
            if position == 0 {
                after = "at the start of the message"
            } else if deviation.position == nil {
                after = "at the end of the message (after segment \(position) '\(SegmentCodes.name(ids[position - 1]))')"
            } else {
                after = "after segment \(position) '\(SegmentCodes.name(ids[position - 1]))'"
            }
            // A segment standing where the required one should be is named first: it is what to fix.
            let misplaced = deviation.position == nil ? "" : "\(here) is not allowed here (expected \(joined(expected.isEmpty ? [lead] : expected))): "
            return "\(misplaced)\(what) missing in \(group) \(after)"
        }
    }

    /// "A, B or C".
    private static func joined(_ names: [String]) -> String {
        guard names.count > 1, let last = names.last else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + last
    }

    /// The segment IDs in order, shortened for long messages: `MSH PID OBR OBX OBX`.
    private static func sequence(_ context: MessageContext) -> String {
        let shown = context.ids.prefix(40).map(SegmentCodes.name).joined(separator: " ")
        return context.ids.count > 40 ? shown + " … (\(context.ids.count) segments)" : shown
    }
}
