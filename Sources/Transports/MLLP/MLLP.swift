/// The HL7 Minimal Lower Layer Protocol: each message travels as 0x0B, payload, 0x1C 0x0D.
public enum MLLP {
    /// The start block, VT.
    public static let startBlock: UInt8 = 0x0B
    /// The end block, FS; followed by ``carriageReturn``.
    public static let endBlock: UInt8 = 0x1C
    /// The byte after the end block, CR.
    public static let carriageReturn: UInt8 = 0x0D

    /// Wraps `payload` in one frame. The payload is not checked: callers that build faulty
    /// frames on purpose (fuzzing) need it that way.
    public static func frame(_ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(payload.count + 3)
        out.append(startBlock)
        out.append(contentsOf: payload)
        out.append(endBlock)
        out.append(carriageReturn)
        return out
    }
}

/// What the frame decoder hands out: a complete payload or a framing problem.
public enum MLLPFrameEvent: Sendable, Equatable {
    /// The bytes between a start block and an end block.
    case frame([UInt8])
    /// A violation of the framing; the decoder has already resynchronised.
    case problem(MLLPFramingProblem)
}
