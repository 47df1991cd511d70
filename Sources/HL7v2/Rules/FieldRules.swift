import MedConformCore

/// The rules on field values: `value`, `required-fields`, `pattern`, `unique` and `identifier`.
enum FieldRules {
    /// `value`: each listed value equals a text, is one of a list, or is empty.
    ///
    /// A path without a repetition reads the first repetition for `equals` and `in` (the HL7
    /// convention), but every repetition for `empty`: a withdrawn component must be empty wherever it
    /// appears. A path without a component compares the whole repetition as written, component
    /// separators included, after unescaping.
    static func value(_ check: ValueCheck, _ context: MessageContext, _ recorder: inout RuleRecorder) {
        for locator in check.fields {
            let path = locator.path
            let indices = context.indices(of: locator.segment)
            if !context.contains(locator.segment) {
                recorder.notJudged("no \(path.segment) segment, so \(path) is not judged")
                continue
            }
            for index in indices {
                let field = context.segments[index].field(path.field)
                if let repetition = path.repetition {
                    judge(check.condition, field.repetition(repetition - 1), repetition: repetition, locator, index, context, &recorder)
                } else if case .empty = check.condition, !field.isLiteral {
                    // One pass over the repetitions: indexing each one would rescan the field.
                    let several = field.raw.contains(context.delimiters.repetition)
                    FieldValues.forEachPiece(field.raw, separatedBy: context.delimiters.repetition) { number, piece in
                        judge(check.condition, HL7Field(raw: piece, delimiters: context.delimiters),
                              repetition: several ? number : nil, locator, index, context, &recorder)
                    }
                } else {
                    judge(check.condition, field.repetition(0), repetition: nil, locator, index, context, &recorder)
                }
            }
        }
    }

    private static func judge(_ condition: ValueCheck.Condition, _ repetition: HL7Field, repetition number: Int?,
                              _ locator: FieldLocator, _ index: Int, _ context: MessageContext,
                              _ recorder: inout RuleRecorder) {
        let path = locator.path
        var raw = repetition.raw
        if let component = path.component {
            let value = repetition.component(component)
            raw = path.subcomponent.map { value.subcomponent($0).raw } ?? value.raw
        }
        func where_() -> String { context.place(index, path: path, repetition: number) }
        switch condition {
        case .equals(let expected):
            let text = context.unescaped(raw)
            if text.elementsEqual(expected) { return recorder.conforming() }
            let actual = text.isEmpty ? "empty" : context.shown(text, segment: index)
            recorder.fail(
                "\(where_()) is \(actual) but must be \(VisibleText.quoted(expected))",
                evidence: context.evidence(index, field: path.field, extra: [
                    ("path", where_()), ("expected", VisibleText.of(expected)), ("actual", actual),
                ]))
        case .oneOf(let allowed):
            let text = context.unescaped(raw)
            if allowed.contains(where: { text.elementsEqual($0) }) { return recorder.conforming() }
            let list = allowed.map { VisibleText.of($0) }.joined(separator: ", ")
            let actual = text.isEmpty ? "empty" : context.shown(text, segment: index)
            recorder.fail(
                "\(where_()) is \(actual), not one of \(list)",
                evidence: context.evidence(index, field: path.field, extra: [
                    ("path", where_()), ("expected", "one of \(list)"), ("actual", actual),
                ]))
        case .empty:
            if raw.isEmpty { return recorder.conforming() }
            recorder.fail(
                "\(where_()) must be empty but holds \(context.shown(context.unescaped(raw), segment: index))",
                evidence: context.evidence(index, field: path.field, extra: [("path", where_()), ("expected", "empty")]))
        }
    }

    /// `required-fields`: in every segment with the ID, each listed field carries a value.
    static func requiredFields(_ check: SegmentFieldsCheck, _ context: MessageContext, _ recorder: inout RuleRecorder) {
        let indices = context.indices(of: check.segment)
        if !context.contains(check.segment) {
            recorder.notJudged("no \(SegmentCodes.name(check.segment)) segment")
            return
        }
        for index in indices {
            let segment = context.segments[index]
            for number in check.fields {
                let raw = segment.rawBytes(field: number)
                if FieldValues.isValued(raw, context.delimiters) {
                    recorder.conforming()
                } else if FieldValues.isExplicitNull(raw) {
                    recorder.fail(
                        "\(context.place(index, field: number)) holds only the explicit null \"\", which carries no value; the field is required",
                        evidence: context.evidence(index, field: number, extra: [("actual", "\"\"")]))
                } else {
                    let what = raw.isEmpty ? "is empty" : "holds only separators"
                    recorder.fail(
                        "\(context.place(index, field: number)) \(what); the field is required",
                        evidence: context.evidence(index, field: number, extra: [("actual", raw.isEmpty ? "empty" : VisibleText.of(raw))]))
                }
            }
        }
    }

