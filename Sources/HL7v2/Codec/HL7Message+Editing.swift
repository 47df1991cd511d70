/// Edits that return a new message, for templates (stamping MSH-7 and MSH-10) and for fault
/// injection (blanking a required field, dropping a segment).
extension HL7Message {
    /// A copy with one field's raw (already escaped) content replaced.
    ///
    /// Adds empty fields when the segment is shorter. Returns the message unchanged when the
    /// segment index is out of range, `n` is below 1, or `n` is MSH-1 or MSH-2 (the delimiters
    /// cannot change this way). A field separator, CR or LF in `raw` is written as `\F\`,
    /// `\X0D\` or `\X0A\` so the segment structure stays intact.
    public func replacingField(segment index: Int, field n: Int, with raw: [UInt8]) -> HL7Message {
        guard index >= 0, index < segmentCount, n >= 1 else { return self }
        let segment = HL7Segment(storage: storage, index: index)
        if segment.isHeader && n <= 2 { return self }
        let rawNumber = segment.isHeader ? n - 1 : n
        let separatorCount = Int(segment.span.separatorCount)
        let old = storage.bytes
        var bytes: [UInt8] = []
        bytes.reserveCapacity(old.count + raw.count + 8)
        if rawNumber <= separatorCount {
            let range = segment.rawBytes(field: n).indices
            bytes.append(contentsOf: old[..<range.lowerBound])
            HL7MessageBuilder.appendSanitised(raw, delimiters: delimiters, to: &bytes)
            bytes.append(contentsOf: old[range.upperBound...])
        } else {
            let end = storage.segmentRange(index).upperBound
            bytes.append(contentsOf: old[..<end])
            for _ in separatorCount..<rawNumber { bytes.append(delimiters.field) }
            HL7MessageBuilder.appendSanitised(raw, delimiters: delimiters, to: &bytes)
            bytes.append(contentsOf: old[end...])
        }
        return (try? HL7Message.parse(bytes, maxBytes: Int(Int32.max))) ?? self
    }

    /// A copy with the field at `path` (segment ID and field number; the first segment with
    /// that ID) replaced by `raw`; unchanged when the segment is absent.
    public func replacingField(_ path: HL7Path, with raw: [UInt8]) -> HL7Message {
        guard let segment = first(path.segment) else { return self }
        return replacingField(segment: segment.index, field: path.field, with: raw)
    }

    /// A copy without the segments at `indexes`; index 0 (MSH) and indexes out of range are
    /// ignored, so the result is always a valid message.
    public func removingSegments(at indexes: [Int]) -> HL7Message {
        let drop = Set(indexes.filter { $0 > 0 && $0 < segmentCount })
        guard !drop.isEmpty else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(storage.bytes.count)
        for index in 0..<segmentCount where !drop.contains(index) {
            bytes.append(contentsOf: storage.bytes[storage.segmentRange(index)])
            bytes.append(ASCIIByte.carriageReturn)
        }
        return (try? HL7Message.parse(bytes, maxBytes: Int(Int32.max))) ?? self
    }
}
