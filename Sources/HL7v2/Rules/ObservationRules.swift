/// The rules on OBX observations: `obx-value`, `mdc-coding`, `mdc-code-match`, `units` and
/// `unit-dimension`.
///
/// Each rule runs on every OBX of every message, so each first judges an OBX on byte ranges
/// (``FieldSpan``), which answers for a conforming OBX without reference counting or
/// allocation. An OBX that does not pass that way is judged again through `HL7Field`s, by the
/// code that describes failures; both ways accept exactly the same values.
enum ObservationRules {
    /// `obx-value`: OBX-2 is valued exactly when OBX-5 is, and NM values are decimal numbers.
    static func obxValue(_ context: MessageContext, _ recorder: inout RuleRecorder) {
        let bytes = context.bytes
        let delimiters = context.delimiters
        for part in context.obxParts {
            let type = part.valueType
            let value = context.fieldRange(part.index, 5)
            if bytes.isValued(type, delimiters) == bytes.isValued(value, delimiters),
               !bytes.equals(type, "NM") || isNumeric(value, context) {
                recorder.conforming()
                continue
            }
            obxValue(part.index, context, &recorder)
        }
    }

    /// Whether every repetition of an NM value is a number, when none holds an escape sequence
    /// (an escaped value is left to the slow path, which unescapes it first).
    private static func isNumeric(_ value: Range<Int>, _ context: MessageContext) -> Bool {
        let bytes = context.bytes
        guard !bytes.contains(context.delimiters.escape, in: value) else { return false }
        return bytes.allPieces(of: value, separatedBy: context.delimiters.repetition) { bytes.isDecimalNumber($0) }
    }

    /// `obx-value` on the OBX at `index`.
    private static func obxValue(_ index: Int, _ context: MessageContext, _ recorder: inout RuleRecorder) {
        let delimiters = context.delimiters
        let segment = context.segments[index]
        let type = segment.field(2).firstRepetition
        let value = segment.rawBytes(field: 5)
        let typed = FieldValues.isValued(type, delimiters)
        let valued = FieldValues.isValued(value, delimiters)
        if typed && !valued {
            recorder.fail(
                "\(context.place(index, field: 2)) (value type) is \(VisibleText.quoted(type)) but \(context.place(index, field: 5)) (value) is empty",
                evidence: context.evidence(index, field: 5, extra: [("value type", VisibleText.of(type))]))
            return
        }
        if valued && !typed {
            recorder.fail(
                "\(context.place(index, field: 5)) holds a value but \(context.place(index, field: 2)) (value type) is empty",
                evidence: context.evidence(index, field: 2, extra: [("value", VisibleText.of(value))]))
            return
        }
        guard FieldValues.equals(type, "NM") else {
            recorder.conforming()
            return
        }
        var numeric = true
        FieldValues.forEachPiece(value, separatedBy: delimiters.repetition) { number, piece in
            let text = context.unescaped(piece)
            guard !FieldValues.isDecimalNumber(text) else { return }
            numeric = false
            func place() -> String { context.place(index, field: 5) + (number > 1 ? "(\(number))" : "") }
            recorder.fail(
                "\(place()) is \(VisibleText.quoted(text)), which is not an NM number (optional sign, digits, at most one decimal point, no exponent)",
                evidence: context.evidence(index, field: 5, extra: [("value type", "NM"), ("actual", VisibleText.of(text))]))
        }
        if numeric { recorder.conforming() }
    }

    /// `mdc-coding`: the field is `<code>^<MDC_ REFID>^MDC` (further components may follow).
    static func mdcCoding(_ locator: FieldLocator, _ context: MessageContext, _ recorder: inout RuleRecorder) {
        let bytes = context.bytes
        let number = locator.path.field
        func judge(_ index: Int, _ coded: (code: Range<Int>, text: Range<Int>, system: Range<Int>)) {
            if bytes.code(coded.code) != nil, bytes.isMDCReference(coded.text), bytes.equals(coded.system, "MDC") {
                recorder.conforming()
            } else {
                mdcCoding(index, number, context, &recorder)
            }
        }
        if OBXSpans.holds(locator, field: 3) {
            for part in context.obxParts { judge(part.index, part.observed) }
        } else {
            for index in context.indices(of: locator.segment) {
                judge(index, context.codedComponents(context.field(index, number)))
            }
        }
    }

