import FuzzCore
import MedConformCore
import Transports

/// Writes one case on an association driven to the state its base is due in, and judges the
/// device's reaction: the connection reset → reset; no APDU in the response time where one is
/// owed → timeout; an APDU that does not decode (or is left incomplete) → malformed-answer.
/// Any decodable APDU is an acceptable answer (ABRT, RORJ, ROER, or the exchange going on),
/// and so is a clean close: a 20601 device may end an association it cannot make sense of.
enum PHDCaseExchange {
    /// Whether a conformant peer owes any APDU after receiving `bytes`.
    ///
    /// An APDU whose header claims more bytes than come leaves the peer waiting for the rest,
    /// so nothing is owed; nor is anything owed to ABRT, RLRE, a rejecting AARE (the agent just
    /// closes), an unconfirmed invocation, or (by a manager) anything but a confirmed event report. An
    /// APDU that does not decode is owed an ABRT.
    static func answerOwed(_ bytes: [UInt8], direction: PHDFuzzDirection) -> Bool {
        guard bytes.count >= 4 else { return false }
        let length = Int(bytes[2]) << 8 | Int(bytes[3])
        guard 4 + length <= bytes.count else { return false }
        guard let apdu = try? APDU.decode(Array(bytes[0..<(4 + length)])) else { return true }
        switch apdu {
        case .abort, .releaseResponse: return false
        case .associationResponse(let response): return response.result.isAccepted
        case .associationRequest, .releaseRequest: return true
        case .presentation(let data):
            switch direction {
            // An agent answers what asks for an answer, goes on after the answer it waited
            // for, and aborts an answer it did not wait for.
            case .toAgent: return data.message.isInvocation ? data.message.expectsAnswer : true
            // A manager owes agents only the acknowledgement of confirmed event reports: it
            // serves no objects of its own to GET, SET or ACTION, and may ignore those.
            case .toManager:
                if case .eventReport(_, let confirmed) = data.message { return confirmed }
                return false
            }
        }
    }

    /// Writes `bytes` on `channel` and waits up to `timeout` for the first APDU that is not
    /// `ignored` (the device's own invocations, which answer nothing).
    static func exchange(_ bytes: [UInt8], on channel: APDUChannel, direction: PHDFuzzDirection, timeout: Duration,
                         state: String, ignored: (APDU) -> Bool = { _ in false }) async -> CaseRun {
        var run = CaseRun(failure: nil, detail: "", state: state, written: [bytes])
        do {
            try await channel.send(bytes)
        } catch {
            return failed(run, .reset, "the write failed: \(error)")
        }
        guard answerOwed(bytes, direction: direction) else {
            run.detail = "sent; no APDU is owed to it"
            return run
        }
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = deadline - .now
            let event: APDUEvent = remaining > .zero ? await channel.receive(timeout: remaining) : .timedOut(pending: [])
            switch event {
            case .apdu(let answer):
                run.read.append(answer)
                let apdu: APDU
                do {
                    apdu = try APDU.decode(answer)
                } catch {
                    return failed(run, .malformedAnswer, "\(answer.count) bytes that are not an APDU: \(error)")
                }
                if ignored(apdu) { continue }
                run.detail = "answered with \(apdu.kindName)"
                return run
            case .timedOut(let pending):
                if !pending.isEmpty {
                    run.read.append(pending)
                    return failed(run, .malformedAnswer, "an APDU left incomplete (\(pending.count) bytes) for \(timeout.secondsWithMilliseconds) s")
                }
                return failed(run, .timeout, "no APDU within \(timeout.secondsWithMilliseconds) s")
            case .closed(let pending):
                if !pending.isEmpty {
                    run.read.append(pending)
                    return failed(run, .malformedAnswer, "the device closed the connection in the middle of an APDU (\(pending.count) bytes)")
                }
                run.detail = "the device closed the connection"
                return run
            case .failed(let error, _):
                return failed(run, .reset, "the connection failed: \(error)")
            }
        }
    }

    /// Waits up to `timeout` for the device's next APDU while the harness drives the
    /// association; whatever else comes is the device failing before the case.
    static func receive(_ channel: APDUChannel, _ what: String, timeout: Duration, state: String) async -> Result<APDU, Stop> {
        switch await channel.receive(timeout: timeout) {
        case .apdu(let bytes):
            do {
                return .success(try APDU.decode(bytes))
            } catch {
                return .failure(Stop(CaseRun(failure: .malformedAnswer, detail: "\(what): \(bytes.count) bytes that are not an APDU: \(error)",
                                             state: state, read: [bytes])))
            }
        case .timedOut:
            return .failure(Stop(CaseRun(failure: .timeout, detail: "no \(what) within \(timeout.secondsWithMilliseconds) s", state: state)))
        case .closed:
            return .failure(Stop(CaseRun(failure: .noAnswer, detail: "the device closed the connection instead of sending the \(what)", state: state)))
        case .failed(let error, _):
            return .failure(Stop(CaseRun(failure: .reset, detail: "the connection failed while waiting for the \(what): \(error)", state: state)))
        }
    }

    /// Why driving stopped when the device sent something other than `what` (or nothing).
    static func unexpected(_ result: Result<APDU, Stop>, _ what: String, _ state: String) -> Stop {
        switch result {
        case .failure(let stop): stop
        case .success(let apdu): Stop(CaseRun(failure: .wrongAnswer, detail: "a \(apdu.kindName) where \(what) was due", state: state))
        }
    }

    /// Writes an APDU the harness drives the association with.
    static func send(_ apdu: APDU, on channel: APDUChannel, state: String) async -> Stop? {
        do {
            try await channel.send(apdu)
            return nil
        } catch {
            return Stop(CaseRun(failure: .reset, detail: "the write of the \(apdu.kindName) failed: \(error)", state: state))
        }
    }

    /// Why driving an association stopped before the case: how the device failed.
    struct Stop: Error {
        var run: CaseRun
        init(_ run: CaseRun) { self.run = run }

        /// The stop as the probe's failure: the valid association itself did not get through.
        var probeFailure: CaseRun {
            var probe = run
            probe.detail = "the valid association: \(run.failure?.phrase ?? "failed"): \(run.detail)"
            probe.failure = .probeFailed
            return probe
        }
    }

    static func failed(_ run: CaseRun, _ failure: FailureClass, _ detail: String) -> CaseRun {
        var run = run
        run.failure = failure
        run.detail = detail
        return run
    }
}
