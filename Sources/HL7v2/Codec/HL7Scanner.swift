/// The single pass over the message bytes that finds delimiters, segments and field
/// separators. It allocates nothing per field: components and deeper levels are split later,
/// on access, by scanning the small field slice.
enum HL7Scanner {
    struct Index {
        var segments: [HL7SegmentSpan]
        var marks: [Int32]
        /// True when every segment ends in exactly one CR, with no blank lines: the bytes can
        /// then be kept as they are.
        var isCanonical: Bool
    }

    /// Reads MSH-1 and MSH-2 and checks that the delimiters are usable.
    static func readDelimiters(_ buf: UnsafeBufferPointer<UInt8>) -> Result<HL7Delimiters, HL7ParseError> {
        let n = buf.count
        guard n > 0 else { return .failure(.emptyInput) }
        guard n >= 3, buf[0] == 0x4D, buf[1] == 0x53, buf[2] == 0x48 else {
            var end = 0
            while end < n, end < 8, !ASCIIByte.isLineBreak(buf[end]) { end += 1 }
            return .failure(.doesNotStartWithMSH(found: Array(buf[0..<end])))
        }
        guard n > 3, !ASCIIByte.isLineBreak(buf[3]) else { return .failure(.mshTooShort(offset: 3)) }
        let field = buf[3]
        guard HL7Delimiters.isAllowedDelimiter(field) else {
            return .failure(.invalidDelimiter(role: .field, byte: field, offset: 3))
        }
        var end = 4
        while end < n, buf[end] != field, !ASCIIByte.isLineBreak(buf[end]) { end += 1 }
        let count = end - 4
        guard count == 4 || count == 5 else { return .failure(.encodingCharacterCount(count: count, offset: 4)) }

        // Each character must differ from all before it (the field separator included);
        // positions 3...8 are at most six bytes, so the pairwise check is cheap and allocates nothing.
        for position in 1...count {
            let offset = 3 + position
            let byte = buf[offset]
            let role = roleInMSH(position)
            guard HL7Delimiters.isAllowedDelimiter(byte) else {
                return .failure(.invalidDelimiter(role: role, byte: byte, offset: offset))
            }
            for earlier in 0..<position where buf[3 + earlier] == byte {
                return .failure(.duplicateDelimiter(role: role, byte: byte, offset: offset, sameAs: roleInMSH(earlier)))
            }
        }
        return .success(
            HL7Delimiters(
                field: field, component: buf[4], repetition: buf[5], escape: buf[6], subcomponent: buf[7],
                truncation: count == 5 ? buf[8] : nil))
    }

    /// The role of the delimiter at `position` after "MSH" (0 = MSH-1).
    private static func roleInMSH(_ position: Int) -> HL7DelimiterRole {
        switch position {
        case 0: .field
        case 1: .component
        case 2: .repetition
        case 3: .escape
        case 4: .subcomponent
        default: .truncation
        }
    }

    /// Splits the input into segments at CR, LF or CRLF (blank lines are skipped) and records
    /// every field separator. Segment IDs are checked as they are found.
    static func scan(_ buf: UnsafeBufferPointer<UInt8>, fieldSeparator: UInt8) -> Result<Index, HL7ParseError> {
        // Every mark is the offset of a distinct byte, or the end of the input once: at most
        // `n + 1` marks. They go into scratch space of that size, written without growth
        // checks, and are copied out once at the end.
        let capacity = buf.count + 1
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { scratch in
            scan(buf, fieldSeparator: fieldSeparator, marks: scratch)
        }
    }

