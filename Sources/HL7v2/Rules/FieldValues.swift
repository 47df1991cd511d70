/// Byte-level tests on field values, shared by the rules.
enum FieldValues {
    /// Whether a raw field carries a value: not empty, not only separators (`^^~^`), and not
    /// HL7's explicit null `""`, which asks the receiver to delete a value and so carries none.
    static func isValued(_ raw: ArraySlice<UInt8>, _ delimiters: HL7Delimiters) -> Bool {
        guard !raw.isEmpty, !isExplicitNull(raw) else { return false }
        for byte in raw
        where byte != delimiters.component && byte != delimiters.repetition && byte != delimiters.subcomponent {
            return true
        }
        return false
    }

    /// HL7's explicit null: exactly two double quotes.
    static func isExplicitNull(_ raw: ArraySlice<UInt8>) -> Bool {
        raw.count == 2 && raw.first == 0x22 && raw.last == 0x22
    }

    /// Calls `body` with each piece of `raw` between `separator`s (one empty piece for an empty value).
    @inline(__always)
    static func forEachPiece(_ raw: ArraySlice<UInt8>, separatedBy separator: UInt8,
                             _ body: (_ number: Int, _ piece: ArraySlice<UInt8>) -> Void) {
        var start = raw.startIndex
        var number = 1
        var index = raw.startIndex
        while index < raw.endIndex {
            if raw[index] == separator {
                body(number, raw[start..<index])
                number += 1
                start = index + 1
            }
            index += 1
        }
        body(number, raw[start..<raw.endIndex])
    }

    /// Whether `raw` is exactly the ASCII text `text`.
    @inline(__always)
    static func equals(_ raw: ArraySlice<UInt8>, _ text: StaticString) -> Bool {
        guard raw.count == text.utf8CodeUnitCount else { return false }
        return text.withUTF8Buffer { raw.elementsEqual($0) }
    }

    /// The value of a string of 1 to 10 ASCII digits that fits 32 bits; nil otherwise.
    static func code(_ raw: ArraySlice<UInt8>) -> UInt32? {
        guard !raw.isEmpty, raw.count <= 10 else { return nil }
        var value: UInt64 = 0
        for byte in raw {
            guard ASCIIClass.isDigit(byte) else { return nil }
            value = value * 10 + UInt64(byte - 0x30)
        }
        return value <= UInt64(UInt32.max) ? UInt32(value) : nil
    }

    /// Whether `raw` is an HL7 NM value: an optional sign, digits and at most one decimal point,
    /// with at least one digit and no exponent.
    static func isDecimalNumber<Bytes: Collection<UInt8>>(_ raw: Bytes) -> Bool where Bytes.Index == Int {
        var index = raw.startIndex
        if index < raw.endIndex, raw[index] == UInt8(ascii: "+") || raw[index] == UInt8(ascii: "-") { index += 1 }
        var digits = 0
        var points = 0
        while index < raw.endIndex {
            let byte = raw[index]
            if ASCIIClass.isDigit(byte) {
                digits += 1
            } else if byte == UInt8(ascii: ".") {
                points += 1
                guard points == 1 else { return false }
            } else {
                return false
            }
            index += 1
        }
        return digits > 0
    }
}
