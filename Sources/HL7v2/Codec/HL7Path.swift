/// The address of a value in a message, written the way HL7 people write it: `PID-3`,
/// `MSH-9.2`, `PID-3(2).1.1` (repetition in parentheses; all numbers from 1).
public struct HL7Path: Sendable, Hashable, CustomStringConvertible {
    /// The segment ID, three upper-case letters or digits.
    public var segment: String
    /// The field number, from 1 (for MSH, MSH-1 is the field separator).
    public var field: Int
    /// The repetition, from 1; nil means the first.
    public var repetition: Int?
    /// The component, from 1; nil means the whole field.
    public var component: Int?
    /// The subcomponent, from 1; nil means the whole component. Needs a component.
    public var subcomponent: Int?

    /// Creates a path from its parts; numbers below 1 are not checked here.
    public init(segment: String, field: Int, repetition: Int? = nil, component: Int? = nil, subcomponent: Int? = nil) {
        self.segment = segment
        self.field = field
        self.repetition = repetition
        self.component = component
        self.subcomponent = subcomponent
    }

    /// Parses `SEG-field[(repetition)][.component[.subcomponent]]`; nil when malformed.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 5, bytes[3] == 0x2D,  // "-"
            bytes[0..<3].allSatisfy(ASCIIByte.isSegmentIDByte)
        else { return nil }
        var cursor = 4
        guard let field = Self.number(bytes, &cursor) else { return nil }
        var repetition: Int? = nil
        if cursor < bytes.count, bytes[cursor] == 0x28 {  // "("
            cursor += 1
            guard let value = Self.number(bytes, &cursor), cursor < bytes.count, bytes[cursor] == 0x29 else {
                return nil
            }
            repetition = value
            cursor += 1
        }
        var component: Int? = nil
        var subcomponent: Int? = nil
        if cursor < bytes.count, bytes[cursor] == 0x2E {  // "."
            cursor += 1
            guard let value = Self.number(bytes, &cursor) else { return nil }
            component = value
            if cursor < bytes.count, bytes[cursor] == 0x2E {
                cursor += 1
                guard let value = Self.number(bytes, &cursor) else { return nil }
                subcomponent = value
            }
        }
        guard cursor == bytes.count else { return nil }
        self.init(
            segment: String(decoding: bytes[0..<3], as: UTF8.self), field: field, repetition: repetition,
            component: component, subcomponent: subcomponent)
    }

    /// The path in its written form, e.g. `PID-3(2).1.1`.
    public var description: String {
        var text = "\(segment)-\(field)"
        if let repetition { text += "(\(repetition))" }
        if let component {
            text += ".\(component)"
            if let subcomponent { text += ".\(subcomponent)" }
        }
        return text
    }

    /// A decimal number from 1 to 999999; six digits bound it far below overflow.
    private static func number(_ bytes: [UInt8], _ cursor: inout Int) -> Int? {
        var value = 0
        var digits = 0
        while cursor < bytes.count, bytes[cursor] >= 0x30, bytes[cursor] <= 0x39 {
            guard digits < 6 else { return nil }
            value = value * 10 + Int(bytes[cursor] - 0x30)
            digits += 1
            cursor += 1
        }
        return digits > 0 && value >= 1 ? value : nil
    }
}