    private static func scan(_ buf: UnsafeBufferPointer<UInt8>, fieldSeparator: UInt8,
                             marks: UnsafeMutableBufferPointer<Int32>) -> Result<Index, HL7ParseError> {
        let n = buf.count
        var segments: [HL7SegmentSpan] = []
        segments.reserveCapacity(n / 48 + 4)
        var markCount = 0
        var isCanonical = true
        var segmentStart = 0
        let separatorWord = ByteWords.broadcast(fieldSeparator)
        let crWord = ByteWords.broadcast(0x0D)
        let lfWord = ByteWords.broadcast(0x0A)
        while segmentStart < n {
            let firstMark = markCount
            var j = segmentStart
            // Eight bytes at a time: a mask flags the separators and line ends in a word, and
            // only flagged bytes are looked at, so plain text costs one test per eight bytes.
            scanning: while j < n {
                guard let word = ByteWords.load(buf, at: j) else {
                    let byte = buf[j]
                    if byte == fieldSeparator {
                        record(j, in: marks, count: &markCount)
                    } else if byte == 0x0D || byte == 0x0A {
                        break scanning
                    }
                    j += 1
                    continue
                }
                var flagged = ByteWords.matches(word, separatorWord) | ByteWords.matches(word, crWord)
                    | ByteWords.matches(word, lfWord)
                while flagged != 0 {
                    let offset = j + flagged.trailingZeroBitCount >> 3
                    if buf[offset] != fieldSeparator {
                        j = offset
                        break scanning
                    }
                    record(offset, in: marks, count: &markCount)
                    flagged &= flagged &- 1
                }
                j += 8
            }
            let separatorCount = markCount - firstMark
            record(j, in: marks, count: &markCount)
            let idEnd = separatorCount > 0 ? Int(marks[firstMark]) : j
            guard idEnd - segmentStart == 3,
                ASCIIByte.isSegmentIDByte(buf[segmentStart]),
                ASCIIByte.isSegmentIDByte(buf[segmentStart + 1]),
                ASCIIByte.isSegmentIDByte(buf[segmentStart + 2])
            else {
                let shown = min(idEnd, segmentStart + 8)
                return .failure(
                    .invalidSegmentID(
                        segmentIndex: segments.count, offset: segmentStart, found: Array(buf[segmentStart..<shown])))
            }
            segments.append(
                HL7SegmentSpan(
                    start: Int32(truncatingIfNeeded: segmentStart), firstMark: Int32(truncatingIfNeeded: firstMark),
                    separatorCount: Int32(truncatingIfNeeded: separatorCount)))
            guard j < n else {
                isCanonical = false
                break
            }
            if buf[j] == 0x0A { isCanonical = false }
            var next = j + 1
            while next < n, buf[next] == 0x0D || buf[next] == 0x0A {
                isCanonical = false
                next += 1
            }
            segmentStart = next
        }
        let found = Array(UnsafeBufferPointer(rebasing: marks[0..<markCount]))
        return .success(Index(segments: segments, marks: found, isCanonical: isCanonical))
    }

    /// Writes mark `offset` at `count` and counts it. A function of its own rather than a closure
    /// over the count, which debug builds would check for exclusive access at every mark.
    @inline(__always)
    private static func record(_ offset: Int, in marks: UnsafeMutableBufferPointer<Int32>, count: inout Int) {
        guard count < marks.count else { return }  // unreachable: see the capacity in `scan`
        marks[count] = Int32(truncatingIfNeeded: offset)
        count += 1
    }

    /// Reads delimiters and scans; the whole parse of one byte array.
    static func analyse(_ bytes: [UInt8]) -> Result<(HL7Delimiters, Index), HL7ParseError> {
        bytes.withUnsafeBufferPointer { buf in
            switch readDelimiters(buf) {
            case let .failure(error):
                return .failure(error)
            case let .success(delimiters):
                return scan(buf, fieldSeparator: delimiters.field).map { (delimiters, $0) }
            }
        }
    }

    /// The same segments, each followed by exactly one CR.
    static func normalised(_ bytes: [UInt8], _ index: Index) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1)
        for span in index.segments {
            let endMark = Int(span.firstMark) + Int(span.separatorCount)
            guard endMark < index.marks.count else { continue }
            let start = Int(span.start)
            let end = Int(index.marks[endMark])
            guard start <= end, end <= bytes.count else { continue }
            out.append(contentsOf: bytes[start..<end])
            out.append(ASCIIByte.carriageReturn)
        }
        return out
    }
}
