import MedConformCore
import Testing
import Transports

@testable import HL7v2

/// The gateway's fuzz-only faults over real sockets on 127.0.0.1, as a campaign sees them.
/// A wait for an answer is generous; a wait that shows there is none is 300 ms, so a slow
/// machine can make these tests slower but never make them pass wrongly.
@Suite("Fuzz-only faults: the gateway over loopback", .timeLimit(.minutes(1)))
struct FuzzOnlyGatewayTests {
    static let answerWait: Duration = .seconds(5)
    static let silenceWait: Duration = .milliseconds(300)

    /// A gateway serving one connection after another on its own listener, as DeviceLink runs it.
    /// The host leaves the listener to the gateway until ``stop()``: closing it on a crash is
    /// the gateway's part, under test here.
    struct Host {
        let address: NetworkAddress
        let listener: TCPListener
        let serving: Task<HL7GatewaySimulator.ServeEnd?, Never>
        let log = SimTest.LogLines()

        init(_ gateway: HL7GatewaySimulator) async throws {
            let listener = try await TCP.listen(on: NetworkAddress(host: "127.0.0.1", port: 0))
            self.listener = listener
            address = NetworkAddress(host: "127.0.0.1", port: listener.port)
            let log = self.log
            serving = Task { try? await gateway.serveConnections(on: listener, maxFrameBytes: 1 << 20, log: log.append) }
        }

        func connect() async throws -> MLLPChannel {
            MLLPChannel(connection: try await TCP.connect(to: address, timeout: .seconds(5)), maxFrameBytes: 1 << 20)
        }

        func stop() async {
            serving.cancel()
            _ = await serving.value
            await listener.close()
        }
    }

    /// The next event that is not a framing problem.
    static func next(_ channel: MLLPChannel, within limit: Duration) async -> MLLPEvent {
        let deadline = ContinuousClock.now + limit
        while true {
            let event = await channel.receive(timeout: max(.zero, deadline - .now))
            if case .problem = event { continue }
            return event
        }
    }

    /// Sends `payload` and returns the answer, recording an issue when none comes.
    static func answer(to payload: [UInt8], on channel: MLLPChannel,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> [UInt8] {
        try await channel.send(payload)
        let event = await next(channel, within: answerWait)
        guard case .frame(let bytes) = event else {
            Issue.record("expected an answer, got \(event)", sourceLocation: sourceLocation)
            throw TransportError.timeout(limit: answerWait)
        }
        return bytes
    }

    /// Sends a valid report and expects it acknowledged AA with its control ID echoed: the
    /// probe a campaign sends after each case.
    static func probe(_ index: Int, on channel: MLLPChannel, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        let payload = FuzzSamples.valid(index)
        let ack = try SimTest.parse(try await answer(to: payload, on: channel, sourceLocation: sourceLocation))
        #expect(ack["MSA-1"] == "AA", sourceLocation: sourceLocation)
        #expect(ack["MSA-2"] == FuzzSamples.monitor.controlID(index: index), sourceLocation: sourceLocation)
    }

    /// Sends `payload` and expects nothing back for ``silenceWait``, the connection open.
    static func expectSilence(after payload: [UInt8], on channel: MLLPChannel,
                              sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        try await channel.send(payload)
        let event = await next(channel, within: silenceWait)
        guard case .timedOut = event else {
            Issue.record("expected no answer and the connection open, got \(event)", sourceLocation: sourceLocation)
            return
        }
    }

    static func isReset(_ event: MLLPEvent) -> Bool {
        if case .failed(.reset) = event { true } else { false }
    }

    // MARK: - crash-on-hex-escape

    @Test("crash-on-hex-escape: the connection is reset, then every connection is refused until a restart")
    func crash() async throws {
        let gateway = HL7GatewaySimulator(seed: 5, faults: [.crashOnHexEscape])
        let host = try await Host(gateway)
        let client = try await host.connect()
        try await Self.probe(0, on: client)
        // A well-formed hex escape is answered as usual.
        _ = try await Self.answer(to: FuzzSamples.modelNumber("MODEL \\X41\\", index: 1), on: client)
        try await client.send(FuzzSamples.modelNumber("MODEL \\X4\\", index: 2))
        let event = await Self.next(client, within: Self.answerWait)
        #expect(Self.isReset(event), "\(event)")
        await client.close()

        // The host stopped and closed its listener on its own: the port now refuses.
        #expect(await host.serving.value == .crashed)
        await #expect {
            _ = try await TCP.connect(to: host.address, timeout: .seconds(5))
        } throws: { error in
            if case TransportError.connectFailed = error { true } else { false }
        }
        #expect(host.log.all.contains { $0.contains("crashing") })
        await host.stop()

        // The crashed instance stays down even where a host hands it a connection anyway.
        let (peer, side) = try await SimTest.loopbackPair()
        #expect(await gateway.serve(side, log: { _ in }) == .crashed)
        let refused = await Self.next(peer, within: Self.answerWait)
        #expect(Self.isReset(refused) || refused == .closed, "\(refused)")
        await peer.close()

        // Restarting is making a new instance: it serves again.
        let restarted = try await Host(HL7GatewaySimulator(seed: 5, faults: [.crashOnHexEscape]))
        let again = try await restarted.connect()
        try await Self.probe(3, on: again)
        await again.close()
        await restarted.stop()
    }

