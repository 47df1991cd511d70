import MedConformCore

/// The acknowledgement rules on one exchange: `ack-reply`, `ack-echo`, `ack-mode`,
/// `ack-accepts-valid` and `ack-rejects-invalid`.
enum AcknowledgementRules {
    /// What one acknowledgement said, read once.
    struct Reply {
        var number: Int
        var parsed: Bool
        var hasMSA: Bool
        var code: String
        var kind: HL7AckExpectation.Kind?
        var echoed: String
        var elapsed: Duration
        /// MSA-3 and ERR texts, for reasons about rejections.
        var details: String

        init(number: Int, response: AckResponse) {
            self.number = number
            elapsed = response.elapsed
            guard let message = response.verdicts.message else {
                (parsed, hasMSA, code, kind, echoed, details) = (false, false, "", nil, "", "")
                return
            }
            parsed = true
            guard let msa = message.first("MSA") else {
                (hasMSA, code, kind, echoed, details) = (false, "", nil, "", "")
                return
            }
            hasMSA = true
            code = msa.field(1).text
            kind = HL7AckExpectation.Kind.of(code: code)
            echoed = msa.field(2).text
            var parts: [String] = []
            let text = msa.field(3).text
            if !text.isEmpty { parts.append("MSA-3 '\(VisibleText.of(text))'") }
            if let err = message.first("ERR") {
                for (number, name) in [(3, "ERR-3"), (7, "ERR-7"), (8, "ERR-8")] {
                    let value = err.field(number).text
                    if !value.isEmpty { parts.append("\(name) '\(VisibleText.of(value))'") }
                }
            }
            details = parts.joined(separator: ", ")
        }

        var isAccept: Bool { code == "AA" || code == "CA" }
        var isReject: Bool { ["AE", "AR", "CE", "CR"].contains(code) }
    }

    static func judge(_ rules: [CompiledRule], _ exchange: AckExchange) -> [RequirementObservation] {
        let header = exchange.sent.segments.first
        let msh15 = header?.field(15).text ?? ""
        let msh16 = header?.field(16).text ?? ""
        let controlID = header?.field(10).text ?? ""
        let replies = exchange.responses.enumerated().map { Reply(number: $0.offset + 1, response: $0.element) }
        var expectations: [HL7AckExpectation] = []
        for conforms in exchange.sentConforms.map({ [$0] }) ?? [true, false] {
            let expectation = HL7AckExpectation.of(msh15: msh15, msh16: msh16, messageConforms: conforms)
            if !expectations.contains(expectation) { expectations.append(expectation) }
        }
        let judge = Judge(exchange: exchange, replies: replies, expectations: expectations,
                          conditions: conditions(msh15, msh16), controlID: controlID)
        var out: [RequirementObservation] = []
        for rule in rules {
            let observations: [Observation]
            switch rule.kind {
            case .ackReply: observations = judge.reply(pass: rule.passReason)
            case .ackEcho: observations = judge.echo()
            case .ackMode: observations = judge.mode()
            case .ackAcceptsValid: observations = judge.acceptsValid()
            case .ackRejectsInvalid: observations = judge.rejectsInvalid()
            default: observations = []
            }
            for observation in observations {
                out.append(RequirementObservation(requirementID: rule.requirement.id, observation: observation))
            }
        }
        return out
    }

    /// "MSH-15 'NE' and MSH-16 'AL'", or "MSH-15 and MSH-16 empty (original mode)".
    private static func conditions(_ msh15: String, _ msh16: String) -> String {
        if msh15.isEmpty && msh16.isEmpty { return "MSH-15 and MSH-16 empty (original mode)" }
        return "MSH-15 '\(VisibleText.of(msh15))' and MSH-16 '\(VisibleText.of(msh16))'"
    }

    private struct Judge {
        let exchange: AckExchange
        let replies: [Reply]
        let expectations: [HL7AckExpectation]
        let conditions: String
        let controlID: String

        var subject: String { exchange.subject }

        func observation(_ outcome: Outcome, _ reason: String, kind: ProblemKind? = nil,
                         _ items: [EvidenceItem] = []) -> Observation {
            let evidence = outcome == .pass
                ? Evidence.none : Evidence(items: items + exchange.evidence.items, transcript: exchange.evidence.transcript)
            return Observation(outcome, subject: subject, reason: reason, kind: kind, evidence: evidence)
        }

        var nothingOwed: Bool { expectations.allSatisfy(\.expected.isEmpty) }

        /// The fewest acknowledgements any reading of the message owes.
        var owed: Int { expectations.map(\.expected.count).min() ?? 0 }

