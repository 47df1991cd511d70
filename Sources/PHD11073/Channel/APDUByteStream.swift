import Transports

/// The byte stream a 20601 channel runs over. TCP is the one this release carries; a USB
/// (PHDC) or Bluetooth (HDP) channel needs only to deliver the same stream of chunks, since
/// the APDU header alone delimits APDUs, and ``APDUChannel`` does the rest.
public protocol APDUByteStream: Sendable {
    /// The peer, for logs and reports.
    var remote: String { get }
    /// The next chunk as received, nil once the peer has closed; throws
    /// ``TransportError/timeout(limit:)`` when nothing arrives within `timeout`.
    func read(timeout: Duration) async throws(TransportError) -> [UInt8]?
    func write(_ bytes: [UInt8]) async throws(TransportError)
    /// Closes both directions.
    func close() async
    /// Closes abruptly, the way a crashing peer looks.
    func abort() async
}

extension TCPConnection: APDUByteStream {}
