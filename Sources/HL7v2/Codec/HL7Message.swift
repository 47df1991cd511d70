/// One parsed HL7 v2 message in ER7 (pipe-delimited) encoding.
///
/// The message keeps its bytes in one array plus a flat index of segment and field-separator
/// offsets. Components, repetitions and subcomponents are found on access and text is decoded
/// only when asked for, which keeps ``parse(_:maxBytes:)`` to a single scan without per-field
/// allocations.
///
/// ```swift
/// let message = try HL7Message.parse(bytes)
/// message["MSH-9.1"]            // "ORU"
/// message.first("PID")?.field(5).component(1).text
/// ```
public struct HL7Message: Sendable, Equatable {
    let storage: HL7MessageStorage

    init(storage: HL7MessageStorage) {
        self.storage = storage
    }

    /// Parses bytes that hold exactly one message starting with MSH.
    ///
    /// Segments may end in CR, LF or CRLF and blank lines are skipped; ``bytes`` then holds the
    /// message with each segment ended by a single CR. Delimiters are read from MSH-1 and MSH-2.
    /// A later segment named MSH is kept as an ordinary segment (numbered like MSH, split with
    /// the first MSH's delimiters); split files of several messages with ``HL7FileSplitter``.
    ///
    /// - Parameters:
    ///   - bytes: The message, without MLLP framing.
    ///   - maxBytes: The largest input accepted; the device is untrusted.
    /// - Throws: ``HL7ParseError`` naming the position of the first structural fault.
    public static func parse(_ bytes: [UInt8], maxBytes: Int = 1 << 20) throws(HL7ParseError) -> HL7Message {
        // Offsets are stored as Int32; the clamp keeps them (and the CR normalisation may add) in range.
        let limit = min(max(maxBytes, 0), Int(Int32.max) - 16)
        guard !bytes.isEmpty else { throw .emptyInput }
        guard bytes.count <= limit else { throw .messageTooLarge(byteCount: bytes.count, limit: limit) }
        let (delimiters, index) = try HL7Scanner.analyse(bytes).get()
        if index.isCanonical {
            return HL7Message(
                storage: HL7MessageStorage(
                    bytes: bytes, delimiters: delimiters, segments: index.segments, marks: index.marks))
        }
        let normalised = HL7Scanner.normalised(bytes, index)
        let (_, canonicalIndex) = try HL7Scanner.analyse(normalised).get()
        return HL7Message(
            storage: HL7MessageStorage(
                bytes: normalised, delimiters: delimiters, segments: canonicalIndex.segments,
                marks: canonicalIndex.marks))
    }

    /// Parses the UTF-8 bytes of `text`; convenient for fixtures and templates.
    public static func parse(_ text: String) throws(HL7ParseError) -> HL7Message {
        try parse(Array(text.utf8))
    }

    /// The delimiters declared in MSH-1 and MSH-2.
    public var delimiters: HL7Delimiters { storage.delimiters }

    /// The message bytes, each segment ended by a single CR.
    public var bytes: [UInt8] { storage.bytes }

    /// The number of segments.
    public var segmentCount: Int { storage.segments.count }

    /// All segments in order.
    public var segments: HL7SegmentsView { HL7SegmentsView(storage: storage) }

    /// The wire form: identical to the input when the input was CR-terminated without blank lines.
    public func encoded() -> [UInt8] { storage.bytes }

    /// Every segment whose ID is `id`, in message order.
    public func segments(named id: String) -> [HL7Segment] {
        guard let wanted = HL7Segment.idBytes(id) else { return [] }
        var found: [HL7Segment] = []
        for index in storage.segments.indices where idMatches(index, wanted) {
            found.append(HL7Segment(storage: storage, index: index))
        }
        return found
    }

    /// The first segment whose ID is `id`, if any.
    public func first(_ id: String) -> HL7Segment? {
        guard let wanted = HL7Segment.idBytes(id) else { return nil }
        for index in storage.segments.indices where idMatches(index, wanted) {
            return HL7Segment(storage: storage, index: index)
        }
        return nil
    }

    /// The unescaped text at `path` in the first segment with the path's ID.
    ///
    /// Returns nil when no such segment exists; an absent field or component reads as "".
    /// A path without a repetition reads the first repetition.
    public subscript(path path: HL7Path) -> String? {
        guard let segment = first(path.segment) else { return nil }
        var field = segment.field(path.field)
        if let repetition = path.repetition {
            field = field.repetition(repetition - 1)
        }
        guard let componentNumber = path.component else { return field.text }
        let component = field.component(componentNumber)
        guard let subcomponentNumber = path.subcomponent else { return component.text }
        return component.subcomponent(subcomponentNumber).text
    }

    /// The unescaped text at a path written as text, such as `"MSH-9.1"`; nil when the path is
    /// malformed or the segment is absent.
    public subscript(_ path: String) -> String? {
        guard let parsed = HL7Path(path) else { return nil }
        return self[path: parsed]
    }

    /// Messages are equal when their normalised bytes are; the index is derived from them.
    public static func == (lhs: HL7Message, rhs: HL7Message) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.bytes == rhs.storage.bytes
    }

    private func idMatches(_ index: Int, _ wanted: (UInt8, UInt8, UInt8)) -> Bool {
        let start = Int(storage.segments[index].start)
        let bytes = storage.bytes
        guard start + 2 < bytes.count else { return false }
        return bytes[start] == wanted.0 && bytes[start + 1] == wanted.1 && bytes[start + 2] == wanted.2
    }
}

/// The segments of a message as a random-access collection of lightweight views.
public struct HL7SegmentsView: RandomAccessCollection, Sendable {
    let storage: HL7MessageStorage

    /// Always 0.
    public var startIndex: Int { 0 }
    /// The segment count.
    public var endIndex: Int { storage.segments.count }

    /// The segment at `position`, which must be a valid index, as with `Array`.
    public subscript(position: Int) -> HL7Segment {
        HL7Segment(storage: storage, index: position)
    }
}
