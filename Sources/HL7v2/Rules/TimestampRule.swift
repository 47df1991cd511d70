/// `timestamp`: valued time stamps have the DTM form, with a UTC offset when the check requires one.
enum TimestampRule {
    /// A path without a component reads component 1: before v2.7 these fields are TS, whose
    /// first component is the DTM and whose second (degree of precision) is deprecated.
    static func judge(_ check: TimestampCheck, _ context: MessageContext, _ recorder: inout RuleRecorder) {
        var valued = 0
        for locator in check.fields {
            let path = locator.path
            for index in context.indices(of: locator.segment) {
                // Located on byte ranges, as `HL7Field` would locate it; a slice is made only
                // for a value that is there to be checked.
                let field = context.field(index, path.field)
                let repetition = context.repetition(field, (path.repetition ?? 1) - 1)
                let component = context.component(repetition, path.component ?? 1)
                let range = path.subcomponent.map { context.subcomponent(component, $0) } ?? component.raw
                guard !range.isEmpty else { continue }
                valued += 1
                let raw = context.slice(range)
                guard let problem = DTM.problem(raw, offsetRequired: check.offsetRequired) else {
                    recorder.conforming()
                    continue
                }
                func place() -> String { context.place(index, path: path) }
                recorder.fail(
                    "\(place()) is \(VisibleText.quoted(raw)): \(problem)",
                    evidence: context.evidence(index, field: path.field, extra: [
                        ("expected", check.offsetRequired ? "YYYYMMDDHHMM[SS[.S…]]±ZZZZ" : DTM.form),
                        ("actual", VisibleText.of(raw)),
                    ]))
            }
        }
        if valued == 0 {
            recorder.notJudged("no time stamp is valued in \(check.fields.map { $0.path.description }.joined(separator: ", "))")
        }
    }
}

/// The HL7 DTM form `YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]`, checked byte by byte.
enum DTM {
    static let form = "YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]"

    /// What is wrong with `raw` as a DTM, or nil when it is well formed.
    static func problem(_ raw: ArraySlice<UInt8>, offsetRequired: Bool) -> String? {
        let start = raw.startIndex
        var index = start
        while index < raw.endIndex, ASCIIClass.isDigit(raw[index]), index - start < 15 { index += 1 }
        let count = index - start
        guard [4, 6, 8, 10, 12, 14].contains(count) else {
            return "not the DTM form \(form): the date and time have \(count) digits, expected 4, 6, 8, 10, 12 or 14"
        }
        if index < raw.endIndex, raw[index] == UInt8(ascii: ".") {
            guard count == 14 else { return "not the DTM form \(form): a fraction of a second needs all 14 digits before it" }
            index += 1
            var fraction = 0
            while index < raw.endIndex, ASCIIClass.isDigit(raw[index]) {
                fraction += 1
                index += 1
            }
            guard (1...4).contains(fraction) else {
                return "not the DTM form \(form): the fraction of a second has \(fraction) digits, expected 1 to 4"
            }
        }
        var hasOffset = false
        if index < raw.endIndex, raw[index] == UInt8(ascii: "+") || raw[index] == UInt8(ascii: "-") {
            index += 1
            let offsetStart = index
            while index < raw.endIndex, ASCIIClass.isDigit(raw[index]), index - offsetStart < 5 { index += 1 }
            guard index - offsetStart == 4 else {
                return "the UTC offset must be 4 digits (+hhmm or -hhmm), found \(index - offsetStart)"
            }
            let hours = Int(raw[offsetStart] - 0x30) * 10 + Int(raw[offsetStart + 1] - 0x30)
            let minutes = Int(raw[offsetStart + 2] - 0x30) * 10 + Int(raw[offsetStart + 3] - 0x30)
            guard hours <= 14 else { return "the UTC offset's hours \(hours) are out of range (0 to 14)" }
            guard minutes <= 59 else { return "the UTC offset's minutes \(minutes) are out of range (0 to 59)" }
            hasOffset = true
        }
        guard index == raw.endIndex else {
            return "not the DTM form \(form): unexpected \(VisibleText.quoted(raw[index...]))"
        }
        func digit(_ at: Int) -> Int { Int(raw[start + at] - 0x30) }
        func number(_ at: Int) -> Int { digit(at) * 10 + digit(at + 1) }
        let year = number(0) * 100 + number(2)
        if count >= 6 {
            let month = number(4)
            guard (1...12).contains(month) else { return "month \(month) is out of range (1 to 12)" }
            if count >= 8 {
                let day = number(6)
                let limit = daysIn(month: month, year: year)
                guard (1...limit).contains(day) else { return "day \(day) is out of range for month \(month) (1 to \(limit))" }
            }
        }
        if count >= 10, number(8) > 23 { return "hour \(number(8)) is out of range (0 to 23)" }
        if count >= 12, number(10) > 59 { return "minute \(number(10)) is out of range (0 to 59)" }
        if count >= 14, number(12) > 59 { return "second \(number(12)) is out of range (0 to 59)" }
        if offsetRequired, !hasOffset {
            return "no UTC offset; the time stamp must end in +hhmm or -hhmm"
        }
        return nil
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