        var limit: String { exchange.responseLimit.secondsWithMilliseconds + " s" }

        // MARK: ack-reply

        func reply(pass: String) -> [Observation] {
            if nothingOwed {
                return [observation(.notApplicable, "\(conditions) ask for no acknowledgement")]
            }
            if owed == 0, replies.isEmpty {
                return [observation(.notApplicable, "\(conditions) ask for no acknowledgement when the message conforms")]
            }
            if replies.count >= max(owed, 1) {
                if let late = replies.first(where: { $0.elapsed > exchange.responseLimit }) {
                    return [observation(.fail, "acknowledgement \(late.number) came after \(late.elapsed.secondsWithMilliseconds) s; the limit is \(limit)",
                                        kind: .timeout, [EvidenceItem("elapsed", late.elapsed.secondsWithMilliseconds + " s"),
                                                         EvidenceItem("limit", limit)])]
                }
                let slowest = replies.map(\.elapsed).max() ?? .zero
                return [observation(.pass, "answered in \(slowest.secondsWithMilliseconds) s (limit \(limit))")]
            }
            let missing = replies.isEmpty
                ? "no acknowledgement"
                : "only \(replies.count) of \(owed) acknowledgements"
            let items = [EvidenceItem("limit", limit), EvidenceItem("acknowledgements received", "\(replies.count)")]
            switch exchange.ending {
            case .timedOut(let waited):
                return [observation(.fail, "\(missing) within \(waited.secondsWithMilliseconds) s", kind: .timeout, items)]
            case .closed:
                return [observation(.fail, "the device closed the connection after \(missing)", kind: .connectionClosed, items)]
            case .framing(let problem):
                return [observation(.fail, "\(missing): the answer broke MLLP framing: \(problem.description)", kind: .framing,
                                    items + [EvidenceItem("framing problem", problem.description)])]
            case .transport(let text):
                return [observation(.error, "the transport failed after \(missing): \(VisibleText.of(text, limit: 160))",
                                    kind: .deviceUnreachable, items)]
            case .complete:
                return [observation(.fail, "\(missing) came for \(conditions)", kind: .protocolViolation, items)]
            }
        }

        // MARK: ack-echo

        func echo() -> [Observation] {
            if nothingOwed, replies.isEmpty {
                return [observation(.notApplicable, "\(conditions) ask for no acknowledgement")]
            }
            var out: [Observation] = []
            var matched = 0
            for reply in replies {
                if !reply.parsed {
                    out.append(observation(.inconclusive, "acknowledgement \(reply.number) did not parse, so its MSA-2 cannot be read"))
                } else if !reply.hasMSA {
                    out.append(observation(.fail, "acknowledgement \(reply.number) has no MSA segment", kind: .protocolViolation))
                } else if reply.echoed == controlID {
                    matched += 1
                } else {
                    out.append(observation(
                        .fail, "MSA-2 of acknowledgement \(reply.number) is '\(VisibleText.of(reply.echoed))' but the message's MSH-10 is '\(VisibleText.of(controlID))'",
                        kind: .protocolViolation,
                        [EvidenceItem("expected", VisibleText.of(controlID)), EvidenceItem("actual", VisibleText.of(reply.echoed))]))
                }
            }
            if out.isEmpty, matched > 0 {
                out.append(observation(.pass, "MSA-2 echoes MSH-10 '\(VisibleText.of(controlID))'"))
            }
            return out
        }

        // MARK: ack-mode

        func mode() -> [Observation] {
            var kinds: [HL7AckExpectation.Kind] = []
            var unreadable: [Int] = []
            for reply in replies {
                guard reply.parsed, reply.hasMSA else {
                    unreadable.append(reply.number)
                    continue
                }
                guard let kind = reply.kind, ["AA", "AE", "AR", "CA", "CE", "CR"].contains(reply.code) else {
                    return [observation(.fail, "MSA-1 of acknowledgement \(reply.number) is '\(VisibleText.of(reply.code))', not an acknowledgement code of table 0008",
                                        kind: .protocolViolation)]
                }
                kinds.append(kind)
            }
            let received = replies.isEmpty ? "nothing" : replies.map { $0.code.isEmpty ? "?" : VisibleText.of($0.code) }.joined(separator: ", ")
            let expected = expectations.map(\.description).joined(separator: " or ")
            if expectations.contains(where: { $0.expected == kinds }) && unreadable.isEmpty {
                return [observation(.pass, "\(conditions) ask for \(expected), and the device sent \(received)")]
            }
            let isPrefix = expectations.contains { $0.expected.count > kinds.count && Array($0.expected.prefix(kinds.count)) == kinds }
            if !unreadable.isEmpty, expectations.contains(where: { $0.expected.count >= kinds.count }) {
                return [observation(.inconclusive, "acknowledgement \(unreadable.map(String.init).joined(separator: ", ")) could not be read, so the acknowledgement mode cannot be judged")]
            }
            if isPrefix, exchange.ending != .complete {
                let came = replies.isEmpty ? "nothing came" : "only \(received) came"
                return [observation(.inconclusive, "\(came) before the exchange ended; \(conditions) ask for \(expected)")]
            }
            return [observation(.fail, "\(conditions) ask for \(expected) (\(codes(expectations))), but the device sent \(received)",
                                kind: .protocolViolation,
                                [EvidenceItem("expected", expected), EvidenceItem("actual", received)])]
        }

