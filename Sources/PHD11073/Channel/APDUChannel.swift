import Transports

/// IEEE 11073-20601 APDUs over one byte stream: a TCP connection, the way test tools carry
/// 20601 over IP, or any other ``APDUByteStream``.
///
/// Receiving hands out one ``APDUEvent`` at a time and never throws or traps, whatever the
/// peer sends. The channel only frames; decoding and judging are the caller's, so a
/// malformed APDU still arrives with its exact bytes as evidence. The transport seam is the
/// byte stream: a USB or Bluetooth channel later only needs another source of chunks.
///
/// ```swift
/// let channel = APDUChannel(connection: connection)
/// try await channel.send(try APDU.abort(.undefined).encoded())
/// if case .apdu(let bytes) = await channel.receive(timeout: .seconds(3)) { … }
/// ```
public actor APDUChannel {
    public nonisolated let remote: String
    private let connection: any APDUByteStream
    private var framer = APDUFramer()
    private var ending: APDUEvent?
    private var closedHere = false

    public init(stream: any APDUByteStream) {
        connection = stream
        remote = stream.remote
    }

    /// A channel over a TCP connection.
    public init(connection: TCPConnection) {
        self.init(stream: connection)
    }

    /// Writes bytes as given: an encoded APDU, or anything a fault or a fuzz case needs.
    public func send(_ bytes: [UInt8]) async throws(TransportError) {
        if closedHere { throw .closed }
        try await connection.write(bytes)
    }

    /// Encodes and writes an APDU.
    public func send(_ apdu: APDU) async throws(TransportError) {
        guard let bytes = try? apdu.encoded() else { throw .closed }
        try await send(bytes)
    }

    /// The next APDU's bytes, or why none came: the peer closed (with the bytes of an APDU it
    /// left incomplete), nothing within `timeout` (with what arrived of the next APDU), or a
    /// transport failure.
    public func receive(timeout: Duration) async -> APDUEvent {
        if let apdu = framer.next() { return .apdu(apdu) }
        if let ending { return ending }
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = deadline - .now
            guard remaining > .zero else { return .timedOut(pending: framer.pending) }
            let chunk: [UInt8]?
            do {
                chunk = try await connection.read(timeout: remaining)
            } catch .timeout {
                return .timedOut(pending: framer.pending)
            } catch {
                let end: APDUEvent = closedHere || error == .closed ? .closed(pending: framer.pending) : .failed(error, pending: framer.pending)
                ending = end
                return end
            }
            guard let chunk else {
                let end = APDUEvent.closed(pending: framer.pending)
                ending = end
                return end
            }
            framer.feed(chunk)
            if let apdu = framer.next() { return .apdu(apdu) }
        }
    }

    /// Closes both directions. Idempotent.
    public func close() async {
        closedHere = true
        await connection.close()
    }

    /// Closes with a TCP reset, the way a crashing peer looks.
    public func abort() async {
        closedHere = true
        await connection.abort()
    }
}

/// What ``APDUChannel/receive(timeout:)`` found next.
public enum APDUEvent: Sendable, Equatable {
    /// The bytes of one APDU as its header delimits them (header included).
    case apdu([UInt8])
    /// Nothing complete in time; `pending` holds the start of an APDU that has not finished.
    case timedOut(pending: [UInt8])
    /// The peer closed; `pending` holds an APDU it left incomplete, if any.
    case closed(pending: [UInt8])
    /// The connection failed.
    case failed(TransportError, pending: [UInt8])
}
