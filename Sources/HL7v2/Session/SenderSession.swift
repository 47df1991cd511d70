import MedConformCore
import Transports

/// The harness as the sending system: sends each template to a receiving device and judges
/// the acknowledgements it gets back (code, MSA-2 echo, ERR content, time to answer).
struct SenderSession {
    let configuration: HL7SuiteConfiguration
    let context: SuiteRunContext

    /// The rule kinds this role can judge: the device's acknowledgements are messages too.
    static let kinds: [HL7RuleKind] = [
        .mllpFraming, .ackReply, .ackEcho, .ackMode, .ackAcceptsValid, .ackRejectsInvalid,
        .parse, .charset, .escapes, .structure, .value, .requiredFields, .pattern, .timestamp,
    ]

    func run() async -> SuiteResult {
        var recorder = SessionRecorder(clock: context.clock)
        let timeouts = context.target.timeouts
        let simulatorLog = LockedLines()
        let address: NetworkAddress
        let simulator: GatewayServer?
        do {
            (address, simulator) = try DeviceLink.startSenderTarget(context: context, log: { simulatorLog.append($0) })
        } catch {
            recorder.sessionProblem(.error, "could not start the device: \(error)", kind: .harness)
            return finish(recorder, simulatorLog: simulatorLog.snapshot())
        }
        var channel: MLLPChannel?
        var completed = 0
        for (index, template) in configuration.templates.enumerated() {
            if Task.isCancelled {
                recorder.sessionProblem(.error, "interrupted after \(completed) of \(configuration.templates.count) templates", kind: .interrupted)
                break
            }
            if recorder.framingProblems >= SessionRecorder.framingProblemLimit { break }
            if channel == nil {
                do {
                    channel = MLLPChannel(connection: try await TCP.connect(to: address, timeout: timeouts.connect),
                                          maxFrameBytes: context.target.maxFrameBytes)
                    recorder.note("connected to \(address)")
                } catch {
                    recorder.sessionProblem(.error, "could not connect to the device at \(address): \(error)", kind: .deviceUnreachable)
                    break
                }
            }
            guard let link = channel else { break }
            let outcome = await exchange(template, index: index, over: link, recorder: &recorder)
            if outcome.connectionLost {
                await link.close()
                channel = nil
            }
            completed += 1
        }
        if completed == configuration.templates.count {
            recorder.sessionCompleted("sent all \(completed) templates")
        }
        await channel?.close()
        simulator?.stop()
        await simulator?.finished()
        return finish(recorder, simulatorLog: simulatorLog.snapshot())
    }

    private struct ExchangeOutcome {
        var connectionLost: Bool
    }

    /// Sends one template with a fresh control ID and collects the acknowledgements it is owed.
    private func exchange(_ template: HL7Template, index: Int, over link: MLLPChannel,
                          recorder: inout SessionRecorder) async -> ExchangeOutcome {
        let rules = configuration.rules
        let limit = context.target.timeouts.response
        let subject = "template '\(template.id)'"
        guard let original = try? HL7Message.parse(template.bytes) else {
            recorder.sessionProblem(.error, "\(subject) no longer parses", kind: .harness)
            return ExchangeOutcome(connectionLost: false)
        }
        let controlID = "MC\(context.suite.id.prefix(12))-\(index + 1)"
        let message = original.first("MSH").map {
            original.replacingField(segment: $0.index, field: 10, with: Array(controlID.utf8))
        } ?? original
        let expectation = HL7AckExpectation.of(msh15: message["MSH-15"] ?? "", msh16: message["MSH-16"] ?? "",
                                               messageConforms: template.conforms ?? true)
        var evidence: [TranscriptEntry] = []
        do {
            try await link.send(message.encoded())
            evidence.append(recorder.wire(.toDevice, MLLP.frame(message.encoded()), summary: "\(subject), control ID '\(controlID)'"))
        } catch {
            recorder.sessionProblem(.error, "could not send \(subject): \(error)", kind: .connectionClosed)
            return ExchangeOutcome(connectionLost: true)
        }
        let sentAt = recorder.elapsed
        var responses: [AckResponse] = []
        var ending = AckExchange.Ending.complete
        var lost = false
        // A framing problem is judged at once, but the wait goes on: the frame after the
        // problem may still be the acknowledgement, and it must not land in the next exchange.
        var framingProblem: MLLPFramingProblem?
        // Wait for every acknowledgement owed; when none is owed, wait the whole limit so that
        // an acknowledgement sent against the rules is still seen.
        while expectation.expected.isEmpty || responses.count < expectation.expected.count {
            let remaining = limit - (recorder.elapsed - sentAt)
            if remaining <= .zero {
                if !expectation.expected.isEmpty { ending = framingProblem.map { .framing($0) } ?? .timedOut(limit: limit) }
                break
            }
            let event = await link.receive(timeout: remaining)
            switch event {
            case .frame(let payload):
                let elapsed = recorder.elapsed - sentAt
                let ackSubject = "acknowledgement \(responses.count + 1) of \(subject)"
                let verdicts = rules.judgeMessage(payload, subject: ackSubject)
                let entry = recorder.wire(.fromDevice, MLLP.frame(payload), summary: "\(ackSubject): \(verdicts.messageType ?? "unparseable")")
                evidence.append(entry)
                recorder.record(verdicts.observations.map { $0.attachingIfFailed(entry) })
                recorder.record(rules.judgeFraming(nil, subject: ackSubject, evidence: .none))
                responses.append(AckResponse(bytes: payload, elapsed: elapsed, verdicts: verdicts))
            case .problem(let problem):
                framingProblem = problem
                guard recorder.recordFramingProblem(problem, subject: "answer to \(subject)", rules: rules) else {
                    ending = .framing(problem)
                    lost = true
                    break
                }
            case .closed:
                ending = .closed
                lost = true
            case .timedOut:
                if !expectation.expected.isEmpty { ending = framingProblem.map { .framing($0) } ?? .timedOut(limit: limit) }
            case .failed(let error):
                ending = .transport("\(error)")
                lost = true
            }
            if case .complete = ending { continue }
            break
        }
        let exchange = AckExchange(sent: message, sentConforms: template.conforms, responses: responses, ending: ending,
                                   responseLimit: limit, subject: subject, evidence: Evidence(transcript: evidence))
        recorder.record(rules.judgeAcknowledgements(exchange))
        return ExchangeOutcome(connectionLost: lost)
    }

    private func finish(_ recorder: SessionRecorder, simulatorLog: [String]) -> SuiteResult {
        recorder.suiteResult(configuration, context: context, kinds: Self.kinds, messageCode: "ACK",
                             whenEmpty: "no acknowledgement from the device reached this check", simulatorLog: simulatorLog)
    }
}
