/// A message under construction, as segments of raw ER7 field bytes.
///
/// Simulators assemble their messages here rather than with the codec's builder because a
/// fault must be able to write anything, byte for byte: a duplicated delimiter in MSH-2, a raw
/// control character, a byte that is not UTF-8. Nothing is escaped or repaired on the way out.
struct MessageDraft: Sendable, Equatable {
    var segments: [SegmentDraft]

    init(_ segments: [SegmentDraft] = []) {
        self.segments = segments
    }

    /// The wire form: each segment followed by CR.
    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(segments.reduce(0) { $0 + $1.estimatedSize })
        for segment in segments {
            segment.append(to: &out)
            out.append(0x0D)
        }
        return out
    }

    /// Index of the `occurrence`-th segment (from 0) named `id`.
    func index(of id: String, occurrence: Int = 0) -> Int? {
        var seen = 0
        for (position, segment) in segments.enumerated() where segment.id == id {
            if seen == occurrence { return position }
            seen += 1
        }
        return nil
    }

    /// Sets field `n` of the first segment named `id`; nothing happens when there is none.
    mutating func set(_ id: String, _ n: Int, _ value: String) {
        guard let position = index(of: id) else { return }
        segments[position].set(n, value)
    }

    /// Removes every segment named `id`.
    mutating func remove(_ id: String) {
        segments.removeAll { $0.id == id }
    }
}

/// One segment: its ID and its fields in HL7 numbering.
///
/// `fields[n - 1]` holds field n. For MSH, field 1 is the field separator itself: it is kept
/// for numbering only and not written again, and field 2 holds the encoding characters.
struct SegmentDraft: Sendable, Equatable {
    var id: String
    var fields: [[UInt8]]

    init(_ id: String, _ fields: [String]) {
        self.id = id
        self.fields = fields.map { Array($0.utf8) }
    }

    /// An MSH segment from field 3 on; MSH-1 and MSH-2 are the standard `|` and `^~\&`.
    static func header(_ fromField3: [String]) -> SegmentDraft {
        SegmentDraft("MSH", ["|", "^~\\&"] + fromField3)
    }

    /// Field `n` as text (empty when absent).
    func text(_ n: Int) -> String {
        n >= 1 && n <= fields.count ? String(decoding: fields[n - 1], as: UTF8.self) : ""
    }

    /// Sets field `n`, adding empty fields when the segment is shorter.
    mutating func set(_ n: Int, _ value: String) {
        setRaw(n, Array(value.utf8))
    }

    /// Sets field `n` to raw bytes, written as they are.
    mutating func setRaw(_ n: Int, _ value: [UInt8]) {
        guard n >= 1 else { return }
        while fields.count < n { fields.append([]) }
        fields[n - 1] = value
    }

    fileprivate var estimatedSize: Int { 4 + fields.reduce(0) { $0 + $1.count + 1 } }

    fileprivate func append(to out: inout [UInt8]) {
        out.append(contentsOf: id.utf8)
        let isHeader = id == "MSH"
        // MSH-1 is the separator written after the ID; every other field is preceded by it.
        let separator: UInt8 = isHeader ? (fields.first?.first ?? 0x7C) : 0x7C
        for (offset, field) in fields.enumerated() {
            if isHeader && offset == 0 { continue }
            out.append(separator)
            out.append(contentsOf: field)
        }
        // Trailing empty fields are written: HL7 allows them, and a fixed layout keeps faults local.
    }
}