    /// `mdc-coding` on field `number` of the segment at `index`.
    private static func mdcCoding(_ index: Int, _ number: Int, _ context: MessageContext, _ recorder: inout RuleRecorder) {
        let field = context.segments[index].field(number)
        let code = field.component(1).raw
        let refid = field.component(2).raw
        let system = field.component(3).raw
        var problems: [String] = []
        if FieldValues.code(code) == nil {
            problems.append(code.isEmpty ? "the code (component 1) is empty" : "the code (component 1) \(VisibleText.quoted(code)) is not a 32-bit number")
        }
        if !MDCReference.isWellFormed(refid) {
            problems.append(refid.isEmpty ? "the reference ID (component 2) is empty" : "the reference ID (component 2) \(VisibleText.quoted(refid)) does not start with MDC_")
        }
        if !FieldValues.equals(system, "MDC") {
            problems.append(system.isEmpty ? "the coding system (component 3) is empty" : "the coding system (component 3) is \(VisibleText.quoted(system)), not MDC")
        }
        guard !problems.isEmpty else {
            recorder.conforming()
            return
        }
        func place() -> String { context.place(index, field: number) }
        func reason() -> String {
            field.firstRepetition.isEmpty
                ? "\(place()) is empty; it must be <code>^<MDC_ reference ID>^MDC"
                : "\(place()) is \(VisibleText.quoted(field.firstRepetition)), not <code>^<MDC_ reference ID>^MDC: \(problems.joined(separator: "; "))"
        }
        recorder.fail(
            reason(),
            evidence: context.evidence(index, field: number, extra: [
                ("expected", "<code>^<MDC_…>^MDC"), ("actual", VisibleText.of(field.firstRepetition)),
            ]))
    }

    /// `mdc-code-match`: the code in component 1 is the one the table gives for the REFID in component 2.
    static func mdcCodeMatch(_ locator: FieldLocator, _ table: MDCCodeTable, _ context: MessageContext,
                             _ recorder: inout RuleRecorder) {
        let bytes = context.bytes
        let number = locator.path.field
        var unknown = Unjudged()
        func judge(_ index: Int, _ coded: (code: Range<Int>, text: Range<Int>, system: Range<Int>)) {
            if let row = table.rowNumber(refidIn: bytes, coded.text) {
                if bytes.code(coded.code) == table.code(ofRow: row) {
                    recorder.conforming()
                } else {
                    mdcCodeMatch(index, number, table, context, &recorder)
                }
            } else {
                unknown.add(coded.text, context)
            }
        }
        if OBXSpans.holds(locator, field: 3) {
            for part in context.obxParts { judge(part.index, part.observed) }
        } else {
            for index in context.indices(of: locator.segment) {
                judge(index, context.codedComponents(context.field(index, number)))
            }
        }
        unknown.report(to: &recorder, context, field: "\(locator.path)", why: "not in the harness's MDC table")
    }

    /// `mdc-code-match` on field `number` of the segment at `index`, whose REFID the table knows.
    private static func mdcCodeMatch(_ index: Int, _ number: Int, _ table: MDCCodeTable, _ context: MessageContext,
                                     _ recorder: inout RuleRecorder) {
        let field = context.segments[index].field(number)
        guard let row = table.row(refid: field.component(2).raw) else { return }
        let codeRaw = field.component(1).raw
        let code = FieldValues.code(codeRaw)
        if code == row.code {
            recorder.conforming()
            return
        }
        func place() -> String { context.place(index, field: number) }
        func reason() -> String {
            var text = "\(place()): \(row.refid) has code \(row.code), but the message gives \(codeRaw.isEmpty ? "no code" : VisibleText.quoted(codeRaw))"
            if let code {
                if let owner = table.row(code: code) {
                    text += "; \(code) is the code of \(owner.refid)"
                } else {
                    text += "; the harness's table does not know code \(code)"
                }
            }
            return text
        }
        recorder.fail(reason(), evidence: context.evidence(index, field: number, extra: [
            ("REFID", row.refid), ("expected", "\(row.code)"), ("actual", VisibleText.of(codeRaw)),
        ]))
    }

