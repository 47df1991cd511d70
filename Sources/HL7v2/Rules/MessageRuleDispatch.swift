import MedConformCore

/// Runs one message-level rule on one message and records its observations. Pass reasons are
/// fixed per rule and made once, when the rule is compiled (``passReason(_:)``).
enum MessageRuleDispatch {
    /// Runs `rule` on `context`'s message and appends its observations to `out`.
    ///
    /// `recorder` must be empty, as a new one or one that `finish` left; it is left empty.
    static func judge(_ rule: CompiledRule, _ context: MessageContext, _ recorder: inout RuleRecorder,
                      into out: inout [RequirementObservation]) {
        if let check = rule.unmanagedCheck {
            check._withUnsafeGuaranteedRef { $0.judge(context, &recorder) }
            recorder.finish(rule, subject: context.subject, into: &out)
        } else if case .parse = rule.kind {
            // The message parsed, or no rule would run: `parse` passes.
            recorder.conforming()
            let custom = context.delimiters == .standard ? nil : EncodingRules.parsePassReason(context)
            recorder.finish(rule, subject: context.subject, passReason: custom, into: &out)
        }
    }

    /// The reason of the not-applicable observation of a rule that found nothing to judge in a
    /// message and noted nothing either; nil for rules that then give no observation.
    static func nothingReason(_ check: CompiledCheck) -> String? {
        switch check {
        case .obxValue: "no OBX segment"
        case .mdcCoding(let locator), .mdcCodeMatch(let locator, _): "no \(locator.path.segment) segment"
        case .pattern(let check, _): "no \(check.segmentName)-\(check.field) is valued"
        default: nil
        }
    }

    /// The short reason of a pass observation of `check`.
    static func passReason(_ check: CompiledCheck) -> String {
        switch check {
        case .parse: return "starts with MSH and declares its delimiters"
        case .escapes: return "escape sequences are well formed"
        case .charset: return "text is valid in the declared character set, without raw control characters"
        case .value(let check):
            let fields = check.fields.map(\.path.description).joined(separator: ", ")
            switch check.condition {
            case .equals(let expected): return "\(fields) is \(VisibleText.quoted(expected))"
            case .oneOf: return "\(fields) has an allowed value"
            case .empty: return "\(fields) is empty"
            }
        case .structure(let grammar): return "segments follow structure \(grammar.name)"
        case .requiredFields(let check):
            return "\(SegmentCodes.name(check.segment)) fields \(check.fields.map(String.init).joined(separator: ", ")) are valued"
        case .obxValue: return "OBX-2 and OBX-5 agree, and NM values are numbers"
        case .mdcCoding(let locator): return "\(locator.path) is coded as <code>^<MDC_…>^MDC"
        case .mdcCodeMatch: return "the codes the harness knows match their REFID"
        case .pattern(let check, let pattern): return "\(check.segmentName)-\(check.field) matches \(pattern.source)"
        case .unique(let check): return "\(check.segmentName)-\(check.field) values are unique"
        case .units: return "numeric observations carry an MDC or UCUM unit"
        case .unitDimension: return "units fit the quantities observed"
        case .timestamp(let check):
            return check.offsetRequired ? "time stamps have the DTM form with a UTC offset" : "time stamps have the DTM form"
        case .identifier(let check):
            return "\(check.field.path) carries an identifier of authority \(VisibleText.quoted(check.authority))"
        case .mllpFraming: return "framed as one MLLP frame"
        case .ackReply: return "answered in time"
        case .ackEcho: return "MSA-2 echoes MSH-10"
        case .ackMode: return "acknowledgements follow MSH-15 and MSH-16"
        case .ackAcceptsValid: return "the conformant message was accepted"
        case .ackRejectsInvalid: return "the non-conformant message was rejected"
        case .reporterMessageType(let expected): return "the message type is \(expected)"
        }
    }
}