    /// `pattern`: every non-empty repetition of the field matches the pattern.
    static func pattern(_ check: SegmentFieldCheck, _ pattern: ValuePattern, _ context: MessageContext,
                        _ recorder: inout RuleRecorder) {
        let indices = context.indices(of: check.segment)
        if !context.contains(check.segment) {
            recorder.notJudged("no \(check.segmentName) segment")
            return
        }
        for index in indices {
            let raw = context.segments[index].rawBytes(field: check.field)
            FieldValues.forEachPiece(raw, separatedBy: context.delimiters.repetition) { number, piece in
                guard !piece.isEmpty else { return }
                let value = context.unescaped(piece)
                if pattern.matches(value) { return recorder.conforming() }
                func place() -> String { context.place(index, field: check.field) + (number > 1 ? "(\(number))" : "") }
                recorder.fail(
                    "\(place()) is \(context.shown(value, segment: index)), which does not match \(pattern.source)",
                    evidence: context.evidence(index, field: check.field, extra: [
                        ("pattern", pattern.source), ("actual", context.shown(value, segment: index)),
                    ]))
            }
        }
    }

    /// `unique`: no two segments with the ID carry the same value in the field.
    static func unique(_ check: SegmentFieldCheck, _ context: MessageContext, _ recorder: inout RuleRecorder) {
        let indices = context.indices(of: check.segment)
        if !context.contains(check.segment) {
            recorder.notJudged("no \(check.segmentName) segment")
            return
        }
        var values: [(value: ArraySlice<UInt8>, index: Int)] = []
        values.reserveCapacity(indices.count)
        for index in indices {
            let raw = context.segments[index].rawBytes(field: check.field)
            if !raw.isEmpty { values.append((context.unescaped(raw), index)) }
        }
        guard !values.isEmpty else {
            recorder.notJudged("no \(check.segmentName)-\(check.field) is valued")
            return
        }
        // A message holds a handful of OBX: compare pairwise. Beyond that, buckets by hash keep
        // the work linear for a device that sends thousands of segments.
        var firstSeen: [UInt64: [Int]] = [:]
        let hashed = values.count > 16
        for (position, entry) in values.enumerated() {
            let earlier: Int?
            if hashed {
                let hash = ByteIndex.hash(entry.value)
                earlier = firstSeen[hash]?.first { values[$0].value.elementsEqual(entry.value) }
                if earlier == nil { firstSeen[hash, default: []].append(position) }
            } else {
                earlier = values[..<position].firstIndex { $0.value.elementsEqual(entry.value) }
            }
            guard let earlier else {
                recorder.conforming()
                continue
            }
            let first = values[earlier].index
            recorder.fail(
                "\(check.segmentName)-\(check.field) \(context.shown(entry.value, segment: entry.index)) appears in \(context.name(first)) (segment \(first + 1)) and again in \(context.name(entry.index)) (segment \(entry.index + 1))",
                evidence: context.evidence(entry.index, field: check.field, extra: [
                    ("duplicate", context.shown(entry.value, segment: entry.index)),
                    ("first occurrence", "segment \(first + 1)"),
                ]))
        }
    }

    /// `identifier`: some repetition has the assigning authority and an identifier of the pattern's form.
    ///
    /// The identifier itself is never quoted in a reason: it is patient data.
    static func identifier(_ check: IdentifierCheck, _ context: MessageContext, _ recorder: inout RuleRecorder) {
        let path = check.field.path
        let indices = context.indices(of: check.field.segment)
        let authority = VisibleText.quoted(check.authority)
        if !context.contains(check.field.segment) {
            recorder.notJudged("no \(path.segment) segment")
            return
        }
        for index in indices {
            let field = context.segments[index].field(path.field)
            var authorities: [String] = []
            var mismatch: (repetition: Int, length: Int)? = nil
            var found = false
            FieldValues.forEachPiece(field.raw, separatedBy: context.delimiters.repetition) { number, piece in
                guard !found else { return }
                let repetition = HL7Field(raw: piece, delimiters: context.delimiters)
                let assigning = context.unescaped(repetition.component(4).subcomponent(1).raw)
                guard assigning.elementsEqual(check.authority) else {
                    if !assigning.isEmpty, authorities.count < 8 { authorities.append(VisibleText.quoted(assigning)) }
                    return
                }
                let identifier = context.unescaped(repetition.component(1).raw)
                if check.pattern.matches(identifier) {
                    found = true
                } else if mismatch == nil {
                    mismatch = (number, identifier.count)
                }
            }
            func place() -> String { context.place(index, field: path.field) }
            if found {
                recorder.conforming()
            } else if let mismatch {
                recorder.fail(
                    "\(place()) repetition \(mismatch.repetition) has authority \(authority) but its identifier (\(mismatch.length) byte\(mismatch.length == 1 ? "" : "s"), withheld: patient data) does not match \(check.pattern.source)",
                    evidence: context.evidence(index, field: path.field, extra: [
                        ("authority", VisibleText.of(check.authority)), ("pattern", check.pattern.source),
                    ]))
            } else {
                let present = authorities.isEmpty ? "none" : authorities.joined(separator: ", ")
                recorder.fail(
                    "no repetition of \(place()) has assigning authority (\(path.segment)-\(path.field).4) \(authority); authorities present: \(present)",
                    evidence: context.evidence(index, field: path.field, extra: [
                        ("expected authority", VisibleText.of(check.authority)), ("authorities present", present),
                    ]))
            }
        }
    }
}
