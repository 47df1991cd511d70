import FuzzCore
import MedConformCore
import Transports

/// The sender-role campaign's view of a receiving device (or the gateway simulator): each
/// case is written on a kept connection and answered by an acknowledgement, or not.
///
/// Every case carries its own control ID in MSH-10 (`F` and the case number, bound over the
/// base value like a session variable), so an acknowledgement that arrives late for an
/// earlier case is recognised as such and never judged as the answer to the next one.
final class HL7DeviceFuzzTarget: FuzzTarget {
    let space: CaseSpace
    let endpoint: TargetDefinition.Endpoint
    let timeouts: Timeouts
    let maxFrameBytes: Int
    let settle: Duration
    let clock: MonotonicClock
    let host: SimulatedGatewayHost?
    private let controlIDNode: Int32?
    private var channel: MLLPChannel?
    /// Control IDs written on the current connection, newest last (a few suffice).
    private var sent: [String] = []
    private var probeCount = 0

    static let state = "awaiting acknowledgement"

    init(space: CaseSpace, target: TargetDefinition, settle: Duration, clock: MonotonicClock, log: @escaping @Sendable (String) -> Void) {
        self.space = space
        self.endpoint = target.endpoint
        self.timeouts = target.timeouts
        self.maxFrameBytes = target.maxFrameBytes
        self.settle = settle
        self.clock = clock
        if case .simulator(let selection) = target.endpoint {
            host = SimulatedGatewayHost(selection: selection, lateBy: target.timeouts.response + .milliseconds(250), log: log)
        } else {
            host = nil
        }
        controlIDNode = space.model.nodes.first { $0.path == "MSH.10[1].1.1" }?.id
    }

    private var address: NetworkAddress? {
        switch endpoint {
        case .simulator: host?.address
        case .connect(let address): address
        case .listen: nil
        }
    }

    func restart() async -> String? {
        await channel?.close()
        channel = nil
        sent = []
        if let host {
            do {
                try await host.restart()
            } catch {
                return "the simulator could not start: \(error)"
            }
        } else if settle > .zero {
            try? await clock.sleep(settle)
        }
        return nil
    }

    func close() async {
        await channel?.close()
        channel = nil
        await host?.stop()
    }

    /// The bytes of a case with its own control ID; `anomalies` nil writes `bytes` as they are.
    func wireBytes(_ anomalies: [Anomaly]?, bytes: [UInt8], controlID: String) -> [UInt8] {
        guard let anomalies, let node = controlIDNode else { return bytes }
        let binding = Anomaly(target: node, path: "MSH.10[1].1.1", operatorName: "bind", libraryIndex: nil,
                              mutation: .replace(Array(controlID.utf8), .wire), lie: nil)
        return space.model.render(anomalies: [binding] + anomalies)
    }

    func run(_ anomalies: [Anomaly], bytes: [UInt8], index: UInt64) async -> CaseRun {
        let controlID = "F" + String(index)
        // A case that lies about the MLLP frame may leave the device nothing it can delimit,
        // and no answer is owed to bytes outside a frame: silence is then no failure (the
        // connection is dropped all the same, and the next probe shows whether the device
        // recovered).
        let answerOwed = !anomalies.contains { $0.lie?.hasSuffix("/framing") == true }
        // When the case mutates the control ID itself, how a receiver echoes a malformed one
        // (raw, or decoded and encoded again) is its own business: only the answer's form is judged.
        let echoJudged = !anomalies.contains { $0.path.hasPrefix("MSH.10") }
        // The bound control ID is what a receiver reads in MSH-10 unless an anomaly touched the
        // header; only then must the case be parsed to learn it (parsing every case would cost
        // about a fifth of the campaign's time).
        let headerIntact = !anomalies.contains { $0.path.hasPrefix("MSH") || $0.path.hasPrefix("MLLP") || $0.path.isEmpty }
        return await exchange(wireBytes(anomalies, bytes: bytes, controlID: controlID), state: Self.state,
                              answerOwed: answerOwed, echoJudged: echoJudged, knownEcho: headerIntact ? controlID : nil)
    }

    /// Writes exactly `bytes` (a replay) and judges the answer.
    func replay(_ bytes: [UInt8]) async -> CaseRun {
        await exchange(bytes, state: Self.state)
    }

