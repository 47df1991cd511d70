/// Writes MDER fields; lengths and counts are computed from what is written, so an encoded
/// value is always self-consistent (the fuzz model, not the encoder, is where lengths lie).
struct MDERWriter {
    private(set) var bytes: [UInt8] = []

    init() {}

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u16(_ value: UInt16) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(value & 0xFF))
    }

    mutating func u32(_ value: UInt32) {
        bytes.append(UInt8(value >> 24))
        bytes.append(UInt8((value >> 16) & 0xFF))
        bytes.append(UInt8((value >> 8) & 0xFF))
        bytes.append(UInt8(value & 0xFF))
    }

    mutating func raw(_ value: [UInt8]) { bytes.append(contentsOf: value) }

    mutating func octetString(_ value: [UInt8], _ what: String) throws(MDEREncodingError) {
        try delimited(what) { (inner: inout MDERWriter) throws(MDEREncodingError) in inner.raw(value) }
    }

    /// Writes a 16-bit length followed by what `body` writes.
    mutating func delimited(_ what: String, _ body: (inout MDERWriter) throws(MDEREncodingError) -> Void) throws(MDEREncodingError) {
        var inner = MDERWriter()
        try body(&inner)
        guard inner.bytes.count <= 0xFFFF else { throw .tooLong(what: what, size: inner.bytes.count) }
        u16(UInt16(inner.bytes.count))
        raw(inner.bytes)
    }

    /// Writes a SEQUENCE OF: count, length, elements.
    mutating func sequence<T>(_ elements: [T], _ what: String, _ element: (inout MDERWriter, T) throws(MDEREncodingError) -> Void) throws(MDEREncodingError) {
        guard elements.count <= 0xFFFF else { throw .tooLong(what: what, size: elements.count) }
        u16(UInt16(elements.count))
        try delimited(what) { (inner: inout MDERWriter) throws(MDEREncodingError) in
            for value in elements { try element(&inner, value) }
        }
    }
}