    /// `units`: an NM observation's unit is `<code>^<MDC_DIM_…>^MDC` (code matching the table when
    /// the table knows the unit) or `<unit>^<text>^UCUM`.
    static func units(_ locator: FieldLocator, _ table: MDCCodeTable, _ context: MessageContext,
                      _ recorder: inout RuleRecorder) {
        let bytes = context.bytes
        let number = locator.path.field
        var numeric = 0
        let cached = OBXSpans.holds(locator, field: 6)
        for part in context.obxParts {
            guard bytes.equals(part.valueType, "NM") else { continue }
            numeric += 1
            let index = part.index
            let field = context.field(index, number)
            if !(cached ? part.unit : context.firstRepetition(field)).isEmpty {
                let (code, refid, system) = cached ? part.unitParts : context.codedComponents(field)
                if bytes.equals(system, "UCUM") {
                    if !code.isEmpty {
                        recorder.conforming()
                        continue
                    }
                } else if bytes.equals(system, "MDC"), bytes.starts(refid, with: "MDC_DIM_"), bytes.isMDCReference(refid),
                          let value = bytes.code(code) {
                    let known = table.rowNumber(refidIn: bytes, refid)
                    if known.map({ table.code(ofRow: $0) == value }) ?? true {
                        recorder.conforming()
                        continue
                    }
                }
            }
            units(index, number, table, context, &recorder)
        }
        if numeric == 0 { recorder.notJudged("no OBX with value type NM") }
    }

    /// `units` on field `number` of the NM OBX at `index`.
    private static func units(_ index: Int, _ number: Int, _ table: MDCCodeTable, _ context: MessageContext,
                              _ recorder: inout RuleRecorder) {
        let field = context.segments[index].field(number)
        func place() -> String { context.place(index, field: number) }
        let unit = field.firstRepetition
        guard !unit.isEmpty else {
            recorder.fail(
                "\(place()) is empty; an NM observation needs a unit (<code>^<MDC_DIM_…>^MDC or <unit>^<text>^UCUM)",
                evidence: context.evidence(index, field: number, extra: [("value type", "NM")]))
            return
        }
        let code = field.component(1).raw
        let refid = field.component(2).raw
        let system = field.component(3).raw
        if FieldValues.equals(system, "UCUM") {
            if code.isEmpty {
                recorder.fail(
                    "\(place()) is \(VisibleText.quoted(unit)): a UCUM unit needs its code in component 1",
                    evidence: context.evidence(index, field: number, extra: [("actual", VisibleText.of(unit))]))
            } else {
                recorder.conforming()
            }
            return
        }
        guard FieldValues.equals(system, "MDC") else {
            recorder.fail(
                "\(place()) is \(VisibleText.quoted(unit)), neither <code>^<MDC_DIM_…>^MDC nor <unit>^<text>^UCUM",
                evidence: context.evidence(index, field: number, extra: [
                    ("expected", "<code>^<MDC_DIM_…>^MDC or <unit>^<text>^UCUM"), ("actual", VisibleText.of(unit)),
                ]))
            return
        }
        guard refid.starts(with: "MDC_DIM_".utf8), MDCReference.isWellFormed(refid), let value = FieldValues.code(code) else {
            recorder.fail(
                "\(place()) is \(VisibleText.quoted(unit)): an MDC unit is <code>^<MDC_DIM_…>^MDC with a numeric code",
                evidence: context.evidence(index, field: number, extra: [
                    ("expected", "<code>^<MDC_DIM_…>^MDC"), ("actual", VisibleText.of(unit)),
                ]))
            return
        }
        if let row = table.row(refid: refid), row.code != value {
            func reason() -> String {
                let owner = table.row(code: value).map { "; \(value) is the code of \($0.refid)" } ?? ""
                return "\(place()): unit \(row.refid) has code \(row.code), but the message gives \(value)\(owner)"
            }
            recorder.fail(reason(), evidence: context.evidence(index, field: number, extra: [
                ("unit", row.refid), ("expected", "\(row.code)"), ("actual", "\(value)"),
            ]))
            return
        }
        recorder.conforming()
    }

