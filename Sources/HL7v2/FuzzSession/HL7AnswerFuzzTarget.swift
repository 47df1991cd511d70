import FuzzCore
import MedConformCore
import Transports

/// The receiver-role campaign's view of a sending device (or the monitor simulator): the
/// device sends a message, the case is the acknowledgement the harness answers with, and the
/// device's health shows in whether its next message comes, in time and well formed.
///
/// MSA-2 of every acknowledgement is bound to the control ID of the message it answers (a
/// session variable captured from the device), so only the case's anomalies are wrong.
final class HL7AnswerFuzzTarget: FuzzTarget {
    let space: CaseSpace
    let target: TargetDefinition
    let settle: Duration
    let clock: MonotonicClock
    let log: @Sendable (String) -> Void
    /// The delimiters of the base acknowledgement, in which the bound control ID is escaped.
    private let acknowledgementDelimiters: HL7Delimiters
    private var listener: TCPListener?
    private var simulator: Task<Void, Never>?
    private var channel: MLLPChannel?
    /// The device's message waiting for the harness's answer.
    private var pending: HL7Message?

    static let state = "awaiting the next message"

    init(space: CaseSpace, target: TargetDefinition, settle: Duration, clock: MonotonicClock, log: @escaping @Sendable (String) -> Void) {
        self.space = space
        self.target = target
        self.settle = settle
        self.clock = clock
        self.log = log
        acknowledgementDelimiters = (try? HL7Message.parse(HL7AnswerCheck.payload(of: space.validCase())))?.delimiters ?? .standard
    }

    func restart() async -> String? {
        await channel?.close()
        channel = nil
        pending = nil
        simulator?.cancel()
        simulator = nil
        if case .simulator = target.endpoint {} else if settle > .zero { try? await clock.sleep(settle) }
        do {
            channel = try await open()
        } catch {
            return "no connection with the device: \(error)"
        }
        guard let link = channel else { return "no connection with the device" }
        switch await nextMessage(link) {
        case .success(let message):
            pending = message
            return nil
        case .failure(let failure):
            return "the device sent no first message: \(failure.detail)"
        }
    }

    func close() async {
        await channel?.close()
        channel = nil
        simulator?.cancel()
        simulator = nil
        await listener?.close()
        listener = nil
    }

    /// A connection with the device: the simulator or the device connects to the harness, or
    /// the harness connects to a device that listens.
    private func open() async throws(TransportError) -> MLLPChannel {
        let timeouts = target.timeouts
        switch target.endpoint {
        case .simulator(let selection):
            let listener = try await listening(on: NetworkAddress(host: "127.0.0.1", port: 0))
            let address = NetworkAddress(host: "127.0.0.1", port: listener.port)
            let monitor = HL7MonitorSimulator(seed: selection.seed, faults: selection.faults.compactMap(HL7MonitorFault.init(rawValue:)))
            let log = log
            simulator = Task {
                guard let connection = try? await TCP.connect(to: address, timeout: timeouts.connect) else { return }
                let channel = MLLPChannel(connection: connection, maxFrameBytes: 16 << 20)
                _ = await monitor.run(on: channel, count: Int.max, responseTimeout: timeouts.response, log: log)
                await channel.close()
            }
            return MLLPChannel(connection: try await listener.accept(timeout: timeouts.connect), maxFrameBytes: target.maxFrameBytes)
        case .listen(let address):
            let listener = try await listening(on: address)
            return MLLPChannel(connection: try await listener.accept(timeout: timeouts.idle), maxFrameBytes: target.maxFrameBytes)
        case .connect(let address):
            return MLLPChannel(connection: try await TCP.connect(to: address, timeout: timeouts.connect), maxFrameBytes: target.maxFrameBytes)
        }
    }

    private func listening(on address: NetworkAddress) async throws(TransportError) -> TCPListener {
        if let listener { return listener }
        let opened = try await TCP.listen(on: address)
        listener = opened
        return opened
    }

    /// The acknowledgement of `message` with the case's anomalies; `anomalies` nil writes
    /// `bytes` as they are (a replay).
    func wireBytes(_ anomalies: [Anomaly]?, bytes: [UInt8], answering message: HL7Message?) -> [UInt8] {
        guard let anomalies else { return bytes }
        guard let control = message?["MSH-10"] else { return space.model.render(anomalies: anomalies) }
        // The device's control ID, escaped for the acknowledgement's own delimiters.
        let echo = HL7Escaping.escape(control, delimiters: acknowledgementDelimiters)
        return space.model.render(anomalies: anomalies, bindings: [LeafBinding(path: "MSA.2[1].1.1", bytes: echo)])
    }

    func run(_ anomalies: [Anomaly], bytes: [UInt8], index: UInt64, meanwhile: () -> Void) async -> CaseRun {
        await answer(wireBytes(anomalies, bytes: bytes, answering: pending), state: Self.state, meanwhile: meanwhile)
    }

    /// Answers the waiting message with exactly `bytes` (a replay).
    func replay(_ bytes: [UInt8]) async -> CaseRun {
        await answer(bytes, state: Self.state)
    }

    func probe() async -> CaseRun {
        var run = await answer(wireBytes([], bytes: space.validCase(), answering: pending), state: "probe")
        if let failure = run.failure {
            run.detail = "after a valid acknowledgement: \(failure.phrase): \(run.detail)"
            run.failure = .probeFailed
        }
        return run
    }

    /// `meanwhile` runs once the answer is written, while the device reads it.
    private func answer(_ bytes: [UInt8], state: String, meanwhile: () -> Void = {}) async -> CaseRun {
        guard let link = channel, pending != nil else {
            return CaseRun(failure: .refused, detail: "the device is not connected", state: state)
        }
        var run = CaseRun(failure: nil, detail: "", state: state, written: [bytes])
        do {
            try await link.sendRaw(bytes)
        } catch {
            return await lost(run, .reset, "the write failed: \(error)")
        }
        meanwhile()
        switch await nextMessage(link) {
        case .success(let message):
            run.read.append(message.bytes)
            run.detail = "the device sent its next message"
            pending = message
            return run
        case .failure(let failure):
            run.read += failure.read
            return await lost(run, failure.failure, failure.detail)
        }
    }

    private struct Failure: Error {
        var failure: FailureClass
        var detail: String
        var read: [[UInt8]] = []
    }

    /// The device's next message within the idle time.
    private func nextMessage(_ link: MLLPChannel) async -> Result<HL7Message, Failure> {
        let limit = target.timeouts.idle
        switch await link.receive(timeout: limit) {
        case .frame(let payload):
            do {
                return .success(try HL7Message.parse(payload))
            } catch {
                return .failure(Failure(failure: .malformedAnswer, detail: "\(payload.count) bytes that are not an HL7 message: \(error)", read: [payload]))
            }
        case .problem(let problem):
            return .failure(Failure(failure: .malformedAnswer, detail: "broken MLLP framing: \(problem)"))
        case .closed:
            return .failure(Failure(failure: .noAnswer, detail: "the device closed the connection"))
        case .timedOut:
            return .failure(Failure(failure: .timeout, detail: "no next message within \(limit.secondsWithMilliseconds) s"))
        case .failed(let error):
            return .failure(Failure(failure: .reset, detail: "the connection failed: \(error)"))
        }
    }

    private func lost(_ run: CaseRun, _ failure: FailureClass, _ detail: String) async -> CaseRun {
        var run = run
        run.failure = failure
        run.detail = detail
        await channel?.close()
        channel = nil
        pending = nil
        return run
    }
}