    // MARK: - hang-on-delimiter-redeclaration

    @Test("hang-on-delimiter-redeclaration: nothing more on that connection; the next one is served")
    func hang() async throws {
        let gateway = HL7GatewaySimulator(seed: 5, faults: [.hangOnDelimiterRedeclaration])
        let host = try await Host(gateway)
        let client = try await host.connect()
        try await Self.probe(0, on: client)
        try await Self.expectSilence(after: FuzzSamples.declaring("^~\\&#", index: 1), on: client)
        // Hung: even a valid report is read and ignored.
        try await Self.expectSilence(after: FuzzSamples.valid(2), on: client)
        await client.close()

        let next = try await host.connect()
        try await Self.probe(3, on: next)
        // A redeclaration the parser refuses: the fault-free gateway rejects it with AR,
        // the faulty one says nothing.
        try await Self.expectSilence(after: FuzzSamples.declaring("^^\\&", index: 4), on: next)
        await next.close()
        await host.stop()

        let (clean, side) = try await SimTest.loopbackPair()
        let serving = Task { await HL7GatewaySimulator(seed: 5).serve(side, log: { _ in }) }
        let rejection = try SimTest.parse(try await Self.answer(to: FuzzSamples.declaring("^^\\&", index: 4), on: clean))
        #expect(rejection["MSA-1"] == "AR")
        await clean.close()
        #expect(await serving.value == .closed)
    }

    @Test("hang-on-delimiter-redeclaration: the hung connection ends when the peer closes it")
    func hangEndsWithThePeer() async throws {
        let gateway = HL7GatewaySimulator(seed: 5, faults: [.hangOnDelimiterRedeclaration])
        let (client, side) = try await SimTest.loopbackPair()
        let log = SimTest.LogLines()
        let serving = Task { await gateway.serve(side, log: log.append) }
        try await Self.expectSilence(after: FuzzSamples.declaring("^~!&"), on: client)
        await client.close()
        #expect(await serving.value == .closed)
        #expect(log.all.contains { $0.contains("hanging") })
    }

    // MARK: - garbled-ack-on-long-component

