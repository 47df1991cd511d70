import FuzzCore
import MedConformCore
import Transports

/// The sender-role campaign's view of a receiving device (or the gateway simulator): each
/// case is written on a kept connection and answered by an acknowledgement, or not.
///
/// The exchange runs on blocking sockets (``BlockingMLLPChannel``): run the campaign with
/// `onDedicatedThread` so that a case costs no task switch, only the socket calls.
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
    private var channel: BlockingMLLPChannel?
    /// Control IDs written on the current connection, newest last (a few suffice).
    private var sent: [String] = []
    private var probeCount = 0
    /// What the base message is owed, for the cases that leave its header alone.
    private let baseOwed: Owed
    /// The wire bytes of the case announced by ``prepare(_:bytes:index:)``, rendered while
    /// the device worked on the case before it.
    private var prepared: (index: UInt64, anomalies: [Anomaly], bytes: [UInt8])?

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
        baseOwed = Self.owed(by: try? HL7Message.parse(HL7AnswerCheck.payload(of: space.validCase())))
    }

    private var address: NetworkAddress? {
        switch endpoint {
        case .simulator: host?.address
        case .connect(let address): address
        case .listen: nil
        }
    }

    func restart() async -> String? {
        dropConnection()
        return await DeviceRestart.simulatorOrSettle(host.map { host in { try host.restart() } }, settle: settle, clock: clock)
    }

    func close() async {
        dropConnection()
        host?.stop()
    }

    /// The bytes of a case with its own control ID; `anomalies` nil writes `bytes` as they are.
    func wireBytes(_ anomalies: [Anomaly]?, bytes: [UInt8], controlID: String) -> [UInt8] {
        guard let anomalies else { return bytes }
        return space.model.render(anomalies: anomalies, bindings: [LeafBinding(path: Self.controlIDPath, bytes: Array(controlID.utf8))])
    }

    /// The leaf of MSH-10 in the HL7 fuzz model.
    static let controlIDPath = "MSH.10[1].1.1"

    func prepare(_ anomalies: [Anomaly], bytes: [UInt8], index: UInt64) {
        prepared = (index, anomalies, wireBytes(anomalies, bytes: bytes, controlID: Self.controlID(index)))
    }

    /// The control ID bound into case `index`.
    static func controlID(_ index: UInt64) -> String { "F" + String(index) }

    func run(_ anomalies: [Anomaly], bytes: [UInt8], index: UInt64, meanwhile: () -> Void) async -> CaseRun {
        let controlID = Self.controlID(index)
        // A case that lies about the MLLP frame may leave the device nothing it can delimit,
        // and no answer is owed to bytes outside a frame: silence is then no failure (the
        // connection is dropped all the same, and the next probe shows whether the device
        // recovered).
        let answerOwed = !anomalies.contains { $0.lie?.hasSuffix("/framing") == true }
            && !Self.hasFramingBytesInside(bytes)
        // When the case mutates the control ID itself, how a receiver echoes a malformed one
        // (raw, or decoded and encoded again) is its own business: only the answer's form is judged.
        let echoJudged = !anomalies.contains { $0.path.hasPrefix("MSH.10") }
        // The bound control ID is what a receiver reads in MSH-10 unless an anomaly touched the
        // header; only then must the case be parsed to learn it (parsing every case would cost
        // about a fifth of the campaign's time).
        let headerIntact = !anomalies.contains { $0.path.hasPrefix("MSH") || $0.path.hasPrefix("MLLP") || $0.path.isEmpty }
        let wire: [UInt8]
        if let prepared = prepared.take(), prepared.index == index, prepared.anomalies == anomalies {
            wire = prepared.bytes
        } else {
            wire = wireBytes(anomalies, bytes: bytes, controlID: controlID)
        }
        return exchange(wire, state: Self.state, answerOwed: answerOwed, echoJudged: echoJudged, bound: controlID,
                        headerIntact: headerIntact, meanwhile: meanwhile)
    }

    /// Writes exactly `bytes` (a replay) and judges the answer.
    func replay(_ bytes: [UInt8]) async -> CaseRun {
        exchange(bytes, state: Self.state)
    }

    func probe() async -> CaseRun {
        // A fresh connection: a device serving one connection at a time must be free for it.
        dropConnection()
        probeCount += 1
        let controlID = "P" + String(probeCount)
        let bytes = wireBytes([], bytes: space.validCase(), controlID: controlID)
        var run = exchange(bytes, state: "probe", bound: controlID, headerIntact: true)
        if run.failure == nil, let code = run.detail.split(separator: " ").last, !["AA", "CA"].contains(String(code)) {
            run.failure = .probeFailed
            run.detail = "the valid probe message was answered with \(code)"
        } else if let failure = run.failure {
            run.detail = "the valid probe message: \(failure.phrase): \(run.detail)"
            run.failure = .probeFailed
        }
        if run.failure != nil {
            dropConnection()
        }
        return run
    }

    private func connected() -> Result<BlockingMLLPChannel, TransportError> {
        if let channel { return .success(channel) }
        guard let address else { return .failure(.connectFailed(address: "?", reason: "no address to connect to")) }
        do {
            let link = try BlockingMLLPChannel.connect(to: address, timeout: timeouts.connect, maxFrameBytes: maxFrameBytes)
            channel = link
            sent = []
            return .success(link)
        } catch {
            return .failure(error)
        }
    }

    /// Writes one case and reads until its answer, a failure, or the response time is up.
    /// `meanwhile` runs once the case is written, while the device reads it.
    private func exchange(_ bytes: [UInt8], state: String, answerOwed: Bool = true, echoJudged: Bool = true,
                          bound: String? = nil, headerIntact: Bool = false, meanwhile: () -> Void = {}) -> CaseRun {
        let link: BlockingMLLPChannel
        switch connected() {
        case .success(let value): link = value
        case .failure(let error):
            return CaseRun(failure: .refused, detail: "could not connect: \(error)", state: state)
        }
        var run = CaseRun(failure: nil, detail: "", state: state, written: [bytes])
        do {
            try link.sendRaw(bytes)
        } catch {
            return dropped(run, .reset, "the write failed: \(error)")
        }
        // What the answer must say is worked out while the device reads the case.
        let echo: String?
        let owed: Owed
        if headerIntact, let bound {
            (echo, owed) = (bound, baseOwed)
        } else {
            let parsed = try? HL7Message.parse(HL7AnswerCheck.payload(of: bytes))
            (echo, owed) = (parsed?["MSH-10"], Self.owed(by: parsed))
        }
        meanwhile()
        // Only the IDs bound into cases mark strays: they are unique per case, where a mutated
        // MSH-10 may read the same in two cases (a shifted field makes the message type the
        // control ID).
        if let bound, !sent.contains(bound) { sent.append(bound) }
        while sent.count > 16 { sent.removeFirst() }
        // Only the answers owed whatever the device thinks of the case are waited for. When
        // more may come (MSH-16 ER or SU), or the frame was broken on purpose and the device's
        // framing state is unknown, the connection is dropped instead of waited out, so nothing
        // late can reach the next case and no case costs a grace period.
        // A frame without its end block (a case cut at FuzzModel.maxRenderedBytes loses it) is
        // never whole at the device either: it too is owed nothing.
        let answerOwed = answerOwed && bytes.suffix(2).elementsEqual([MLLP.endBlock, MLLP.carriageReturn])
        let sure = answerOwed ? owed.sure : 0
        let drain = !answerOwed || owed.maybe > owed.sure
        var answers = 0
        let started = clock.now()
        while answers < sure {
            let limit = timeouts.response
            let remaining = limit - (clock.now() - started)
            let event: MLLPEvent = remaining > .zero ? link.receive(timeout: remaining) : .timedOut(limit)
            switch event {
            case .frame(let payload):
                run.read.append(payload)
                let earlier = sent.filter { $0 != echo && $0 != bound }
                switch HL7AnswerCheck.judge(payload, echo: echoJudged ? echo : nil, earlier: earlier) {
                case .stray: continue
                case .fine(let code):
                    answers += 1
                    run.detail = answers == 1 ? "acknowledged with \(code)" : run.detail + " and \(code)"
                case .malformed(let reason): return dropped(run, .malformedAnswer, reason)
                case .wrong(let reason): return dropped(run, .wrongAnswer, reason)
                }
            case .problem(let problem):
                return dropped(run, .malformedAnswer, "broken MLLP framing: \(problem)")
            case .closed:
                return dropped(run, run.read.isEmpty ? .noAnswer : .reset, "the device closed the connection")
            case .timedOut:
                return dropped(run, .timeout, answers == 0
                    ? "no acknowledgement within \(timeouts.response.secondsWithMilliseconds) s"
                    : "only \(answers) of the \(sure) acknowledgements owed within \(timeouts.response.secondsWithMilliseconds) s")
            case .failed(let error):
                return dropped(run, .reset, "the connection failed: \(error)")
            }
        }
        if drain {
            return healthyButClosed(run, answerOwed ? nil : "sent; no answer is owed to a broken frame")
        }
        return run
    }

    /// The acknowledgements a receiver owes a message: `sure` whatever it thinks of the
    /// message, `maybe` if it accepts or rejects it (HL7 table 0155); a message that cannot be
    /// read is owed one reject.
    struct Owed: Sendable {
        var sure: Int
        var maybe: Int
    }

    static func owed(by message: HL7Message?) -> Owed {
        guard let message else { return Owed(sure: 1, maybe: 1) }
        let msh15 = message["MSH-15"] ?? ""
        let msh16 = message["MSH-16"] ?? ""
        let accepted = HL7AckExpectation.of(msh15: msh15, msh16: msh16, messageConforms: true).expected.count
        let rejected = HL7AckExpectation.of(msh15: msh15, msh16: msh16, messageConforms: false).expected.count
        return Owed(sure: min(accepted, rejected), maybe: max(accepted, rejected))
    }

    /// The exchange went well, but the connection is not kept.
    private func healthyButClosed(_ run: CaseRun, _ detail: String? = nil) -> CaseRun {
        var run = run
        if let detail { run.detail = detail }
        dropConnection()
        return run
    }

    /// Whether a start or end block sits inside the frame: the device cannot delimit such a
    /// frame (MLLP forbids those bytes in the payload), so no answer is owed to it.
    static func hasFramingBytesInside(_ bytes: [UInt8]) -> Bool {
        guard bytes.count > 3 else { return false }
        return bytes[1..<(bytes.count - 2)].contains { $0 == 0x0B || $0 == 0x1C }
    }

    /// Closes the connection; the next case connects again, and no answer on the old
    /// connection can be taken for one on the new.
    private func dropConnection() {
        channel?.close()
        channel = nil
        sent = []
    }

    /// Ends a failed exchange: the connection is not trusted for the next case.
    private func dropped(_ run: CaseRun, _ failure: FailureClass, _ detail: String) -> CaseRun {
        var run = run
        run.failure = failure
        run.detail = detail
        dropConnection()
        return run
    }
}
