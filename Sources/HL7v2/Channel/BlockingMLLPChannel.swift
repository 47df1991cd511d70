import MedConformCore
import Transports

/// HL7 messages over one ``BlockingTCPConnection``, framed by MLLP: the same events as
/// ``MLLPChannel`` for the same bytes (it decodes with the same ``MLLPFrameDecoder``), but
/// every call runs to its end on the caller's thread.
///
/// The asynchronous methods of ``MLLPLink`` never suspend: a task that uses this channel
/// should run on a ``DedicatedThreadExecutor``, where blocking holds up nothing else.
///
/// One thread at a time; not shared.
public final class BlockingMLLPChannel: MLLPLink {
    /// The peer's address, as `127.0.0.1:54321`.
    public let remote: String
    /// The largest payload accepted in one frame.
    public let maxFrameBytes: Int
    /// How long a write may wait for a peer that takes nothing.
    public let writeTimeout: Duration

    private let connection: BlockingTCPConnection
    private var decoder: MLLPFrameDecoder
    /// Reused for every read, so that receiving allocates nothing but the frames.
    private var buffer = [UInt8](repeating: 0, count: 64 << 10)
    /// Set once the byte stream has ended: by the peer or by a failure.
    private var ending: MLLPEvent?
    private var closedHere = false

    /// Wraps an established connection.
    /// - Parameters:
    ///   - connection: The connection; the channel owns it from now on.
    ///   - maxFrameBytes: The largest payload accepted; larger frames are reported as
    ///     ``MLLPFramingProblem/frameTooLarge(limit:offset:)`` and dropped.
    ///   - writeTimeout: How long a write may wait for a peer that takes nothing.
    public init(connection: BlockingTCPConnection, maxFrameBytes: Int, writeTimeout: Duration = .seconds(10)) {
        self.connection = connection
        self.remote = connection.remote
        self.maxFrameBytes = max(0, maxFrameBytes)
        self.writeTimeout = writeTimeout
        self.decoder = MLLPFrameDecoder(maxFrameBytes: maxFrameBytes)
    }

    /// Connects to `address` within `timeout`.
    /// - Throws: the connection's ``TransportError``.
    public static func connect(to address: NetworkAddress, timeout: Duration, maxFrameBytes: Int) throws(TransportError) -> BlockingMLLPChannel {
        BlockingMLLPChannel(connection: try BlockingTCPConnection.connect(to: address, timeout: timeout), maxFrameBytes: maxFrameBytes)
    }

    public func send(_ payload: [UInt8]) throws(TransportError) {
        try sendRaw(MLLP.frame(payload))
    }

    public func sendRaw(_ bytes: [UInt8]) throws(TransportError) {
        if closedHere { throw .closed }
        try connection.write(bytes, timeout: writeTimeout)
    }

    /// The next event, as ``MLLPChannel/receive(timeout:)`` gives it: a frame's payload, a
    /// framing problem (the decoder resynchronises), the peer closing (truncation reported
    /// first), a timeout or a failure. Never throws, never traps; after the connection has
    /// ended every call returns the ending at once.
    public func receive(timeout: Duration) -> MLLPEvent {
        if let event = decoder.next() { return Self.event(event) }
        if let ending { return drain(ending) }
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = deadline - .now
            guard remaining > .zero else { return .timedOut(timeout) }
            let count: Int
            do {
                count = try connection.read(into: &buffer, timeout: remaining)
            } catch .timeout {
                return .timedOut(timeout)
            } catch {
                let end: MLLPEvent = closedHere || error == .closed ? .closed : .failed(error)
                ending = end
                return drain(end)
            }
            guard count > 0 else {
                ending = .closed
                return drain(.closed)
            }
            decoder.feed(buffer[0..<count])
            if let event = decoder.next() { return Self.event(event) }
        }
    }

    public func close() {
        closedHere = true
        connection.close()
    }

    public func abort() {
        closedHere = true
        connection.abort()
    }

    /// What is left once the stream has ended: the decoder's last events, then the ending.
    private func drain(_ end: MLLPEvent) -> MLLPEvent {
        if let event = decoder.finish() { return Self.event(event) }
        return end
    }

    private static func event(_ event: MLLPFrameEvent) -> MLLPEvent {
        switch event {
        case .frame(let payload): .frame(payload)
        case .problem(let problem): .problem(problem)
        }
    }
}
