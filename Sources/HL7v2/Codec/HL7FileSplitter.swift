/// One message-sized piece of a file, as found by ``HL7FileSplitter``.
public struct HL7FileChunk: Sendable, Equatable {
    /// How the chunk was delimited in the file.
    public enum Framing: Sendable, Hashable {
        /// Plain text: the chunk starts at a line beginning with MSH (or holds stray lines).
        case plain
        /// An MLLP frame: the chunk is the payload between 0x0B and 0x1C.
        case mllp
    }

    /// The chunk's bytes as in the file (line ends untouched; MLLP framing bytes removed).
    public var bytes: [UInt8]
    /// The file offset of `bytes[0]`: add it to an offset inside the chunk to get a file offset.
    public var offset: Int
    /// The 1-based line of `offset`, counting CR, LF and CRLF each as one line break.
    public var line: Int
    /// Plain text or MLLP payload.
    public var framing: Framing
    /// True for an MLLP frame cut off by the end of the file (no 0x1C).
    public var isTruncated: Bool

    /// Creates a chunk record.
    public init(bytes: [UInt8], offset: Int, line: Int, framing: Framing, isTruncated: Bool = false) {
        self.bytes = bytes
        self.offset = offset
        self.line = line
        self.framing = framing
        self.isTruncated = isTruncated
    }
}

/// Splits a captured file into messages.
///
/// A file may hold several messages, use CR, LF or CRLF, and wrap messages in MLLP frames
/// (0x0B ... 0x1C 0x0D), or mix both. A new plain chunk starts at every line that begins with
/// MSH. Lines that begin with the batch segments FHS, BHS, BTS or FTS, and any text before
/// the first MSH, become chunks of their own, so parsing them reports a clear error instead of
/// hiding them inside a neighbouring message. Blank lines between messages are dropped; a
/// leading UTF-8 byte order mark is skipped.
public enum HL7FileSplitter {
    /// The chunks of `bytes`, in file order.
    public static func split(_ bytes: [UInt8]) -> [HL7FileChunk] {
        var pieces: [(range: Range<Int>, framing: HL7FileChunk.Framing, truncated: Bool)] = []
        let n = bytes.count
        var i = 0
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        var plainStart: Int? = nil
        var atLineStart = true

        func closePlain(at end: Int) {
            guard let start = plainStart else { return }
            plainStart = nil
            let trimmed = trimmedEnd(bytes, start, end)
            if trimmed > start { pieces.append((start..<trimmed, .plain, false)) }
        }

        while i < n {
            let byte = bytes[i]
            if byte == ASCIIByte.verticalTab {
                closePlain(at: i)
                let payloadStart = i + 1
                var end = payloadStart
                while end < n, bytes[end] != ASCIIByte.fileSeparator { end += 1 }
                pieces.append((payloadStart..<end, .mllp, end == n))
                i = end + 1
                if i < n, bytes[i] == ASCIIByte.carriageReturn { i += 1 }
                atLineStart = true
                continue
            }
            if ASCIIByte.isLineBreak(byte) {
                atLineStart = true
                i += 1
                continue
            }
            if atLineStart {
                if startsMessageOrBatchLine(bytes, i) {
                    closePlain(at: i)
                    plainStart = i
                } else if plainStart == nil {
                    plainStart = i
                } else if isBatchLine(bytes, plainStart ?? i) {
                    // A batch line is a chunk of its own; what follows it starts a new one.
                    closePlain(at: i)
                    plainStart = i
                }
            }
            atLineStart = false
            i += 1
        }
        closePlain(at: n)
        return chunks(bytes, pieces)
    }

    /// Attaches line numbers in one pass over the file.
    private static func chunks(
        _ bytes: [UInt8], _ pieces: [(range: Range<Int>, framing: HL7FileChunk.Framing, truncated: Bool)]
    ) -> [HL7FileChunk] {
        var result: [HL7FileChunk] = []
        result.reserveCapacity(pieces.count)
        var line = 1
        var position = 0
        for piece in pieces {
            let target = piece.range.lowerBound
            while position < target, position < bytes.count {
                let byte = bytes[position]
                if byte == ASCIIByte.lineFeed {
                    line += 1
                } else if byte == ASCIIByte.carriageReturn {
                    let next = position + 1
                    if next >= bytes.count || bytes[next] != ASCIIByte.lineFeed { line += 1 }
                }
                position += 1
            }
            result.append(
                HL7FileChunk(
                    bytes: Array(bytes[piece.range]), offset: target, line: line, framing: piece.framing,
                    isTruncated: piece.truncated))
        }
        return result
    }

    /// `end` moved back over trailing blank lines, keeping the last line's own terminator
    /// (CR, LF or CRLF) so a CR-terminated message stays byte-identical.
    private static func trimmedEnd(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int {
        var last = end
        while last > start, ASCIIByte.isLineBreak(bytes[last - 1]) { last -= 1 }
        guard last > start else { return start }
        var keep = last
        if keep < end, bytes[keep] == ASCIIByte.carriageReturn {
            keep += 1
            if keep < end, bytes[keep] == ASCIIByte.lineFeed { keep += 1 }
        } else if keep < end, bytes[keep] == ASCIIByte.lineFeed {
            keep += 1
        }
        return keep
    }

    private static func startsMessageOrBatchLine(_ bytes: [UInt8], _ i: Int) -> Bool {
        hasPrefix(bytes, i, 0x4D, 0x53, 0x48) || isBatchLine(bytes, i)
    }

    private static func isBatchLine(_ bytes: [UInt8], _ i: Int) -> Bool {
        hasPrefix(bytes, i, 0x46, 0x48, 0x53) || hasPrefix(bytes, i, 0x42, 0x48, 0x53)
            || hasPrefix(bytes, i, 0x42, 0x54, 0x53) || hasPrefix(bytes, i, 0x46, 0x54, 0x53)
    }

    private static func hasPrefix(_ bytes: [UInt8], _ i: Int, _ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        i + 2 < bytes.count && bytes[i] == a && bytes[i + 1] == b && bytes[i + 2] == c
    }
}