    func probe() async -> CaseRun {
        // A fresh connection: a device serving one connection at a time must be free for it.
        await channel?.close()
        channel = nil
        sent = []
        probeCount += 1
        let controlID = "P" + String(probeCount)
        let bytes = wireBytes([], bytes: space.validCase(), controlID: controlID)
        var run = await exchange(bytes, state: "probe")
        if run.failure == nil, let code = run.detail.split(separator: " ").last, !["AA", "CA"].contains(String(code)) {
            run.failure = .probeFailed
            run.detail = "the valid probe message was answered with \(code)"
        } else if let failure = run.failure {
            run.detail = "the valid probe message: \(failure.phrase): \(run.detail)"
            run.failure = .probeFailed
        }
        if run.failure != nil {
            await channel?.close()
            channel = nil
        }
        return run
    }

    private func connected() async -> Result<MLLPChannel, TransportError> {
        if let channel { return .success(channel) }
        guard let address else { return .failure(.connectFailed(address: "?", reason: "no address to connect to")) }
        do {
            let link = MLLPChannel(connection: try await TCP.connect(to: address, timeout: timeouts.connect), maxFrameBytes: maxFrameBytes)
            channel = link
            sent = []
            return .success(link)
        } catch {
            return .failure(error)
        }
    }

    /// Writes one case and reads until its answer, a failure, or the response time is up.
    private func exchange(_ bytes: [UInt8], state: String, answerOwed: Bool = true, echoJudged: Bool = true,
                          knownEcho: String? = nil) async -> CaseRun {
        let link: MLLPChannel
        switch await connected() {
        case .success(let value): link = value
        case .failure(let error):
            return CaseRun(failure: .refused, detail: "could not connect: \(error)", state: state)
        }
        var run = CaseRun(failure: nil, detail: "", state: state, written: [bytes])
        let echo = knownEcho ?? (try? HL7Message.parse(HL7AnswerCheck.payload(of: bytes)))?["MSH-10"]
        do {
            try await link.sendRaw(bytes)
        } catch {
            return await dropped(run, .reset, "the write failed: \(error)")
        }
        if let echo {
            sent.append(echo)
            if sent.count > 8 { sent.removeFirst() }
        }
        let limit = timeouts.response
        let started = clock.now()
        while true {
            let remaining = limit - (clock.now() - started)
            guard remaining > .zero else { return await silent(run, answerOwed: answerOwed) }
            switch await link.receive(timeout: remaining) {
            case .frame(let payload):
                run.read.append(payload)
                switch HL7AnswerCheck.judge(payload, echo: echoJudged ? echo : nil, earlier: Array(sent.dropLast())) {
                case .stray: continue
                case .fine(let code):
                    run.detail = "acknowledged with \(code)"
                    return run
                case .malformed(let reason): return await dropped(run, .malformedAnswer, reason)
                case .wrong(let reason): return await dropped(run, .wrongAnswer, reason)
                }
            case .problem(let problem):
                return await dropped(run, .malformedAnswer, "broken MLLP framing: \(problem)")
            case .closed:
                return await dropped(run, run.read.isEmpty ? .noAnswer : .reset, "the device closed the connection")
            case .timedOut:
                return await silent(run, answerOwed: answerOwed)
            case .failed(let error):
                return await dropped(run, .reset, "the connection failed: \(error)")
            }
        }
    }

    /// Nothing came within the response time: a timeout, unless no answer was owed.
    private func silent(_ run: CaseRun, answerOwed: Bool) async -> CaseRun {
        let limit = timeouts.response.secondsWithMilliseconds
        guard answerOwed else {
            var quiet = await dropped(run, .timeout, "no answer within \(limit) s, and none owed to a broken frame")
            quiet.failure = nil
            return quiet
        }
        return await dropped(run, .timeout, "no acknowledgement within \(limit) s")
    }

    /// Ends a failed exchange: the connection is not trusted for the next case.
    private func dropped(_ run: CaseRun, _ failure: FailureClass, _ detail: String) async -> CaseRun {
        var run = run
        run.failure = failure
        run.detail = detail
        await channel?.close()
        channel = nil
        sent = []
        return run
    }
}
