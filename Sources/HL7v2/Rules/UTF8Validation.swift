/// Strict UTF-8 validation over bytes, with the position of the first fault.
///
/// Written out rather than delegated to `String(validating:)` because the charset rule must say
/// *where* the first invalid sequence starts, and because it runs on every message (inside the
/// charset rule's single pass over the bytes).
enum UTF8Validation {
    /// The length of the well-formed UTF-8 sequence starting at `index`, or nil when the bytes
    /// there are not one (stray continuation byte, overlong form, surrogate, beyond U+10FFFF,
    /// or cut off by the end of the buffer).
    @inline(__always)
    static func sequenceLength(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let lead = buffer[index]
        if lead < 0x80 { return 1 }
        let remaining = buffer.count - index
        @inline(__always) func continuation(_ offset: Int) -> Bool {
            offset < remaining && buffer[index + offset] & 0xC0 == 0x80
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : nil
        case 0xE0...0xEF:
            guard continuation(1), continuation(2) else { return nil }
            let second = buffer[index + 1]
            if lead == 0xE0, second < 0xA0 { return nil }  // overlong
            if lead == 0xED, second > 0x9F { return nil }  // UTF-16 surrogate
            return 3
        case 0xF0...0xF4:
            guard continuation(1), continuation(2), continuation(3) else { return nil }
            let second = buffer[index + 1]
            if lead == 0xF0, second < 0x90 { return nil }  // overlong
            if lead == 0xF4, second > 0x8F { return nil }  // beyond U+10FFFF
            return 4
        default:
            return nil
        }
    }
}
