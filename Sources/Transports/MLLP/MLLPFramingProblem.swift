/// A violation of MLLP framing. Offsets count bytes since the decoder started.
public enum MLLPFramingProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// `count` bytes starting at `offset` arrived outside any frame.
    case bytesOutsideFrame(count: Int, offset: Int)
    /// The frame whose start block is at `offset` exceeded `limit` payload bytes; it is
    /// discarded up to the next start block.
    case frameTooLarge(limit: Int, offset: Int)
    /// The byte at `offset` follows an end block but is not CR. The frame is still delivered.
    case missingCarriageReturnAfterEndBlock(offset: Int)
    /// A start block at `offset` arrived inside a frame; the unfinished frame is dropped and a
    /// new one starts here.
    case startBlockInsideFrame(offset: Int)
    /// The stream ended inside a frame holding `bufferedBytes` payload bytes.
    case truncatedAtEndOfStream(bufferedBytes: Int)

    /// One line that says what is wrong and where.
    public var description: String {
        switch self {
        case let .bytesOutsideFrame(count, offset):
            return "byte \(offset): \(count) byte\(count == 1 ? "" : "s") outside any MLLP frame (expected start block 0x0B)"
        case let .frameTooLarge(limit, offset):
            return "byte \(offset): MLLP frame exceeds the limit of \(limit) payload bytes; discarded up to the next start block"
        case let .missingCarriageReturnAfterEndBlock(offset):
            return "byte \(offset): end block 0x1C is not followed by CR 0x0D"
        case let .startBlockInsideFrame(offset):
            return "byte \(offset): start block 0x0B inside an unfinished MLLP frame; the unfinished frame is dropped"
        case let .truncatedAtEndOfStream(bufferedBytes):
            return "stream ended inside an MLLP frame after \(bufferedBytes) payload bytes"
        }
    }
}
