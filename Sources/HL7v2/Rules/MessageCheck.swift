/// A message-level check with its parameters, ready to run on one message.
///
/// One subclass per kind of check, made once per rule from its ``CompiledCheck``. Running a
/// check reads its parameters where they are stored: switching over `CompiledCheck` for every
/// rule and message copied the enum's payload out of the rule, retaining (and then releasing)
/// every table, grammar and list it holds.
///
/// `@unchecked` because a class open to subclasses cannot be checked as `Sendable`; the base
/// holds nothing and every subclass only immutable `Sendable` parameters.
class MessageCheck: @unchecked Sendable {
    /// Judges `context`'s message into `recorder`.
    func judge(_ context: MessageContext, _ recorder: inout RuleRecorder) {}

    /// The check that runs `check`; nil for `parse` (judged by the parse itself) and for the
    /// exchange-level kinds.
    static func make(_ check: CompiledCheck) -> MessageCheck? {
        switch check {
        case .escapes: Escapes()
        case .charset: Charset()
        case .value(let check): Value(check)
        case .structure(let grammar): Structure(grammar)
        case .requiredFields(let check): RequiredFields(check)
        case .obxValue: OBXValue()
        case .mdcCoding(let locator): MDCCoding(locator)
        case .mdcCodeMatch(let locator, let table): MDCCodeMatch(locator, table)
        case .pattern(let check, let pattern): Pattern(check, pattern)
        case .unique(let check): Unique(check)
        case .units(let locator, let table): Units(locator, table)
        case .unitDimension(let table): UnitDimension(table)
        case .timestamp(let check): Timestamp(check)
        case .identifier(let check): Identifier(check)
        case .parse, .mllpFraming, .ackReply, .ackEcho, .ackMode, .ackAcceptsValid, .ackRejectsInvalid, .reporterMessageType:
            nil
        }
    }

    private final class Escapes: MessageCheck, @unchecked Sendable {
        override func judge(_ context: MessageContext, _ recorder: inout RuleRecorder) {
            EncodingRules.escapes(context, &recorder)
        }
    }

    private final class Charset: MessageCheck, @unchecked Sendable {
        override func judge(_ context: MessageContext, _ recorder: inout RuleRecorder) {
            EncodingRules.charset(context, &recorder)
        }
    }

    private final class Value: MessageCheck, @unchecked Sendable {
        let check: ValueCheck
        init(_ check: ValueCheck) { self.check = check }
        override func judge(_ context: MessageContext, _ recorder: inout RuleRecorder) {
            FieldRules.value(check, context, &recorder)
        }
    }

    private final class Structure: MessageCheck, @unchecked Sendable {
        let grammar: SegmentGrammar
        init(_ grammar: SegmentGrammar) { self.grammar = grammar }
        override func judge(_ context: MessageContext, _ recorder: inout RuleRecorder) {
            StructureRule.judge(grammar, context, &recorder)
        }
    }

    private final class RequiredFields: MessageCheck, @unchecked Sendable {
        let check: SegmentFieldsCheck
        init(_ check: SegmentFieldsCheck) { self.check = check }
        override func judge(_ context: MessageContext, _ recorder: inout RuleRecorder) {
            FieldRules.requiredFields(check, context, &recorder)
        }
    }

    private final class OBXValue: MessageCheck, @unchecked Sendable {
        override func judge(_ context: MessageContext, _ recorder: inout RuleRecorder) {
            ObservationRules.obxValue(context, &recorder)
        }
    }

    private final class MDCCoding: MessageCheck, @unchecked Sendable {
        let locator: FieldLocator
        init(_ locator: FieldLocator) { self.locator = locator }
        override func judge(_ context: MessageContext, _ recorder: inout RuleRecorder) {
            ObservationRules.mdcCoding(locator, context, &recorder)
        }
    }

    private final class MDCCodeMatch: MessageCheck, @unchecked Sendable {
        let locator: FieldLocator
        let table: MDCCodeTable
        init(_ locator: FieldLocator, _ table: MDCCodeTable) {
            self.locator = locator
            self.table = table
        }
        override func judge(_ context: MessageContext, _ recorder: inout RuleRecorder) {
            ObservationRules.mdcCodeMatch(locator, table, context, &recorder)
        }
    }

    private final class Pattern: MessageCheck, @unchecked Sendable {
        let check: SegmentFieldCheck
        let pattern: ValuePattern
        init(_ check: SegmentFieldCheck, _ pattern: ValuePattern) {
            self.check = check
            self.pattern = pattern
        }
        override func judge(_ context: MessageContext, _ recorder: inout RuleRecorder) {
            FieldRules.pattern(check, pattern, context, &recorder)
        }
    }

    private final class Unique: MessageCheck, @unchecked Sendable {
        let check: SegmentFieldCheck
        init(_ check: SegmentFieldCheck) { self.check = check }
        override func judge(_ context: MessageContext, _ recorder: inout RuleRecorder) {
            FieldRules.unique(check, context, &recorder)
        }
    }

    private final class Units: MessageCheck, @unchecked Sendable {
        let locator: FieldLocator
        let table: MDCCodeTable
        init(_ locator: FieldLocator, _ table: MDCCodeTable) {
            self.locator = locator
            self.table = table
        }
        override func judge(_ context: MessageContext, _ recorder: inout RuleRecorder) {
            ObservationRules.units(locator, table, context, &recorder)
        }
    }

    private final class UnitDimension: MessageCheck, @unchecked Sendable {
        let table: UnitExpectationTable
        init(_ table: UnitExpectationTable) { self.table = table }
        override func judge(_ context: MessageContext, _ recorder: inout RuleRecorder) {
            ObservationRules.unitDimension(table, context, &recorder)
        }
    }

    private final class Timestamp: MessageCheck, @unchecked Sendable {
        let check: TimestampCheck
        init(_ check: TimestampCheck) { self.check = check }
        override func judge(_ context: MessageContext, _ recorder: inout RuleRecorder) {
            TimestampRule.judge(check, context, &recorder)
        }
    }

    private final class Identifier: MessageCheck, @unchecked Sendable {
        let check: IdentifierCheck
        init(_ check: IdentifierCheck) { self.check = check }
        override func judge(_ context: MessageContext, _ recorder: inout RuleRecorder) {
            FieldRules.identifier(check, context, &recorder)
        }
    }
}
