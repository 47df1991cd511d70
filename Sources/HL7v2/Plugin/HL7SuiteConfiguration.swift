import MedConformCore

/// A suite of the HL7 v2 plugin, validated when the profile was loaded.
public struct HL7SuiteConfiguration: Sendable {
    /// The role the harness plays.
    public enum Role: String, Sendable, CaseIterable {
        /// The harness is the consumer: the device sends ORU^R01 and the harness acknowledges.
        case receiver
        /// The harness is the reporter: it sends messages to a receiving device and judges its acknowledgements.
        case sender
    }

    /// How the harness acknowledges in the receiver role.
    public enum Acknowledgement: String, Sendable, CaseIterable {
        /// As the message's MSH-15/MSH-16 ask, with AE and an ERR naming the first broken requirement.
        case rules
        /// Never: for devices that are tested without acknowledgements.
        case none
    }

    public var role: Role
    public var rules: HL7RuleSet
    /// Receiver role: how many messages the device is expected to send.
    public var messages: Int
    public var acknowledgement: Acknowledgement
    /// Sender role: what the harness sends, in order.
    public var templates: [HL7Template]
    /// Only these requirements are judged, when given.
    public var requirementFilter: [String]?
    /// The fuzz campaign that replaces the ordinary exchange, when the suite has a `fuzz:` block.
    public var fuzz: HL7FuzzConfiguration?
}

/// A message the harness sends in the sender role, and what the device should do with it.
public struct HL7Template: Sendable {
    public enum Expectation: String, Sendable, CaseIterable {
        /// A conformant message: the device should accept it.
        case accept
        /// A message that breaks the profile: the device should reject it.
        case reject
        /// No expectation: only the acknowledgement rules are judged.
        case any
    }

    public var id: String
    public var bytes: [UInt8]
    public var expect: Expectation
    public var location: SourceLocation

    public init(id: String, bytes: [UInt8], expect: Expectation, location: SourceLocation) {
        self.id = id
        self.bytes = bytes
        self.expect = expect
        self.location = location
    }

    /// True, false or unknown: what the harness knows of the template's conformance.
    var conforms: Bool? {
        switch expect {
        case .accept: true
        case .reject: false
        case .any: nil
        }
    }
}
