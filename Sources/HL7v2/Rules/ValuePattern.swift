import Foundation

/// A spec's regular expression, compiled once: the linear-time ``BytePattern`` when the
/// pattern is in its subset, with `NSRegularExpression` for the rest and for non-ASCII input.
struct ValuePattern: Sendable {
    /// The pattern as written in the spec, for reasons.
    let source: String
    private let fast: BytePattern?
    private let full: SendableRegex

    /// Compiles `source`; on a syntax error returns the error text ICU gives.
    static func compile(_ source: String) -> Result<ValuePattern, PatternSyntaxError> {
        do {
            let regex = try NSRegularExpression(pattern: source, options: [])
            return .success(ValuePattern(source: source, fast: BytePattern(source), full: SendableRegex(regex)))
        } catch {
            return .failure(PatternSyntaxError(message: "\(error.localizedDescription)"))
        }
    }

    private init(source: String, fast: BytePattern?, full: SendableRegex) {
        self.source = source
        self.fast = fast
        self.full = full
    }

    /// True when the byte engine handles this pattern (tests use it to compare both engines).
    var usesByteEngine: Bool { fast != nil }

    /// Whether the pattern matches `value` (unescaped bytes), anchored only as written.
    func matches(_ value: ArraySlice<UInt8>) -> Bool {
        if let fast, !value.contains(where: { $0 >= 0x80 }) {
            return fast.matches(value)
        }
        return full.matches(String(decoding: value, as: UTF8.self))
    }

    /// Whether the pattern matches the bytes at `range` in `bytes` (unescaped), as
    /// ``matches(_:)`` on them; the byte engine reads them in place.
    func matches(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        guard bytes.fits(range) else { return matches(ArraySlice()) }
        if let fast {
            let handled: Bool? = bytes.withUnsafeBufferPointer { buffer in
                let value = UnsafeBufferPointer(rebasing: buffer[range])
                return value.contains(where: { $0 >= 0x80 }) ? nil : fast.matches(value)
            }
            if let handled { return handled }
        }
        return full.matches(String(decoding: bytes[range], as: UTF8.self))
    }

    /// ICU's answer, whatever the input; for tests that cross-check the byte engine.
    func matchesWithFoundation(_ value: ArraySlice<UInt8>) -> Bool {
        full.matches(String(decoding: value, as: UTF8.self))
    }
}

/// Why a spec pattern did not compile.
struct PatternSyntaxError: Error, Sendable {
    var message: String
}

/// `NSRegularExpression` is immutable once made and documented as safe to use from several
/// threads at once; corelibs Foundation does not mark it `Sendable`, so this box states it.
private final class SendableRegex: @unchecked Sendable {
    let regex: NSRegularExpression

    init(_ regex: NSRegularExpression) { self.regex = regex }

    func matches(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return regex.firstMatch(in: text, options: [], range: range) != nil
    }
}
