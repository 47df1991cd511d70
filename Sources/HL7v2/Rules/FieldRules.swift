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
                if passes(check.condition, locator, index, context, &recorder) { continue }
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

    /// `value` on the segment at `index` when every value it judges there conforms and holds no
    /// escape sequence, read through byte ranges: records them and returns true. Otherwise
    /// records nothing and returns false, and the caller judges the segment through `HL7Field`s.
    /// Both ways visit the same values in the same order.
    private static func passes(_ condition: ValueCheck.Condition, _ locator: FieldLocator, _ index: Int,
                               _ context: MessageContext, _ recorder: inout RuleRecorder) -> Bool {
        let path = locator.path
        let field = context.field(index, path.field)
        if let repetition = path.repetition {
            guard passes(condition, value(context.repetition(field, repetition - 1), path, context), context) else { return false }
            recorder.conforming()
            return true
        }
        if case .empty = condition, !field.isLiteral {
            var count = 0
            let all = context.bytes.allPieces(of: field.raw, separatedBy: context.delimiters.repetition) { piece in
                count += 1
                let repetition = FieldSpan(raw: piece, isLiteral: false, isSingleRepetition: false)
                return value(repetition, path, context).isEmpty
            }
            guard all else { return false }
            for _ in 0..<count { recorder.conforming() }
            return true
        }
        guard passes(condition, value(context.repetition(field, 0), path, context), context) else { return false }
        recorder.conforming()
        return true
    }

    /// The bytes `path` names within one repetition.
    private static func value(_ repetition: FieldSpan, _ path: HL7Path, _ context: MessageContext) -> Range<Int> {
        guard let component = path.component else { return repetition.raw }
        let value = context.component(repetition, component)
        return path.subcomponent.map { context.subcomponent(value, $0) } ?? value.raw
    }

    /// Whether `raw` meets the condition without unescaping: false for any value holding the
    /// escape character, which is left to ``judge(_:_:repetition:_:_:_:_:)``.
    private static func passes(_ condition: ValueCheck.Condition, _ raw: Range<Int>, _ context: MessageContext) -> Bool {
        let bytes = context.bytes
        switch condition {
        case .equals(let expected):
            return !bytes.contains(context.delimiters.escape, in: raw) && bytes.equals(raw, expected)
        case .oneOf(let allowed):
            return !bytes.contains(context.delimiters.escape, in: raw) && allowed.contains { bytes.equals(raw, $0) }
        case .empty:
            return raw.isEmpty
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
            for number in check.fields {
                if context.bytes.isValued(context.fieldRange(index, number), context.delimiters) {
                    recorder.conforming()
                    continue
                }
                let raw = context.segments[index].rawBytes(field: number)
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
        let bytes = context.bytes
        for index in indices {
            // Every repetition matching as written, without escapes: the common case, on ranges.
            let range = context.fieldRange(index, check.field)
            var matched = 0
            let all = bytes.allPieces(of: range, separatedBy: context.delimiters.repetition) { piece in
                guard !piece.isEmpty else { return true }
                guard !bytes.contains(context.delimiters.escape, in: piece), pattern.matches(bytes, piece) else { return false }
                matched += 1
                return true
            }
            if all {
                for _ in 0..<matched { recorder.conforming() }
                continue
            }
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
        if allDistinct(check, context, &recorder) { return }
        var values: [(value: ArraySlice<UInt8>, index: Int)] = []
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

    /// `unique` when the message has a few valued fields, none with an escape sequence, all
    /// different: records them and returns true. Otherwise records nothing and returns false.
    /// Raw bytes equal exactly when unescaped ones do as long as nothing is escaped.
    private static func allDistinct(_ check: SegmentFieldCheck, _ context: MessageContext,
                                    _ recorder: inout RuleRecorder) -> Bool {
        let bytes = context.bytes
        // Up to 16 values, the pairwise comparisons of the general path; on the stack.
        return withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: 16) { values in
            var count = 0
            for index in context.indices(of: check.segment) {
                let raw = context.fieldRange(index, check.field)
                guard !raw.isEmpty else { continue }
                guard count < values.count, !bytes.contains(context.delimiters.escape, in: raw) else { return false }
                for earlier in 0..<count where bytes.equals(values[earlier], raw) { return false }
                values.initializeElement(at: count, to: raw)
                count += 1
            }
            guard count > 0 else { return false }
            for _ in 0..<count { recorder.conforming() }
            return true
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
