/// Cuts a TCP byte stream into APDUs by their header: a 2-byte choice and a 2-byte length.
///
/// 20601 over a stream has no other framing, so the header's length is all there is to go
/// by: an APDU is handed out as soon as its declared bytes are in, whatever its tag (an
/// unknown tag is the decoder's to report). A length can claim at most 65535 bytes, so the
/// framer never holds more than one APDU and one read's worth of bytes.
struct APDUFramer {
    private var buffer: [UInt8] = []
    private var start = 0

    mutating func feed(_ bytes: [UInt8]) {
        if start > 0, start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete APDU's bytes, header included.
    mutating func next() -> [UInt8]? {
        guard buffer.count - start >= 4 else { return nil }
        let length = Int(buffer[start + 2]) << 8 | Int(buffer[start + 3])
        guard buffer.count - start >= 4 + length else { return nil }
        let apdu = Array(buffer[start..<start + 4 + length])
        start += 4 + length
        if start > 1 << 16 {
            buffer.removeFirst(start)
            start = 0
        }
        return apdu
    }

    /// The bytes of an incomplete APDU still held.
    var pending: [UInt8] { Array(buffer[start...]) }
}