    /// `unit-dimension`: for observations the table knows, the unit is one of those it lists.
    static func unitDimension(_ table: UnitExpectationTable, _ context: MessageContext, _ recorder: inout RuleRecorder) {
        let bytes = context.bytes
        var numeric = 0
        var unknown = Unjudged()
        for part in context.obxParts {
            guard bytes.equals(part.valueType, "NM") else { continue }
            numeric += 1
            guard let row = table.rowNumber(refidIn: bytes, part.observed.text) else {
                unknown.add(part.observed.text, context)
                continue
            }
            let (code, refid, system) = part.unitParts
            let isMDC = bytes.equals(system, "MDC")
            let isUCUM = !isMDC && bytes.equals(system, "UCUM")
            if table.allows(row: row, mdc: isMDC ? refid : nil, ucum: isUCUM ? code : nil, in: bytes) {
                recorder.conforming()
                continue
            }
            unitDimension(part.index, table.rows[row], context, &recorder)
        }
        if numeric == 0 { recorder.notJudged("no OBX with value type NM") }
        unknown.report(to: &recorder, context, field: "OBX-3", why: "without a unit expectation in the harness")
    }

    /// `unit-dimension` on the NM OBX at `index`, whose unit `row` does not allow.
    private static func unitDimension(_ index: Int, _ row: UnitExpectationTable.Row, _ context: MessageContext,
                                      _ recorder: inout RuleRecorder) {
        let unit = context.segments[index].field(6)
        let allowed = row.mdc + row.ucum.map { "\($0) (UCUM)" }
        let shown = unit.firstRepetition.isEmpty ? "empty" : VisibleText.quoted(unit.firstRepetition)
        recorder.fail(
            "\(context.place(index, field: 6)) is \(shown), which does not measure \(row.refid); expected \(allowed.joined(separator: ", "))",
            evidence: context.evidence(index, field: 6, extra: [
                ("observation", row.refid), ("expected", allowed.joined(separator: ", ")),
                ("actual", VisibleText.of(unit.firstRepetition)),
            ]))
    }
}

/// REFIDs a rule could not judge, gathered over a message and reported as one note.
private struct Unjudged {
    /// Distinct REFIDs in order of first appearance, as ranges of the message bytes.
    private var refids: [Range<Int>] = []
    private var withoutREFID = 0

    mutating func add(_ refid: Range<Int>, _ context: MessageContext) {
        if refid.isEmpty {
            withoutREFID += 1
        } else if !refids.contains(where: { context.bytes.equals($0, refid) }) {
            refids.append(refid)
        }
    }

    /// "REFIDs not in the harness's MDC table, so not judged: MDC_A, MDC_B".
    func report(to recorder: inout RuleRecorder, _ context: MessageContext, field: @autoclosure () -> String, why: String) {
        if !refids.isEmpty {
            // Built as bytes and decoded once: this note is made for every message that carries
            // codes outside the table, so it is on the hot path.
            var text = Array("REFIDs \(why), so not judged: ".utf8)
            for (number, refid) in refids.prefix(12).enumerated() {
                if number > 0 { text += [0x2C, 0x20] }
                VisibleText.append(context.slice(refid), to: &text)
            }
            if refids.count > 12 { text += Array(" and \(refids.count - 12) more".utf8) }
            let note = String(decoding: text, as: UTF8.self)
            recorder.notJudged(note)
        }
        if withoutREFID > 0 {
            recorder.notJudged("\(withoutREFID) \(field()) without a REFID (component 2)")
        }
    }
}
