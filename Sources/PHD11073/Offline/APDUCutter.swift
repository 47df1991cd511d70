/// Cuts a byte stream into APDUs by their 4-byte header (a 2-byte choice, a 2-byte length),
/// the rule ``APDUFramer`` applies to a live stream, fed one byte at a time so that hex
/// text and binary files share it and each APDU keeps the position of its first byte.
///
/// Memory stays at one APDU (at most 4 + 65535 bytes) besides what is handed out.
struct APDUCutter {
    private var current: [UInt8] = []
    private var start: CapturePosition = .byte(offset: 0)
    private var expected = 0
    private(set) var apdus: [CapturedAPDU] = []

    /// Adds the next byte; `position` is asked only when the byte starts an APDU.
    mutating func append(_ byte: UInt8, at position: @autoclosure () -> CapturePosition) {
        if current.isEmpty { start = position() }
        current.append(byte)
        if current.count == 4 { expected = 4 + (Int(current[2]) << 8 | Int(current[3])) }
        if current.count >= 4, current.count == expected {
            apdus.append(CapturedAPDU(bytes: current, index: apdus.count, position: start))
            current.removeAll(keepingCapacity: true)
        }
    }

    /// Ends the stream: an APDU it cut short is kept as the last item, with its problem.
    mutating func finish() -> CaptureProblem? {
        guard !current.isEmpty else { return nil }
        let problem: CaptureProblem.Kind = current.count < 4
            ? .truncatedHeader(available: current.count)
            : .truncatedAPDU(declared: expected - 4, available: current.count - 4)
        apdus.append(CapturedAPDU(bytes: current, index: apdus.count, position: start, isComplete: false))
        current = []
        return CaptureProblem(position: start, kind: problem)
    }
}
