/// Incremental MLLP deframer for an untrusted byte stream.
///
/// Feed bytes as they arrive, then call ``next()`` until it returns nil. Problems are events,
/// not errors: the decoder reports each one, resynchronises and goes on, so a session can
/// judge the device without losing the rest of the stream. Input is processed lazily in
/// ``next()``, so memory holds at most the bytes fed since the last drain plus one frame of
/// at most `maxFrameBytes`.
///
/// ```swift
/// var decoder = MLLPFrameDecoder()
/// decoder.feed(chunk)
/// while let event = decoder.next() { handle(event) }
/// // at end of stream:
/// while let event = decoder.finish() { handle(event) }
/// ```
public struct MLLPFrameDecoder: Sendable {
    private enum State: Sendable {
        /// Between frames, looking for a start block.
        case idle
        /// Collecting a payload.
        case inFrame
        /// Saw the end block; the next byte should be CR.
        case afterEndBlock
        /// Skipping an oversized frame up to the next start block.
        case discarding
    }

    /// The largest payload accepted.
    public let maxFrameBytes: Int
    private var input: [UInt8] = []
    private var readIndex = 0
    /// Stream offset of `input[0]`.
    private var inputOffset = 0
    private var payload: [UInt8] = []
    private var state = State.idle
    private var frameStart = 0
    private var outsideCount = 0
    private var outsideStart = 0

    /// Creates a decoder that rejects payloads larger than `maxFrameBytes`.
    public init(maxFrameBytes: Int = 1 << 20) {
        self.maxFrameBytes = max(0, maxFrameBytes)
    }

    /// Bytes held: input not yet examined plus the payload of the frame being collected.
    public var bufferedByteCount: Int { input.count - readIndex + payload.count }

    /// Appends received bytes; they are examined by ``next()``.
    public mutating func feed<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        compactInput()
        input.append(contentsOf: bytes)
    }

    /// The next frame or problem, or nil when the bytes fed so far hold no further event.
    public mutating func next() -> MLLPFrameEvent? {
        while readIndex < input.count {
            if let event = step() { return event }
        }
        compactInput()
        return nil
    }

    /// Drains what is left at end of stream: first the events of unexamined input, then a
    /// truncation or stray-bytes report. Call until it returns nil; the decoder is then idle.
    public mutating func finish() -> MLLPFrameEvent? {
        if let event = next() { return event }
        switch state {
        case .inFrame:
            let count = payload.count
            resetPayload()
            state = .idle
            return .problem(.truncatedAtEndOfStream(bufferedBytes: count))
        case .afterEndBlock:
            // The frame was delivered at its end block; the stream ended before the CR.
            state = .idle
            return .problem(.missingCarriageReturnAfterEndBlock(offset: inputOffset + readIndex))
        case .discarding:
            state = .idle
            return nil
        case .idle:
            return takeOutsideReport()
        }
    }

    /// Examines input from `readIndex`; returns an event or advances at least one byte.
    private mutating func step() -> MLLPFrameEvent? {
        switch state {
        case .idle:
            let start = readIndex
            guard let found = firstIndex(from: start, of: MLLP.startBlock, or: nil) else {
                noteOutside(start, input.count - start)
                readIndex = input.count
                return nil
            }
            noteOutside(start, found - start)
            readIndex = found + 1
            beginFrame(at: found)
            return takeOutsideReport()
        case .inFrame:
            let start = readIndex
            let found = firstIndex(from: start, of: MLLP.startBlock, or: MLLP.endBlock)
            let end = found ?? input.count
            if end - start > maxFrameBytes - payload.count {
                resetPayload()
                state = .discarding
                readIndex = end
                return .problem(.frameTooLarge(limit: maxFrameBytes, offset: frameStart))
            }
            payload.append(contentsOf: input[start..<end])
            readIndex = end
            guard let found else { return nil }
            readIndex = found + 1
            if input[found] == MLLP.endBlock {
                // Delivered at once: a peer that omits the CR must not have its message held
                // back until its next bytes arrive. The CR is checked when the next byte comes.
                state = .afterEndBlock
                return .frame(takePayload())
            }
            beginFrame(at: found)
            return .problem(.startBlockInsideFrame(offset: inputOffset + found))
        case .afterEndBlock:
            state = .idle
            if input[readIndex] == MLLP.carriageReturn {
                readIndex += 1
                return nil
            }
            // Leave the offending byte for the idle state: it may start the next frame.
            return .problem(.missingCarriageReturnAfterEndBlock(offset: inputOffset + readIndex))
        case .discarding:
            guard let found = firstIndex(from: readIndex, of: MLLP.startBlock, or: nil) else {
                readIndex = input.count
                return nil
            }
            readIndex = found + 1
            beginFrame(at: found)
            return nil
        }
    }

    private mutating func beginFrame(at index: Int) {
        resetPayload()
        state = .inFrame
        frameStart = inputOffset + index
    }

    private mutating func resetPayload() {
        payload.removeAll(keepingCapacity: payload.capacity <= 1 << 16)
    }

    private mutating func takePayload() -> [UInt8] {
        let frame = payload
        payload = []
        return frame
    }

    private mutating func noteOutside(_ index: Int, _ count: Int) {
        guard count > 0 else { return }
        if outsideCount == 0 { outsideStart = inputOffset + index }
        // Saturating: a flood of garbage must not overflow the counter.
        outsideCount = outsideCount.addingReportingOverflow(count).overflow ? Int.max : outsideCount + count
    }

    private mutating func takeOutsideReport() -> MLLPFrameEvent? {
        guard outsideCount > 0 else { return nil }
        let event = MLLPFrameEvent.problem(.bytesOutsideFrame(count: outsideCount, offset: outsideStart))
        outsideCount = 0
        return event
    }

    /// Drops examined input so the buffer never grows beyond what is still unread.
    private mutating func compactInput() {
        guard readIndex > 0 else { return }
        if readIndex >= input.count {
            inputOffset += input.count
            input.removeAll(keepingCapacity: input.capacity <= 1 << 16)
        } else {
            inputOffset += readIndex
            input.removeFirst(readIndex)
        }
        readIndex = 0
    }

    private func firstIndex(from start: Int, of a: UInt8, or b: UInt8?) -> Int? {
        input.withUnsafeBufferPointer { buf in
            var i = start
            let n = buf.count
            if let b {
                while i < n {
                    let byte = buf[i]
                    if byte == a || byte == b { return i }
                    i += 1
                }
            } else {
                while i < n {
                    if buf[i] == a { return i }
                    i += 1
                }
            }
            return nil
        }
    }
}
