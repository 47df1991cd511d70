/// Reads MDER fields from bytes, checking every length and count against what is there.
///
/// The name of each field (`what`) is built only when it fails: decoding is on the harness's
/// hot path and in the fuzzer's, and building text for every field cut its rate by four.
///
/// A reader covers a window of the APDU; nested lengths open narrower windows, so a lying
/// length can never make a read leave its part, and offsets in errors stay absolute.
/// Nothing is reserved from a count the device sent: elements are appended as they decode.
struct MDERReader {
    let bytes: [UInt8]
    private(set) var position: Int
    let end: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        position = 0
        end = bytes.count
    }

    private init(bytes: [UInt8], position: Int, end: Int) {
        self.bytes = bytes
        self.position = position
        self.end = end
    }

    var remaining: Int { end - position }
    var isAtEnd: Bool { position == end }

    func failure(_ problem: MDERDecodingError.Problem, at offset: Int? = nil) -> MDERDecodingError {
        MDERDecodingError(offset: offset ?? position, problem: problem)
    }

    private mutating func need(_ count: Int, _ what: @autoclosure () -> String) throws(MDERDecodingError) {
        if remaining < count { throw failure(.truncated(what: what(), needed: count, available: remaining)) }
    }

    mutating func u8(_ what: @autoclosure () -> String) throws(MDERDecodingError) -> UInt8 {
        try need(1, what())
        defer { position += 1 }
        return bytes[position]
    }

    mutating func u16(_ what: @autoclosure () -> String) throws(MDERDecodingError) -> UInt16 {
        try need(2, what())
        defer { position += 2 }
        return UInt16(bytes[position]) << 8 | UInt16(bytes[position + 1])
    }

    mutating func u32(_ what: @autoclosure () -> String) throws(MDERDecodingError) -> UInt32 {
        try need(4, what())
        defer { position += 4 }
        return UInt32(bytes[position]) << 24 | UInt32(bytes[position + 1]) << 16
            | UInt32(bytes[position + 2]) << 8 | UInt32(bytes[position + 3])
    }

    mutating func raw(_ count: Int, _ what: @autoclosure () -> String) throws(MDERDecodingError) -> [UInt8] {
        try need(count, what())
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    /// The rest of the window.
    mutating func rest() -> [UInt8] {
        defer { position = end }
        return Array(bytes[position..<end])
    }

    /// An OCTET STRING: a 16-bit length and that many bytes.
    mutating func octetString(_ what: @autoclosure () -> String) throws(MDERDecodingError) -> [UInt8] {
        try delimited(what()) { (inner: inout MDERReader) throws(MDERDecodingError) in inner.rest() }
    }

    /// Reads a 16-bit length and decodes the part it delimits with `body`, which must use
    /// every byte of it.
    mutating func delimited<T>(_ what: @autoclosure () -> String, _ body: (inout MDERReader) throws(MDERDecodingError) -> T) throws(MDERDecodingError) -> T {
        let lengthOffset = position
        let length = Int(try u16("the length of \(what())"))
        guard length <= remaining else {
            throw failure(.lengthExceedsEnclosing(what: what(), declared: length, available: remaining), at: lengthOffset)
        }
        var inner = MDERReader(bytes: bytes, position: position, end: position + length)
        let value = try body(&inner)
        guard inner.isAtEnd else { throw inner.failure(.unusedBytes(what: what(), count: inner.remaining)) }
        position += length
        return value
    }

    /// A SEQUENCE OF: a 16-bit count, a 16-bit length, then the elements, which must fill the
    /// length exactly and be as many as the count says.
    mutating func sequence<T>(_ what: @autoclosure () -> String, _ element: (inout MDERReader) throws(MDERDecodingError) -> T) throws(MDERDecodingError) -> [T] {
        let countOffset = position
        let count = Int(try u16("the count of \(what())"))
        return try delimited(what()) { (inner: inout MDERReader) throws(MDERDecodingError) -> [T] in
            var elements: [T] = []
            while elements.count < count {
                if inner.isAtEnd { throw inner.failure(.countMismatch(what: what(), count: count, decoded: elements.count), at: countOffset) }
                elements.append(try element(&inner))
            }
            if !inner.isAtEnd { throw inner.failure(.countMismatch(what: what(), count: count, decoded: elements.count), at: countOffset) }
            return elements
        }
    }
}
