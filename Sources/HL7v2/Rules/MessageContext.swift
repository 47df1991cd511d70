/// What every message-level rule needs to know about one parsed message, worked out once.
struct MessageContext {
    let message: HL7Message
    let segments: HL7SegmentsView
    /// The ID of each segment, packed, in message order.
    let ids: [SegmentCode]
    let delimiters: HL7Delimiters
    /// MSH-9.1 as written (the message code that `messages:` filters on).
    let messageCode: ArraySlice<UInt8>
    let subject: String
    /// The message bytes, and the parse index into them: what ``field(_:_:)`` and the other
    /// span accessors read, so pass paths never build `HL7Segment`s or `HL7Field`s.
    let bytes: [UInt8]
    let spans: [HL7SegmentSpan]
    let marks: [Int32]
    /// OBX-2, OBX-3 and OBX-6 of every OBX, split once for the rules that all read them.
    private(set) var obxParts: [OBXSpans] = []

    static let obx = SegmentCodes.pack(0x4F, 0x42, 0x58)
    static let msh = SegmentCodes.pack(0x4D, 0x53, 0x48)

    init(message: HL7Message, subject: String) {
        self.message = message
        self.subject = subject
        let storage = message.storage
        segments = message.segments
        delimiters = storage.delimiters
        bytes = storage.bytes
        spans = storage.segments
        marks = storage.marks
        var ids: [SegmentCode] = []
        ids.reserveCapacity(spans.count)
        for span in spans {
            let start = Int(span.start)
            if start >= 0, start + 2 < bytes.count {
                ids.append(SegmentCodes.pack(bytes[start], bytes[start + 1], bytes[start + 2]))
            } else {
                ids.append(0)
            }
        }
        self.ids = ids
        messageCode = segments.isEmpty ? ArraySlice() : segments[0].field(9).component(1).raw
        splitOBX()
    }

    /// Splits every OBX into ``obxParts``, in message order. Mutating, so that reading the
    /// message while splitting borrows the context instead of copying it.
    private mutating func splitOBX() {
        var parts: [OBXSpans] = []
        for index in indices(of: Self.obx) {
            if parts.isEmpty { parts.reserveCapacity(ids.count - index) }
            let unit = field(index, 6)
            parts.append(OBXSpans(
                index: index, valueType: firstRepetition(field(index, 2)),
                observed: codedComponents(field(index, 3)),
                unit: firstRepetition(unit), unitParts: codedComponents(unit)))
        }
        obxParts = parts
    }

    /// The indices of the segments whose ID is `code`, in order; computed as iterated, without allocating.
    func indices(of code: SegmentCode) -> SegmentIndices {
        SegmentIndices(ids: ids, code: code)
    }

    func contains(_ code: SegmentCode) -> Bool { ids.contains(code) }

    /// Which occurrence of its ID the segment at `index` is, from 1 (OBX[3] is the third OBX).
    func ordinal(_ index: Int) -> Int {
        guard index < ids.count else { return 0 }
        let code = ids[index]
        var count = 0
        for position in 0...index where ids[position] == code { count += 1 }
        return count
    }

    /// `OBX[3]` for the third of several OBX, `PID` for a segment that appears once.
    func name(_ index: Int) -> String {
        let code = ids[index]
        let id = SegmentCodes.name(code)
        guard ids.count(where: { $0 == code }) > 1 else { return id }
        return "\(id)[\(ordinal(index))]"
    }

    /// `OBX[3]-5`: field `field` of the segment at `index`.
    func place(_ index: Int, field: Int) -> String { "\(name(index))-\(field)" }

    /// `PID-3(2).1`: a path's value in the segment at `index`.
    func place(_ index: Int, path: HL7Path, repetition: Int? = nil) -> String {
        var text = place(index, field: path.field)
        if let repetition = repetition ?? path.repetition { text += "(\(repetition))" }
        if let component = path.component {
            text += ".\(component)"
            if let subcomponent = path.subcomponent { text += ".\(subcomponent)" }
        }
        return text
    }

    /// The segment index and field number holding message byte `offset` (field 0 is the ID).
    func locate(_ offset: Int) -> (segment: Int, field: Int)? {
        guard !ids.isEmpty, offset >= 0, offset < message.bytes.count else { return nil }
        var low = 0
        var high = ids.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segments[middle].byteOffset <= offset { low = middle } else { high = middle - 1 }
        }
        let start = segments[low].byteOffset
        let bytes = message.bytes
        var field = 0
        var position = start
        while position < offset {
            if bytes[position] == delimiters.field { field += 1 }
            position += 1
        }
        // MSH counts its first field separator as MSH-1.
        if ids[low] == Self.msh, field >= 1 { field += 1 }
        if ids[low] == Self.msh, offset == start + 3 { field = 1 }
        return (low, field)
    }

    /// Evidence naming a field: its address, the segment's number and byte offset in the message.
    func evidence(_ index: Int, field: Int?, extra: [(String, String)] = []) -> [EvidenceItemValue] {
        var items: [EvidenceItemValue] = []
        if let field { items.append(("field", place(index, field: field))) }
        items.append(("segment", "\(index + 1) '\(SegmentCodes.name(ids[index]))'"))
        items.append(("segment offset", "\(segments[index].byteOffset)"))
        items.append(contentsOf: extra)
        return items
    }

    /// The value of a field as a visible string, or a note instead of the value when the segment
    /// carries patient data, so reasons and reports do not spread identifiers.
    func shown(_ value: ArraySlice<UInt8>, segment index: Int) -> String {
        if PatientData.segments.contains(ids[index]) {
            return value.isEmpty ? "''" : "a value of \(value.count) byte\(value.count == 1 ? "" : "s") (withheld: patient data)"
        }
        return VisibleText.quoted(value)
    }

    /// The unescaped bytes of a value: the slice itself when it holds no escape character.
    func unescaped(_ raw: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard raw.contains(delimiters.escape) else { return raw }
        return ArraySlice(HL7Escaping.unescape(raw, delimiters: delimiters).bytes)
    }
}

/// The positions of the segments with one ID, found as iterated: a plain loop over the IDs,
/// where a lazy filter would call its closure through a context for every segment.
struct SegmentIndices: Sequence, IteratorProtocol {
    let ids: [SegmentCode]
    let code: SegmentCode
    var position = 0

    init(ids: [SegmentCode], code: SegmentCode) {
        self.ids = ids
        self.code = code
    }

    mutating func next() -> Int? {
        while position < ids.count {
            let current = position
            position += 1
            if ids[current] == code { return current }
        }
        return nil
    }
}

/// A named evidence value before it becomes an `EvidenceItem`.
typealias EvidenceItemValue = (String, String)

/// Segments whose values identify a person; reasons name their length, not their content.
enum PatientData {
    static let segments: Set<SegmentCode> = Set(
        ["PID", "PD1", "NK1", "MRG", "GT1", "IN1", "IN2", "ROL"].compactMap(SegmentCodes.pack))
}
