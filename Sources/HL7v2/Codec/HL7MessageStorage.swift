/// Where one segment lives in the message bytes.
///
/// `marks[firstMark ..< firstMark + separatorCount]` are the offsets of the segment's field
/// separators and `marks[firstMark + separatorCount]` is the offset of its terminator, so raw
/// field `k` (1-based, counting the segment ID as field 0) spans the bytes between mark `k - 1`
/// and mark `k`. Int32 keeps the index small; the parser caps messages below `Int32.max`.
struct HL7SegmentSpan: Sendable, Equatable {
    var start: Int32
    var firstMark: Int32
    var separatorCount: Int32
}

/// The immutable parse result shared by a message and every view taken from it.
///
/// A class so that segment and field views cost one reference count instead of one per array.
final class HL7MessageStorage: Sendable {
    let bytes: [UInt8]
    let delimiters: HL7Delimiters
    let segments: [HL7SegmentSpan]
    let marks: [Int32]

    init(bytes: [UInt8], delimiters: HL7Delimiters, segments: [HL7SegmentSpan], marks: [Int32]) {
        self.bytes = bytes
        self.delimiters = delimiters
        self.segments = segments
        self.marks = marks
    }

    /// The segment bytes without the terminator; empty for an index out of range.
    func segmentRange(_ index: Int) -> Range<Int> {
        guard index >= 0, index < segments.count else { return 0..<0 }
        let span = segments[index]
        let endMark = Int(span.firstMark) + Int(span.separatorCount)
        guard endMark < marks.count else { return 0..<0 }
        return Int(span.start)..<Int(marks[endMark])
    }
}