    @Test("garbled-ack-on-long-component: an unparseable answer, and the connection stays usable")
    func garbled() async throws {
        let gateway = HL7GatewaySimulator(seed: 5, faults: [.garbledAckOnLongComponent])
        let (client, side) = try await SimTest.loopbackPair()
        let serving = Task { await gateway.serve(side, log: { _ in }) }
        let limit = HL7GatewaySimulator.longComponentBytes
        let garbled = try await Self.answer(to: FuzzSamples.modelNumber(String(repeating: "M", count: limit + 1)), on: client)
        #expect(throws: HL7ParseError.self) { try HL7Message.parse(garbled) }
        let fine = try await Self.answer(to: FuzzSamples.modelNumber(String(repeating: "M", count: limit), index: 1), on: client)
        #expect(try SimTest.parse(fine)["MSA-2"] == FuzzSamples.monitor.controlID(index: 1))
        try await Self.probe(2, on: client)
        await client.close()
        #expect(await serving.value == .closed)
    }

    // MARK: - wrong-echo-on-many-repetitions

    @Test("wrong-echo-on-many-repetitions: a parseable acknowledgement that echoes another control ID")
    func wrongEcho() async throws {
        let gateway = HL7GatewaySimulator(seed: 5, faults: [.wrongEchoOnManyRepetitions])
        let (client, side) = try await SimTest.loopbackPair()
        let serving = Task { await gateway.serve(side, log: { _ in }) }
        let wrong = try SimTest.parse(try await Self.answer(to: FuzzSamples.patientIDs(9), on: client))
        #expect(wrong["MSA-2"] != FuzzSamples.monitor.controlID(index: 0))
        #expect(["AA", "AE"].contains(wrong["MSA-1"] ?? ""))
        let right = try SimTest.parse(try await Self.answer(to: FuzzSamples.patientIDs(8, index: 1), on: client))
        #expect(right["MSA-2"] == FuzzSamples.monitor.controlID(index: 1))
        try await Self.probe(2, on: client)
        await client.close()
        #expect(await serving.value == .closed)
    }

    // MARK: - stall-after-oversize

    @Test("stall-after-oversize: from the third message over 16 KiB on, nothing is answered, on any connection")
    func stall() async throws {
        let gateway = HL7GatewaySimulator(seed: 5, faults: [.stallAfterOversize])
        let host = try await Host(gateway)
        let oversize = HL7GatewaySimulator.oversizeBytes + 1
        let first = try await host.connect()
        _ = try await Self.answer(to: FuzzSamples.sized(oversize, index: 0), on: first)
        _ = try await Self.answer(to: FuzzSamples.sized(oversize, index: 1), on: first)
        try await Self.probe(2, on: first)
        await first.close()

        let second = try await host.connect()
        try await Self.probe(3, on: second)
        try await Self.expectSilence(after: FuzzSamples.sized(oversize, index: 4), on: second)
        try await Self.expectSilence(after: FuzzSamples.valid(5), on: second)
        await second.close()

        // Still accepting and reading, never answering.
        let third = try await host.connect()
        try await Self.expectSilence(after: FuzzSamples.valid(6), on: third)
        await third.close()
        await host.stop()

        // A new instance has seen no oversize message.
        let restarted = try await Host(HL7GatewaySimulator(seed: 5, faults: [.stallAfterOversize]))
        let fresh = try await restarted.connect()
        _ = try await Self.answer(to: FuzzSamples.sized(oversize, index: 7), on: fresh)
        try await Self.probe(8, on: fresh)
        await fresh.close()
        await restarted.stop()
    }

    @Test("stall-after-oversize: messages of exactly 16 KiB never stall the gateway")
    func noStallAtTheLimit() async throws {
        let gateway = HL7GatewaySimulator(seed: 5, faults: [.stallAfterOversize])
        let (client, side) = try await SimTest.loopbackPair()
        let serving = Task { await gateway.serve(side, log: { _ in }) }
        for index in 0..<4 {
            _ = try await Self.answer(to: FuzzSamples.sized(HL7GatewaySimulator.oversizeBytes, index: index), on: client)
        }
        try await Self.probe(4, on: client)
        await client.close()
        #expect(await serving.value == .closed)
    }
}
