/// The escaping relation: how data bytes that collide with delimiters are written.
///
/// A byte equal to the delimiter of `role` becomes escape + code + escape (HL7 `\F\`,
/// ASTM `&F&`). Leaves marked ``LeafEncoding/text`` pass through it on render.
public struct EscapeScheme: Sendable, Equatable {
    /// One replacement.
    public struct Rule: Sendable, Equatable {
        /// The delimiter role whose byte is replaced.
        public var role: Int
        /// The code between the two escape characters.
        public var code: [UInt8]

        /// A rule.
        public init(role: Int, code: [UInt8]) {
            self.role = role
            self.code = code
        }
    }

    /// The role of the escape character.
    public var escapeRole: Int
    /// The replacements, checked in order.
    public var rules: [Rule]

    /// A scheme.
    public init(escapeRole: Int, rules: [Rule]) {
        self.escapeRole = escapeRole
        self.rules = rules
    }

    /// A 256-entry table of replacement sequences (nil: the byte is written as is).
    func table(delimiters: [[UInt8]]) -> [[UInt8]?] {
        var table = [[UInt8]?](repeating: nil, count: 256)
        guard delimiters.indices.contains(escapeRole), let escape = delimiters[escapeRole].first else { return table }
        for rule in rules.reversed() {
            guard delimiters.indices.contains(rule.role), let byte = delimiters[rule.role].first else { continue }
            table[Int(byte)] = [escape] + rule.code + [escape]
        }
        return table
    }
}
