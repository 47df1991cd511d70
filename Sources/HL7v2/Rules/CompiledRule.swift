import MedConformCore

/// One requirement's `check:`, read, validated and turned into typed parameters.
///
/// A class so that walking the rules per message costs one reference count per rule instead
/// of copying the requirement's strings; it is immutable, hence `Sendable`.
final class CompiledRule: Sendable {
    let requirement: Requirement
    /// `requirement.id`, kept apart so that naming the requirement in every observation reads one field.
    let requirementID: String
    let kind: HL7RuleKind
    let filter: MessageFilter
    let check: CompiledCheck
    /// The reason of a pass observation, made once.
    let passReason: String
    /// A message-level rule's pass observation with an empty subject: each conforming message
    /// copies it and sets the subject, a few reference counts where building one costs a dozen.
    let passObservation: RequirementObservation
    /// The not-applicable observation for a message that gave the rule nothing to judge, when
    /// the rule makes one (``MessageRuleDispatch/nothingReason(_:)``); subject empty as above.
    let nothingObservation: RequirementObservation?
    /// The check, ready to run on a message; nil for `parse` and the exchange-level kinds.
    let messageCheck: MessageCheck?
    /// `messageCheck` unmanaged, for calling it without reference counting; the rule keeps it alive.
    let unmanagedCheck: Unmanaged<MessageCheck>?

    init(requirement: Requirement, kind: HL7RuleKind, filter: MessageFilter, check: CompiledCheck) {
        self.requirement = requirement
        requirementID = requirement.id
        self.kind = kind
        self.filter = filter
        self.check = check
        passReason = MessageRuleDispatch.passReason(check)
        messageCheck = MessageCheck.make(check)
        unmanagedCheck = messageCheck.map(Unmanaged.passUnretained)
        // `parse` passes with a reason naming the delimiters; the recommended ones are the usual case.
        let messagePassReason = if case .parse = check { EncodingRules.standardParsePassReason } else { passReason }
        passObservation = RequirementObservation(requirementID: requirement.id,
                                                 observation: Observation(.pass, subject: "", reason: messagePassReason))
        nothingObservation = MessageRuleDispatch.nothingReason(check).map {
            RequirementObservation(requirementID: requirement.id, observation: Observation(.notApplicable, subject: "", reason: $0))
        }
    }
}

/// The typed parameters of each kind of check.
enum CompiledCheck: Sendable {
    case parse
    case escapes
    case charset
    case value(ValueCheck)
    case structure(SegmentGrammar)
    case requiredFields(SegmentFieldsCheck)
    case obxValue
    case mdcCoding(FieldLocator)
    case mdcCodeMatch(FieldLocator, MDCCodeTable)
    case pattern(SegmentFieldCheck, ValuePattern)
    case unique(SegmentFieldCheck)
    case units(FieldLocator, MDCCodeTable)
    case unitDimension(UnitExpectationTable)
    case timestamp(TimestampCheck)
    case identifier(IdentifierCheck)
    case mllpFraming
    case ackReply
    case ackEcho
    case ackMode
    case ackAcceptsValid
    case ackRejectsInvalid
    case reporterMessageType(expected: String)
}

/// Which messages a rule applies to: those whose MSH-9.1 is one of `codes`, or all.
struct MessageFilter: Sendable {
    let codes: [[UInt8]]

    static let all = MessageFilter(codes: [])

    func admits(_ messageCode: ArraySlice<UInt8>) -> Bool {
        codes.isEmpty || codes.contains { $0.elementsEqual(messageCode) }
    }
}

/// A value's address in a message, with the segment ID packed for quick matching.
struct FieldLocator: Sendable {
    let path: HL7Path
    let segment: SegmentCode

    init?(_ path: HL7Path) {
        guard let code = SegmentCodes.pack(path.segment) else { return nil }
        self.path = path
        self.segment = code
    }
}

/// `value`: every listed value must equal a text, be one of a list, or be empty.
struct ValueCheck: Sendable {
    enum Condition: Sendable {
        case equals([UInt8])
        case oneOf([[UInt8]])
        case empty
    }

    let fields: [FieldLocator]
    let condition: Condition
}

/// `required-fields`: fields of one segment that must be valued.
struct SegmentFieldsCheck: Sendable {
    let segment: SegmentCode
    let fields: [Int]
}

/// `pattern` and `unique`: one field of one segment.
struct SegmentFieldCheck: Sendable {
    let segment: SegmentCode
    let field: Int

    var segmentName: String { SegmentCodes.name(segment) }
}

/// `timestamp`: DTM values, optionally with a mandatory UTC offset.
struct TimestampCheck: Sendable {
    let fields: [FieldLocator]
    let offsetRequired: Bool
}

/// `identifier`: some repetition carries the authority and an identifier of the pattern's form.
struct IdentifierCheck: Sendable {
    let field: FieldLocator
    let authority: [UInt8]
    let pattern: ValuePattern
}
