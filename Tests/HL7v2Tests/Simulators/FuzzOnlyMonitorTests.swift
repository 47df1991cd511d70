import MedConformCore
import Testing
import Transports

@testable import HL7v2

/// The monitor's fuzz-only faults over real sockets on 127.0.0.1, with the test playing the
/// receiving system that sends mutated acknowledgements. Waits for a message are generous;
/// a wait that shows the monitor has gone quiet is 300 ms.
@Suite("Fuzz-only faults: the monitor over loopback", .timeLimit(.minutes(1)))
struct FuzzOnlyMonitorTests {
    static let messageWait: Duration = .seconds(5)
    static let silenceWait: Duration = .milliseconds(300)

    /// A monitor sending on one end of a loopback connection; the test holds the other end.
    struct Run {
        let harness: MLLPChannel
        let running: Task<HL7MonitorSimulator.RunEnd, Never>
        let log = SimTest.LogLines()

        init(_ monitor: HL7MonitorSimulator, count: Int) async throws {
            let (device, harness) = try await SimTest.loopbackPair()
            self.harness = harness
            let log = self.log
            // The monitor waits long for each acknowledgement: a slow machine must not turn a
            // late answer into a missing one.
            running = Task { await monitor.run(on: device, count: count, responseTimeout: .seconds(10), log: log.append) }
        }

        /// The next message from the monitor, or nil (with an issue) when something else comes.
        func nextMessage(sourceLocation: Testing.SourceLocation = #_sourceLocation) async -> [UInt8]? {
            let event = await harness.receive(timeout: FuzzOnlyMonitorTests.messageWait)
            guard case .frame(let payload) = event else {
                Issue.record("expected a message, got \(event)", sourceLocation: sourceLocation)
                return nil
            }
            return payload
        }
    }

    static func isReset(_ event: MLLPEvent) -> Bool {
        if case .failed(.reset) = event { true } else { false }
    }

    // MARK: - crash-on-ack-escape

    @Test("crash-on-ack-escape: a malformed escape in MSA-3 resets the connection and ends the run")
    func crash() async throws {
        let monitor = HL7MonitorSimulator(seed: 12, faults: [.crashOnAckEscape])
        let run = try await Run(monitor, count: 5)
        let first = try #require(await run.nextMessage())
        try await run.harness.send(FuzzSamples.ack(for: first, code: "AE", msa3: "well formed \\X41\\"))
        let second = try #require(await run.nextMessage())
        try await run.harness.send(FuzzSamples.ack(for: second, code: "AE", msa3: "malformed \\X4\\"))
        let event = await run.harness.receive(timeout: Self.messageWait)
        #expect(Self.isReset(event), "\(event)")
        #expect(await run.running.value == .crashed)
        #expect(run.log.all.contains { $0.contains("crashing") })
        await run.harness.close()
    }

    @Test("crash-on-ack-escape: an unknown escape letter in an ERR field crashes it too")
    func crashOnERR() async throws {
        let run = try await Run(HL7MonitorSimulator(seed: 12, faults: [.crashOnAckEscape]), count: 3)
        let first = try #require(await run.nextMessage())
        try await run.harness.send(FuzzSamples.ack(for: first, code: "AE", err8: "detail \\Q\\"))
        let event = await run.harness.receive(timeout: Self.messageWait)
        #expect(Self.isReset(event), "\(event)")
        #expect(await run.running.value == .crashed)
        await run.harness.close()
    }

    @Test("without the fault, the same acknowledgements let the run finish")
    func noCrashWithoutTheFault() async throws {
        let run = try await Run(HL7MonitorSimulator(seed: 12, faults: [.hangOnAckRedeclaration]), count: 3)
        for _ in 0..<3 {
            let message = try #require(await run.nextMessage())
            try await run.harness.send(FuzzSamples.ack(for: message, code: "AE", msa3: "malformed \\X4\\", err8: "\\Q\\"))
        }
        #expect(await run.harness.receive(timeout: Self.messageWait) == .closed)
        #expect(await run.running.value == .finished)
        await run.harness.close()
    }

    // MARK: - hang-on-ack-redeclaration

    @Test("hang-on-ack-redeclaration: the monitor goes quiet with the connection open, until the peer closes it")
    func hang() async throws {
        let monitor = HL7MonitorSimulator(seed: 12, faults: [.hangOnAckRedeclaration])
        let run = try await Run(monitor, count: 5)
        let first = try #require(await run.nextMessage())
        try await run.harness.send(FuzzSamples.ack(for: first))
        let second = try #require(await run.nextMessage())
        try await run.harness.send(FuzzSamples.ack(for: second, encodingCharacters: "^~\\&#"))
        // Quiet, open, and deaf: even a proper acknowledgement does not wake it.
        let quiet = await run.harness.receive(timeout: Self.silenceWait)
        #expect({ if case .timedOut = quiet { true } else { false } }(), "\(quiet)")
        try await run.harness.send(FuzzSamples.ack(for: second))
        let still = await run.harness.receive(timeout: Self.silenceWait)
        #expect({ if case .timedOut = still { true } else { false } }(), "\(still)")
        await run.harness.close()
        #expect(await run.running.value == .peerClosed)
        #expect(run.log.all.contains { $0.contains("hanging") })
    }

    @Test("hang-on-ack-redeclaration: a hung monitor stops when cancelled")
    func hangCancelled() async throws {
        let run = try await Run(HL7MonitorSimulator(seed: 12, faults: [.hangOnAckRedeclaration]), count: 5)
        let first = try #require(await run.nextMessage())
        try await run.harness.send(FuzzSamples.ack(for: first, encodingCharacters: "^~!&"))
        let quiet = await run.harness.receive(timeout: Self.silenceWait)
        #expect({ if case .timedOut = quiet { true } else { false } }(), "\(quiet)")
        run.running.cancel()
        #expect(await run.running.value == .cancelled)
        #expect(await run.harness.receive(timeout: Self.messageWait) == .closed)
        await run.harness.close()
    }

    // MARK: - long campaigns

    @Test("a run with an unbounded count sends for as long as acknowledgements come")
    func endlessRun() async throws {
        let monitor = HL7MonitorSimulator(seed: 12, faults: [.crashOnAckEscape, .hangOnAckRedeclaration])
        let run = try await Run(monitor, count: .max)
        for index in 0..<200 {
            let message = try #require(await run.nextMessage())
            #expect(try SimTest.parse(message)["MSH-10"] == monitor.controlID(index: index))
            try await run.harness.send(FuzzSamples.ack(for: message))
        }
        _ = try #require(await run.nextMessage())
        await run.harness.close()
        #expect(await run.running.value == .peerClosed)
    }

    @Test("the last message of the longest run is hardly larger than the first, and still parses")
    func messageSizeDoesNotGrowWithTheIndex() throws {
        let monitor = HL7MonitorSimulator(seed: 12)
        let first = monitor.message(index: 0)
        let last = monitor.message(index: .max)
        // Only the digits of the index and of the years in the time stamps grow.
        #expect(last.count < first.count + 128, "\(first.count) then \(last.count) bytes")
        #expect(try SimTest.parse(last)["MSH-10"] == monitor.controlID(index: .max))
    }
}