        private func codes(_ expectations: [HL7AckExpectation]) -> String {
            let kinds = expectations.flatMap(\.expected)
            var parts: [String] = []
            if kinds.contains(.accept) { parts.append("accept: CA, CE or CR") }
            if kinds.contains(.application) { parts.append("application: AA, AE or AR") }
            return parts.isEmpty ? "none" : parts.joined(separator: "; ")
        }

        // MARK: ack-accepts-valid and ack-rejects-invalid

        func acceptsValid() -> [Observation] {
            guard exchange.sentConforms == true, let expectation = expectations.first else { return [] }
            if expectation.expected.isEmpty {
                return [observation(.notApplicable, "\(conditions) ask for no acknowledgement of a conformant message")]
            }
            if let rejection = replies.first(where: \.isReject) {
                let details = rejection.details.isEmpty ? "" : " (\(rejection.details))"
                return [observation(.fail, "the device answered a conformant message with \(rejection.code)\(details)",
                                    kind: .protocolViolation,
                                    [EvidenceItem("expected", expectation.expected.contains(.application) ? "AA" : "CA"),
                                     EvidenceItem("actual", rejection.code)])]
            }
            let finalKind: HL7AckExpectation.Kind = expectation.expected.contains(.application) ? .application : .accept
            guard let final = replies.last(where: { $0.kind == finalKind }) else {
                return [observation(.inconclusive, "no \(finalKind.name) arrived, so acceptance cannot be judged")]
            }
            let wanted = finalKind == .application ? "AA" : "CA"
            if final.code == wanted {
                return [observation(.pass, "the conformant message was accepted with \(wanted)")]
            }
            return [observation(.fail, "the device answered a conformant message with '\(VisibleText.of(final.code))', not \(wanted)",
                                kind: .protocolViolation,
                                [EvidenceItem("expected", wanted), EvidenceItem("actual", VisibleText.of(final.code))])]
        }

        func rejectsInvalid() -> [Observation] {
            guard exchange.sentConforms == false, let expectation = expectations.first else { return [] }
            if expectation.expected.isEmpty, replies.isEmpty {
                return [observation(.notApplicable, "\(conditions) ask for no acknowledgement of a message in error")]
            }
            // In enhanced mode a correct receiver may commit the message (CA) and then reject it
            // in the application acknowledgement (AE): when an application ack is owed, it decides.
            let replies = expectation.expected.contains(.application) && self.replies.contains(where: { $0.kind == .application })
                ? self.replies.filter { $0.kind == .application } : self.replies
            if let acceptance = replies.first(where: \.isAccept) {
                return [observation(.fail, "the device accepted a message that breaks the profile with \(acceptance.code) (acknowledgement \(acceptance.number)); it must answer AE, AR, CE or CR",
                                    kind: .protocolViolation,
                                    [EvidenceItem("expected", "AE, AR, CE or CR"), EvidenceItem("actual", acceptance.code)])]
            }
            if let rejection = replies.first(where: \.isReject) {
                return [observation(.pass, "the message in error was rejected with \(rejection.code)")]
            }
            if replies.isEmpty {
                return [observation(.inconclusive, "no acknowledgement arrived, so a rejection cannot be judged")]
            }
            if !replies.contains(where: \.hasMSA) {
                return [observation(.inconclusive, "no acknowledgement could be read, so a rejection cannot be judged")]
            }
            let codes = replies.filter(\.hasMSA).map { VisibleText.of($0.code) }.joined(separator: ", ")
            return [observation(.fail, "the device answered a message that breaks the profile with \(codes), not AE, AR, CE or CR",
                                kind: .protocolViolation, [EvidenceItem("actual", codes)])]
        }
    }
}
