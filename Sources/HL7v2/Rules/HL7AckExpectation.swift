/// Which acknowledgements a receiver owes for a message, read from its MSH-15 and MSH-16.
///
/// Both empty: original mode, one application acknowledgement (AA, AE or AR). Otherwise
/// enhanced mode: MSH-15 governs the accept acknowledgement (CA, CE or CR) and MSH-16 the
/// application acknowledgement, each by HL7 table 0155: AL always, NE never, ER only when the
/// message is in error, SU only when it succeeds. NE|NE asks for none at all.
///
/// Two readings the HL7 texts leave open are fixed here, each in the direction that expects an
/// acknowledgement rather than excusing a missing one: in enhanced mode an empty MSH-15 or
/// MSH-16 counts as AL, and so does a value outside table 0155 (which the value rules report).
public struct HL7AckExpectation: Sendable, Equatable {
    /// The kind of an acknowledgement, from the first letter of its MSA-1.
    public enum Kind: Sendable, Equatable {
        /// A commit (accept) acknowledgement: CA, CE or CR.
        case accept
        /// An application acknowledgement: AA, AE or AR.
        case application

        /// The kind of an MSA-1 code: C… accept, A… application, nil otherwise.
        public static func of(code: String) -> Kind? {
            switch code.utf8.first {
            case UInt8(ascii: "C"): .accept
            case UInt8(ascii: "A"): .application
            default: nil
            }
        }

        /// The codes of this kind, for reasons: "CA, CE or CR".
        var codes: String { self == .accept ? "CA, CE or CR" : "AA, AE or AR" }

        /// The name used in reasons.
        var name: String { self == .accept ? "accept acknowledgement" : "application acknowledgement" }
    }

    /// Original or enhanced acknowledgement mode.
    public enum Mode: Sendable, Equatable {
        /// MSH-15 and MSH-16 empty: one application acknowledgement.
        case original
        /// MSH-15 and MSH-16 (table 0155) say which acknowledgements flow.
        case enhanced
    }

    /// Original mode when MSH-15 and MSH-16 are both empty, enhanced otherwise.
    public var mode: Mode
    /// The acknowledgements owed, in the order they flow: accept first, then application.
    public var expected: [Kind]

    /// An expectation as given; ``of(msh15:msh16:messageConforms:)`` derives one from a message.
    public init(mode: Mode, expected: [Kind]) {
        self.mode = mode
        self.expected = expected
    }

    /// The expectation for a message with these MSH-15 and MSH-16 values.
    ///
    /// - Parameters:
    ///   - msh15: Accept acknowledgement type as written (may be empty).
    ///   - msh16: Application acknowledgement type as written (may be empty).
    ///   - messageConforms: Whether the receiver should find the message valid; decides ER and SU.
    public static func of(msh15: String, msh16: String, messageConforms: Bool) -> HL7AckExpectation {
        if msh15.isEmpty && msh16.isEmpty {
            return HL7AckExpectation(mode: .original, expected: [.application])
        }
        var expected: [Kind] = []
        if owed(msh15, messageConforms) { expected.append(.accept) }
        if owed(msh16, messageConforms) { expected.append(.application) }
        return HL7AckExpectation(mode: .enhanced, expected: expected)
    }

    private static func owed(_ condition: String, _ conforms: Bool) -> Bool {
        switch condition {
        case "NE": false
        case "ER": !conforms
        case "SU": conforms
        default: true  // AL, empty in enhanced mode, or a value outside table 0155
        }
    }

    /// "application acknowledgement" or "accept acknowledgement, then application acknowledgement".
    var description: String {
        expected.isEmpty ? "no acknowledgement" : expected.map(\.name).joined(separator: ", then ")
    }
}
