/// A field of the message being judged, as a byte range into ``MessageContext/bytes``: what
/// an `HL7Field` holds, without the reference to the bytes.
///
/// Rules judge conforming values through spans and build `HL7Field`s only to describe a
/// failure. The accessors on ``MessageContext`` split a span exactly as `HL7Field`,
/// `HL7Component` and `HL7Subcomponent` split their slices, so both give the same bytes.
struct FieldSpan {
    /// The escaped bytes as on the wire, all repetitions included (one when `isSingleRepetition`).
    var raw: Range<Int>
    /// MSH-1 and MSH-2, which are never split.
    var isLiteral: Bool
    /// Already one repetition: never split at repetition separators again.
    var isSingleRepetition: Bool
}

/// One component of a ``FieldSpan``.
struct ComponentSpan {
    var raw: Range<Int>
    var isLiteral: Bool
}

extension MessageContext {
    /// Field `n` of the segment at `index`, numbered as `HL7Segment.field(_:)` numbers it.
    func field(_ index: Int, _ n: Int) -> FieldSpan {
        let isHeader = index >= 0 && index < ids.count && ids[index] == Self.msh
        return FieldSpan(raw: fieldRange(index, n), isLiteral: isHeader && (n == 1 || n == 2), isSingleRepetition: false)
    }

    /// The escaped bytes of field `n` of the segment at `index`, as
    /// `HL7Segment.rawBytes(field:)` gives them; an empty range when absent.
    func fieldRange(_ index: Int, _ n: Int) -> Range<Int> {
        guard n >= 1, index >= 0, index < spans.count else { return 0..<0 }
        let span = spans[index]
        var k = n
        if ids[index] == Self.msh {
            if n == 1 {
                let offset = Int(span.start) + 3
                return offset < bytes.count ? offset..<offset + 1 : 0..<0
            }
            k = n - 1
        }
        let count = Int(span.separatorCount)
        guard k <= count else { return 0..<0 }
        let base = Int(span.firstMark)
        guard base >= 0, base + k < marks.count else { return 0..<0 }
        let lower = Int(marks[base + k - 1]) + 1
        let upper = Int(marks[base + k])
        guard lower <= upper, upper <= bytes.count else { return 0..<0 }
        return lower..<upper
    }

    /// `HL7Field.firstRepetition`.
    func firstRepetition(_ field: FieldSpan) -> Range<Int> {
        field.isLiteral || field.isSingleRepetition
            ? field.raw : bytes.piece(0, of: field.raw, separatedBy: delimiters.repetition)
    }

    /// `HL7Field.repetition(_:)`: repetition `i` (from 0).
    func repetition(_ field: FieldSpan, _ i: Int) -> FieldSpan {
        if field.isLiteral || field.isSingleRepetition {
            return i == 0 ? field : FieldSpan(raw: 0..<0, isLiteral: field.isLiteral, isSingleRepetition: !field.isLiteral)
        }
        return FieldSpan(raw: bytes.piece(i, of: field.raw, separatedBy: delimiters.repetition), isLiteral: false,
                         isSingleRepetition: true)
    }

    /// `HL7Field.component(_:)`: component `c` (from 1) of the first repetition.
    func component(_ field: FieldSpan, _ c: Int) -> ComponentSpan {
        guard c >= 1 else { return ComponentSpan(raw: 0..<0, isLiteral: field.isLiteral) }
        if field.isLiteral { return ComponentSpan(raw: c == 1 ? field.raw : 0..<0, isLiteral: true) }
        return ComponentSpan(raw: bytes.piece(c - 1, of: firstRepetition(field), separatedBy: delimiters.component),
                             isLiteral: false)
    }

    /// `HL7Component.subcomponent(_:)`: subcomponent `s` (from 1).
    func subcomponent(_ component: ComponentSpan, _ s: Int) -> Range<Int> {
        guard s >= 1 else { return 0..<0 }
        if component.isLiteral { return s == 1 ? component.raw : 0..<0 }
        return bytes.piece(s - 1, of: component.raw, separatedBy: delimiters.subcomponent)
    }

    /// Components 1 to 3 of the first repetition (code, text, coding system), in one pass.
    func codedComponents(_ field: FieldSpan) -> (code: Range<Int>, text: Range<Int>, system: Range<Int>) {
        if field.isLiteral { return (field.raw, 0..<0, 0..<0) }
        return bytes.firstThreePieces(of: firstRepetition(field), separatedBy: delimiters.component)
    }

    /// The bytes of a range, for describing a failure.
    func slice(_ range: Range<Int>) -> ArraySlice<UInt8> {
        bytes.fits(range) ? bytes[range] : ArraySlice()
    }
}
