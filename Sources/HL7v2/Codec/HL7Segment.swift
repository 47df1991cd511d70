/// One segment of a message: a view into the message storage, cheap to create and copy.
public struct HL7Segment: Sendable {
    let storage: HL7MessageStorage
    let span: HL7SegmentSpan
    /// The position of the segment in the message, from 0.
    public let index: Int
    /// True for MSH, whose numbering counts the field separator itself as MSH-1.
    public let isHeader: Bool

    init(storage: HL7MessageStorage, index: Int) {
        self.storage = storage
        self.index = index
        let span = storage.segments[index]
        self.span = span
        let start = Int(span.start)
        let bytes = storage.bytes
        self.isHeader =
            start + 2 < bytes.count && bytes[start] == 0x4D && bytes[start + 1] == 0x53 && bytes[start + 2] == 0x48
    }

    /// The three-character segment ID, such as `PID`.
    public var id: String {
        String(decoding: storage.bytes[byteOffset..<min(byteOffset + 3, storage.bytes.count)], as: UTF8.self)
    }

    /// The offset of the segment's first byte in ``HL7Message/bytes``.
    public var byteOffset: Int { Int(span.start) }

    /// The message delimiters.
    public var delimiters: HL7Delimiters { storage.delimiters }

    /// The segment as on the wire, without its terminator.
    public var raw: ArraySlice<UInt8> {
        storage.bytes[storage.segmentRange(index)]
    }

    /// The highest field number present; for MSH this counts MSH-1 and MSH-2.
    public var fieldCount: Int {
        isHeader ? Int(span.separatorCount) + 1 : Int(span.separatorCount)
    }

    /// Field `n` in HL7 numbering (from 1); an absent field is an empty field.
    ///
    /// MSH-1 and MSH-2 are returned whole: they declare the delimiters, so they are never split
    /// into components or unescaped.
    public func field(_ n: Int) -> HL7Field {
        HL7Field(raw: rawBytes(field: n), delimiters: storage.delimiters, isLiteral: isHeader && (n == 1 || n == 2))
    }

    /// The escaped bytes of field `n` as on the wire; empty when absent.
    public func rawBytes(field n: Int) -> ArraySlice<UInt8> {
        guard n >= 1 else { return ArraySlice() }
        if isHeader {
            if n == 1 {
                let offset = byteOffset + 3
                guard offset < storage.bytes.count else { return ArraySlice() }
                return storage.bytes[offset..<offset + 1]
            }
            return rawField(n - 1)
        }
        return rawField(n)
    }

    /// Whether the segment ID is `id`, without building a String.
    public func hasID(_ id: String) -> Bool {
        guard let wanted = Self.idBytes(id) else { return false }
        let bytes = storage.bytes
        let start = byteOffset
        guard start + 2 < bytes.count else { return false }
        return bytes[start] == wanted.0 && bytes[start + 1] == wanted.1 && bytes[start + 2] == wanted.2
    }

    /// The `k`-th stretch between separators, counting the segment ID as 0.
    private func rawField(_ k: Int) -> ArraySlice<UInt8> {
        let count = Int(span.separatorCount)
        guard k >= 1, k <= count else { return ArraySlice() }
        let base = Int(span.firstMark)
        let marks = storage.marks
        guard base + k < marks.count else { return ArraySlice() }
        let lower = Int(marks[base + k - 1]) + 1
        let upper = Int(marks[base + k])
        guard lower <= upper, upper <= storage.bytes.count else { return ArraySlice() }
        return storage.bytes[lower..<upper]
    }

    static func idBytes(_ id: String) -> (UInt8, UInt8, UInt8)? {
        var iterator = id.utf8.makeIterator()
        guard let a = iterator.next(), let b = iterator.next(), let c = iterator.next(), iterator.next() == nil else {
            return nil
        }
        return (a, b, c)
    }
}
