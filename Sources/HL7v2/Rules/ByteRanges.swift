/// Splitting and comparing values given as offsets into the message bytes.
///
/// The rules' pass paths address values as `Range<Int>` into ``MessageContext/bytes`` instead of
/// as `ArraySlice`s or `HL7Field`s: a range is two integers, so passing one around costs no
/// reference counting, which was a quarter of the time spent judging a conforming message.
///
/// Every function checks its range against the array before reading through a pointer, and
/// answers as for an empty value when the range does not fit; ranges made by
/// ``MessageContext`` always fit, so that branch is only a guard against a bug.
extension Array where Element == UInt8 {
    /// Whether `range` lies within the array.
    @inline(__always)
    func fits(_ range: Range<Int>) -> Bool {
        range.lowerBound >= 0 && range.upperBound <= count
    }

    /// The piece at `index` (from 0) of `range` between occurrences of `separator`, as
    /// `ArraySlice.piece(_:separatedBy:)` finds it; an empty range when absent.
    func piece(_ index: Int, of range: Range<Int>, separatedBy separator: UInt8) -> Range<Int> {
        guard index >= 0, fits(range) else { return 0..<0 }
        return withUnsafeBufferPointer { buf in
            var start = range.lowerBound
            var remaining = index
            var i = range.lowerBound
            let end = range.upperBound
            while remaining > 0 {
                while i < end, buf[i] != separator { i += 1 }
                guard i < end else { return 0..<0 }
                i += 1
                start = i
                remaining -= 1
            }
            while i < end, buf[i] != separator { i += 1 }
            return start..<i
        }
    }

    /// The first three pieces of `range` between occurrences of `separator`, in one pass: the
    /// code, text and coding system of a coded value. Absent pieces are empty ranges.
    func firstThreePieces(of range: Range<Int>, separatedBy separator: UInt8) -> (Range<Int>, Range<Int>, Range<Int>) {
        guard fits(range) else { return (0..<0, 0..<0, 0..<0) }
        return withUnsafeBufferPointer { buf in
            var pieces = (0..<0, 0..<0, 0..<0)
            var start = range.lowerBound
            var number = 0
            var i = range.lowerBound
            let end = range.upperBound
            while number < 3 {
                while i < end, buf[i] != separator { i += 1 }
                switch number {
                case 0: pieces.0 = start..<i
                case 1: pieces.1 = start..<i
                default: pieces.2 = start..<i
                }
                guard i < end else { break }
                i += 1
                start = i
                number += 1
            }
            return pieces
        }
    }

    /// Whether `byte` occurs in `range`.
    func contains(_ byte: UInt8, in range: Range<Int>) -> Bool {
        guard fits(range) else { return false }
        return withUnsafeBufferPointer { buf in
            var i = range.lowerBound
            while i < range.upperBound {
                if buf[i] == byte { return true }
                i += 1
            }
            return false
        }
    }

    /// Whether the bytes in `range` are exactly `text`.
    func equals(_ range: Range<Int>, _ text: StaticString) -> Bool {
        guard range.count == text.utf8CodeUnitCount else { return false }
        return text.withUTF8Buffer { equals(range, $0) }
    }

    /// Whether the bytes in `range` are exactly `other`.
    func equals(_ range: Range<Int>, _ other: [UInt8]) -> Bool {
        guard range.count == other.count else { return false }
        return other.withUnsafeBufferPointer { equals(range, $0) }
    }

    /// Whether the bytes in `range` are exactly `other`.
    func equals(_ range: Range<Int>, _ other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard range.count == other.count, fits(range) else { return false }
        return withUnsafeBufferPointer { buf in
            var i = 0
            let base = range.lowerBound
            while i < other.count {
                if buf[base + i] != other[i] { return false }
                i += 1
            }
            return true
        }
    }

    /// Whether the bytes in the two ranges are the same.
    func equals(_ range: Range<Int>, _ other: Range<Int>) -> Bool {
        guard range.count == other.count, fits(range), fits(other) else { return false }
        return withUnsafeBufferPointer { buf in
            var i = 0
            while i < range.count {
                if buf[range.lowerBound + i] != buf[other.lowerBound + i] { return false }
                i += 1
            }
            return true
        }
    }

    /// Whether `range` starts with `prefix`.
    func starts(_ range: Range<Int>, with prefix: StaticString) -> Bool {
        guard range.count >= prefix.utf8CodeUnitCount else { return false }
        return equals(range.lowerBound..<range.lowerBound + prefix.utf8CodeUnitCount, prefix)
    }

    /// ``FieldValues/isValued(_:_:)`` on a range: not empty, not only separators, not `""`.
    func isValued(_ range: Range<Int>, _ delimiters: HL7Delimiters) -> Bool {
        guard !range.isEmpty, fits(range) else { return false }
        return withUnsafeBufferPointer { buf in
            if range.count == 2, buf[range.lowerBound] == 0x22, buf[range.lowerBound + 1] == 0x22 { return false }
            var i = range.lowerBound
            while i < range.upperBound {
                let byte = buf[i]
                if byte != delimiters.component, byte != delimiters.repetition, byte != delimiters.subcomponent {
                    return true
                }
                i += 1
            }
            return false
        }
    }

    /// ``FieldValues/code(_:)`` on a range: 1 to 10 ASCII digits that fit 32 bits.
    func code(_ range: Range<Int>) -> UInt32? {
        guard !range.isEmpty, range.count <= 10, fits(range) else { return nil }
        return withUnsafeBufferPointer { buf in
            var value: UInt64 = 0
            var i = range.lowerBound
            while i < range.upperBound {
                let byte = buf[i]
                guard ASCIIClass.isDigit(byte) else { return nil }
                value = value * 10 + UInt64(byte - 0x30)
                i += 1
            }
            return value <= UInt64(UInt32.max) ? UInt32(value) : nil
        }
    }

    /// ``FieldValues/isDecimalNumber(_:)`` on a range.
    func isDecimalNumber(_ range: Range<Int>) -> Bool {
        guard fits(range) else { return false }
        return withUnsafeBufferPointer { buf in
            // The same test as the slow path, on a slice that costs no reference count.
            FieldValues.isDecimalNumber(buf[range.clamped(to: 0..<buf.count)])
        }
    }

    /// ``MDCReference/isWellFormed(_:)`` on a range: `MDC_` and at least one more upper-case
    /// letter, digit or underscore.
    func isMDCReference(_ range: Range<Int>) -> Bool {
        guard range.count > 4, fits(range), starts(range, with: "MDC_") else { return false }
        return withUnsafeBufferPointer { buf in
            var i = range.lowerBound + 4
            while i < range.upperBound {
                let byte = buf[i]
                guard ASCIIClass.isUpper(byte) || ASCIIClass.isDigit(byte) || byte == UInt8(ascii: "_") else { return false }
                i += 1
            }
            return true
        }
    }
}

extension Array where Element == UInt8 {
    /// Whether `body` holds for every piece of `range` between occurrences of `separator`,
    /// visited in order as `FieldValues.forEachPiece` visits them (an empty range is one empty
    /// piece); stops at the first piece for which it does not.
    func allPieces(of range: Range<Int>, separatedBy separator: UInt8, _ body: (Range<Int>) -> Bool) -> Bool {
        guard fits(range) else { return body(0..<0) }
        var start = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound {
            if self[index] == separator {
                guard body(start..<index) else { return false }
                start = index + 1
            }
            index += 1
        }
        return body(start..<range.upperBound)
    }
}
