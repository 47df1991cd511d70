import Transports

/// HL7 messages over one TCP connection, framed by MLLP (0x0B payload 0x1C 0x0D).
///
/// The harness and the simulators share it. Sending frames a payload, or writes raw bytes when
/// a test or a fault needs broken framing. Receiving hands out one ``MLLPEvent`` at a time: a
/// frame, a framing problem (after which the decoder has resynchronised), the end of the
/// connection, a timeout or a failure. Receiving never throws and never traps, whatever the
/// peer sends; at most `maxFrameBytes` of payload are held for a frame, and a larger frame is
/// reported and discarded.
///
/// ```swift
/// let channel = MLLPChannel(connection: connection, maxFrameBytes: 1 << 20)
/// try await channel.send(Array(message.utf8))
/// switch await channel.receive(timeout: .seconds(2)) {
/// case .frame(let ack): handle(ack)
/// default: break
/// }
/// ```
///
/// One task should receive at a time; sending may happen from another task meanwhile.
public actor MLLPChannel {
    /// The peer's address, as `127.0.0.1:54321`.
    public nonisolated let remote: String
    /// The largest payload accepted in one frame.
    public nonisolated let maxFrameBytes: Int

    private let connection: TCPConnection
    private var decoder: MLLPFrameDecoder
    /// Set once the byte stream has ended: by the peer (nil) or by a failure.
    private var ending: Ending?
    private var closedHere = false

    private enum Ending {
        case peerClosed
        case failed(TransportError)
    }

    /// Wraps an established connection.
    /// - Parameters:
    ///   - connection: The TCP connection; the channel owns it from now on.
    ///   - maxFrameBytes: The largest payload accepted; larger frames are reported as
    ///     ``MLLPFramingProblem/frameTooLarge(limit:offset:)`` and dropped.
    public init(connection: TCPConnection, maxFrameBytes: Int) {
        self.connection = connection
        self.remote = connection.remote
        self.maxFrameBytes = max(0, maxFrameBytes)
        self.decoder = MLLPFrameDecoder(maxFrameBytes: maxFrameBytes)
    }

    /// Frames `payload` (0x0B payload 0x1C 0x0D) and writes it.
    /// - Throws: the connection's ``TransportError`` (closed, reset, write timeout, cancelled).
    public func send(_ payload: [UInt8]) async throws(TransportError) {
        try await sendRaw(MLLP.frame(payload))
    }

    /// Writes `bytes` exactly as given, without framing: for faults and fuzzing.
    /// - Throws: the connection's ``TransportError``.
    public func sendRaw(_ bytes: [UInt8]) async throws(TransportError) {
        if closedHere { throw .closed }
        try await connection.write(bytes)
    }

    /// The next event: a frame's payload, a framing problem (the decoder resynchronises), the
    /// peer closing (with truncation reported first if it closed in the middle of a frame), a
    /// timeout, or a transport failure. Never throws, never traps.
    ///
    /// After the connection has ended every call returns ``MLLPEvent/closed`` (or the failure)
    /// at once, so a loop that waits for a frame always ends.
    public func receive(timeout: Duration) async -> MLLPEvent {
        if let event = decoder.next() { return Self.event(event) }
        if let ending { return drain(ending) }
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = deadline - .now
            guard remaining > .zero else { return .timedOut(timeout) }
            let chunk: [UInt8]?
            do {
                chunk = try await connection.read(timeout: remaining)
            } catch .timeout {
                return .timedOut(timeout)
            } catch {
                let end: Ending = closedHere || error == .closed ? .peerClosed : .failed(error)
                ending = end
                return drain(end)
            }
            guard let chunk else {
                ending = .peerClosed
                return drain(.peerClosed)
            }
            decoder.feed(chunk)
            if let event = decoder.next() { return Self.event(event) }
        }
    }

    /// Closes the connection in both directions. Idempotent.
    public func close() async {
        closedHere = true
        await connection.close()
    }

    /// Closes abortively (TCP reset), the way a crashing peer looks from the other side.
    public func abort() async {
        closedHere = true
        await connection.abort()
    }

    /// What is left once the stream has ended: the decoder's last events (a truncated frame),
    /// then the ending itself, repeated on every later call.
    private func drain(_ end: Ending) -> MLLPEvent {
        if let event = decoder.finish() { return Self.event(event) }
        switch end {
        case .peerClosed: return .closed
        case .failed(let error): return .failed(error)
        }
    }

    private static func event(_ event: MLLPFrameEvent) -> MLLPEvent {
        switch event {
        case .frame(let payload): .frame(payload)
        case .problem(let problem): .problem(problem)
        }
    }
}
