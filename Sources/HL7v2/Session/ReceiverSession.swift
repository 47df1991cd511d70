import Foundation
import MedConformCore
import Transports

/// The harness as the PCD-01 consumer: receives the device's messages, judges each one
/// against every message-level requirement, and acknowledges as the rules ask.
struct ReceiverSession {
    let configuration: HL7SuiteConfiguration
    let context: SuiteRunContext

    /// The rule kinds this role can judge.
    static let kinds: [HL7RuleKind] = [
        .mllpFraming, .parse, .charset, .escapes, .reporterMessageType, .structure, .value, .requiredFields,
        .obxValue, .mdcCoding, .mdcCodeMatch, .pattern, .unique, .units, .unitDimension, .timestamp, .identifier,
    ]

    func run() async -> SuiteResult {
        var recorder = SessionRecorder(clock: context.clock)
        let rules = configuration.rules
        let target = context.target
        let simulatorLog = LockedLines()
        let link: DeviceLink
        do {
            link = try await DeviceLink.openReceiver(configuration, context: context, log: { simulatorLog.append($0) })
            recorder.note("connected: \(link.channel.remote)")
        } catch .cancelled {
            recorder.sessionProblem(.error, "interrupted before the device connected", kind: .interrupted)
            return finish(recorder, simulatorLog: simulatorLog.snapshot())
        } catch {
            recorder.sessionProblem(.error, "could not reach the device: \(error)", kind: .deviceUnreachable)
            return finish(recorder, simulatorLog: simulatorLog.snapshot())
        }
        var received = 0
        var sequence = 0
        loop: while received < configuration.messages {
            if Task.isCancelled {
                recorder.sessionProblem(.error, "interrupted after \(received) of \(configuration.messages) messages", kind: .interrupted)
                break
            }
            let event = await link.channel.receive(timeout: target.timeouts.idle)
            switch event {
            case .frame(let payload):
                received += 1
                sequence += 1
                let verdicts = rules.judgeMessage(payload, subject: "message \(received)")
                let subject = "message \(received)" + (verdicts.controlID.map { " (control ID '\(String($0.prefix(40)))')" } ?? "")
                let entry = recorder.wire(.fromDevice, MLLP.frame(payload), summary: "\(subject): \(verdicts.messageType ?? "unparseable")")
                recorder.record(verdicts.observations.map { $0.attachingIfFailed(entry) })
                recorder.record(rules.judgeReporterMessageType(verdicts, subject: subject).map { $0.attachingIfFailed(entry) })
                recorder.record(rules.judgeFraming(nil, subject: subject, evidence: .none))
                guard configuration.acknowledgement == .rules else { continue }
                for ack in HarnessAcknowledgement.build(for: verdicts, rules: rules, sequence: sequence, now: Date()) {
                    do {
                        try await link.channel.send(ack)
                        recorder.wire(.toDevice, MLLP.frame(ack), summary: "acknowledgement of \(subject)")
                    } catch {
                        recorder.sessionProblem(.error, "could not acknowledge \(subject): \(error)", kind: .connectionClosed)
                        break loop
                    }
                }
            case .problem(let problem):
                guard recorder.recordFramingProblem(problem, subject: "after message \(received)", rules: rules) else { break loop }
            case .closed:
                recorder.sessionProblem(.error, "the device closed the connection after \(received) of \(configuration.messages) messages", kind: .connectionClosed)
                break loop
            case .timedOut(let limit):
                recorder.sessionProblem(.error, "no message within \(limit.secondsWithMilliseconds) s after \(received) of \(configuration.messages) messages", kind: .timeout)
                break loop
            case .failed(let error):
                recorder.sessionProblem(.error, "transport failed after \(received) messages: \(error)", kind: .connectionClosed)
                break loop
            }
        }
        if received == configuration.messages {
            recorder.sessionCompleted("received all \(received) messages")
        }
        await link.close()
        return finish(recorder, simulatorLog: simulatorLog.snapshot())
    }

    private func finish(_ recorder: SessionRecorder, simulatorLog: [String]) -> SuiteResult {
        recorder.suiteResult(configuration, context: context, kinds: Self.kinds, messageCode: "ORU",
                             whenEmpty: "no message from the device reached this check", simulatorLog: simulatorLog)
    }
}

extension RequirementObservation {
    /// Attaches the message's bytes to observations that did not pass, so the report shows them.
    func attachingIfFailed(_ entry: TranscriptEntry) -> RequirementObservation {
        guard observation.outcome == .fail || observation.outcome == .error else { return self }
        var copy = self
        copy.observation = observation.attaching([entry])
        return copy
    }
}

/// Lines logged by a simulator task, read by the session after the task ends.
final class LockedLines: @unchecked Sendable {
    // Guarded by `lock`: appended from the simulator task, read by the session after it ends.
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        if lines.count < 1000 { lines.append(line) }
    }

    func snapshot() -> [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }
}
