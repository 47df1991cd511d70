/// The form of MDC reference IDs.
enum MDCReference {
    /// `MDC_` followed by at least one upper-case letter, digit or underscore.
    static func isWellFormed<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var count = 0
        for (offset, byte) in bytes.enumerated() {
            count += 1
            switch offset {
            case 0: guard byte == UInt8(ascii: "M") else { return false }
            case 1: guard byte == UInt8(ascii: "D") else { return false }
            case 2: guard byte == UInt8(ascii: "C") else { return false }
            case 3: guard byte == UInt8(ascii: "_") else { return false }
            default:
                guard ASCIIClass.isUpper(byte) || ASCIIClass.isDigit(byte) || byte == UInt8(ascii: "_") else {
                    return false
                }
            }
        }
        return count > 4
    }

    static func isWellFormed(_ text: String) -> Bool { isWellFormed(text.utf8) }
}
