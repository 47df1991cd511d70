/// Lazy splitting of a small slice at one separator byte. Used on access only, so the parse
/// never pays for levels nobody reads. Pointer loops keep this cheap in debug builds too,
/// where the fuzz-style tests walk every value.
extension ArraySlice where Element == UInt8 {
    /// The piece at `index` (from 0) between occurrences of `separator`; empty when absent.
    func piece(_ index: Int, separatedBy separator: UInt8) -> ArraySlice<UInt8> {
        guard index >= 0 else { return ArraySlice() }
        let bounds: Range<Int>? = withUnsafeBufferPointer { buf in
            let n = buf.count
            var start = 0
            var remaining = index
            var i = 0
            while remaining > 0 {
                while i < n, buf[i] != separator { i += 1 }
                guard i < n else { return nil }
                i += 1
                start = i
                remaining -= 1
            }
            while i < n, buf[i] != separator { i += 1 }
            return start..<i
        }
        guard let bounds else { return ArraySlice() }
        return self[(startIndex + bounds.lowerBound)..<(startIndex + bounds.upperBound)]
    }

    /// The number of pieces: 0 for an empty slice, otherwise separators + 1.
    func pieceCount(separatedBy separator: UInt8) -> Int {
        guard !isEmpty else { return 0 }
        return withUnsafeBufferPointer { buf in
            var count = 1
            for i in 0..<buf.count where buf[i] == separator { count += 1 }
            return count
        }
    }

    /// Whether `byte` occurs in the slice.
    func containsByte(_ byte: UInt8) -> Bool {
        withUnsafeBufferPointer { buf in
            var i = 0
            while i < buf.count {
                if buf[i] == byte { return true }
                i += 1
            }
            return false
        }
    }

    /// HL7's explicit null: exactly two double quotes.
    var isHL7Null: Bool {
        count == 2 && first == ASCIIByte.doubleQuote && last == ASCIIByte.doubleQuote
    }
}
