import MedConformCore
import Testing
import Transports

@testable import HL7v2

/// The simulators and the channel over real sockets on 127.0.0.1, with short, bounded waits.
@Suite("Simulators over loopback MLLP", .timeLimit(.minutes(1)))
struct LoopbackTests {
    /// Runs `monitor` against a receiver that answers every frame with AA; returns the
    /// receiver's events and the monitor's log.
    static func runMonitor(_ monitor: HL7MonitorSimulator, count: Int, receiverMaxFrame: Int = 1 << 20,
                           acknowledge: Bool = true) async throws -> (events: [MLLPEvent], log: [String]) {
        let (deviceSide, harnessSide) = try await SimTest.loopbackPair(serverMaxFrame: receiverMaxFrame)
        let log = SimTest.LogLines()
        // Generous when the harness answers (a loaded CI machine must not turn a slow answer
        // into a missing one); short when it stays silent, since then the wait is the test.
        let sending = Task { await monitor.run(on: deviceSide, count: count, responseTimeout: acknowledge ? .seconds(10) : .milliseconds(300), log: log.append) }
        let events = await SimTest.events(from: harnessSide) { event in
            if acknowledge, case .frame(let payload) = event {
                try? await harnessSide.send(SimTest.acceptAck(for: payload))
            }
        }
        _ = await sending.value
        await harnessSide.close()
        return (events, log.all)
    }

    @Test("the monitor sends its messages, waits for each acknowledgement, then closes")
    func monitorRun() async throws {
        let monitor = HL7MonitorSimulator(seed: 8)
        let (events, log) = try await Self.runMonitor(monitor, count: 3)
        #expect(SimTest.frames(events) == (0..<3).map { monitor.message(index: $0) })
        #expect(SimTest.problems(events).isEmpty)
        #expect(events.last == .closed)
        #expect(log.filter { $0.contains("acknowledged with AA") }.count == 3)
    }

    @Test("without acknowledgements the monitor waits its response timeout, then goes on")
    func monitorWithoutAcknowledgements() async throws {
        let monitor = HL7MonitorSimulator(seed: 8)
        let (events, log) = try await Self.runMonitor(monitor, count: 2, acknowledge: false)
        #expect(SimTest.frames(events).count == 2)
        #expect(log.filter { $0.contains("no acknowledgement") }.count == 2)
    }

    @Test("broken-framing: garbage before each frame and LF after the end block, frames still delivered")
    func brokenFraming() async throws {
        let monitor = HL7MonitorSimulator(seed: 8, faults: [.brokenFraming])
        let (events, _) = try await Self.runMonitor(monitor, count: 2)
        #expect(SimTest.frames(events) == (0..<2).map { monitor.message(index: $0) })
        let problems = SimTest.problems(events)
        #expect(problems.contains { if case .bytesOutsideFrame = $0 { true } else { false } })
        #expect(problems.contains { if case .missingCarriageReturnAfterEndBlock = $0 { true } else { false } })
    }

    @Test("oversize-frame: the receiver reports frameTooLarge and still gets every message")
    func oversizeFrame() async throws {
        let monitor = HL7MonitorSimulator(seed: 8, faults: [.oversizeFrame], oversizeNoteBytes: 8192)
        let (events, _) = try await Self.runMonitor(monitor, count: 3, receiverMaxFrame: 4096)
        #expect(SimTest.frames(events) == (0..<3).map { monitor.message(index: $0) })
        let problems = SimTest.problems(events)
        #expect(problems.count == 1)
        #expect(problems.contains { if case .frameTooLarge(limit: 4096, _) = $0 { true } else { false } })
    }

    @Test("drop-connection: the second frame is cut off, reported as truncated, then closed")
    func dropConnection() async throws {
        let monitor = HL7MonitorSimulator(seed: 8, faults: [.dropConnection])
        let (events, _) = try await Self.runMonitor(monitor, count: 3)
        #expect(SimTest.frames(events) == [monitor.message(index: 0)])
        #expect(SimTest.problems(events).contains { if case .truncatedAtEndOfStream = $0 { true } else { false } })
        #expect(events.last == .closed)
    }

    /// Sends each payload to a gateway serving the other end and collects what comes back for
    /// each, waiting at most `wait` per message.
    static func exchange(_ gateway: HL7GatewaySimulator, _ payloads: [[UInt8]], wait: Duration = .seconds(2),
                         settle: Bool = true) async throws -> (replies: [[MLLPEvent]], log: [String]) {
        let (harnessSide, gatewaySide) = try await SimTest.loopbackPair()
        let log = SimTest.LogLines()
        let serving = Task { await gateway.serve(gatewaySide, log: log.append) }
        var replies: [[MLLPEvent]] = []
        for payload in payloads {
            try? await harnessSide.send(payload)
            var events: [MLLPEvent] = []
            var deadline = ContinuousClock.now + wait
            collecting: while ContinuousClock.now < deadline {
                let event = await harnessSide.receive(timeout: deadline - .now)
                events.append(event)
                switch event {
                case .frame:
                    // Two acknowledgements may be owed; take a second one if it follows soon.
                    if !settle { break collecting }
                    deadline = min(deadline, ContinuousClock.now + .milliseconds(150))
                    continue
                case .problem: continue
                default: break collecting
                }
            }
            replies.append(events)
        }
        await harnessSide.close()
        _ = await serving.value
        return (replies, log.all)
    }

    @Test("the gateway acknowledges each message on the connection it came on")
    func gatewayServes() async throws {
        let monitor = HL7MonitorSimulator(seed: 2)
        let gateway = HL7GatewaySimulator(seed: 4)
        let payloads = (0..<3).map { monitor.message(index: $0) }
        let (replies, log) = try await Self.exchange(gateway, payloads, wait: .seconds(3))
        for (index, events) in replies.enumerated() {
            let frames = SimTest.frames(events)
            try #require(frames.count == 1)
            #expect(frames[0] == gateway.respond(to: payloads[index], index: index)[0])
            #expect(try SimTest.parse(frames[0])["MSA-2"] == monitor.controlID(index: index))
        }
        #expect(log.contains { $0.contains("sender closed the connection after 3 messages") })
    }

    @Test("the gateway skips framing problems and answers the next good frame")
    func gatewayResynchronises() async throws {
        let (harnessSide, gatewaySide) = try await SimTest.loopbackPair()
        let gateway = HL7GatewaySimulator(seed: 4)
        let serving = Task { await gateway.serve(gatewaySide, log: { _ in }) }
        let payload = HL7MonitorSimulator(seed: 2).message(index: 0)
        try await harnessSide.sendRaw(Array("junk".utf8) + MLLP.frame(payload))
        let event = await harnessSide.receive(timeout: .seconds(5))
        guard case .frame(let ack) = event else {
            Issue.record("expected an acknowledgement, got \(event)")
            await harnessSide.close()
            return
        }
        #expect(try SimTest.parse(ack)["MSA-1"] == "AA")
        await harnessSide.close()
        _ = await serving.value
    }

    @Test("late-ack answers only after the injected delay")
    func lateAck() async throws {
        let gateway = HL7GatewaySimulator(seed: 4, faults: [.lateAck], lateBy: .milliseconds(600))
        let (harnessSide, gatewaySide) = try await SimTest.loopbackPair()
        let serving = Task { await gateway.serve(gatewaySide, log: { _ in }) }
        try await harnessSide.send(HL7MonitorSimulator(seed: 2).message(index: 0))
        #expect(await harnessSide.receive(timeout: .milliseconds(200)) == .timedOut(.milliseconds(200)))
        let late = await harnessSide.receive(timeout: .seconds(5))
        guard case .frame(let ack) = late else {
            Issue.record("expected the late acknowledgement, got \(late)")
            await harnessSide.close()
            return
        }
        #expect(try SimTest.parse(ack)["MSA-1"] == "AA")
        await harnessSide.close()
        _ = await serving.value
    }

    @Test("late-ack drops a late answer once the sender has moved on to its next message")
    func lateAckAfterMovingOn() async throws {
        let gateway = HL7GatewaySimulator(seed: 4, faults: [.lateAck], lateBy: .milliseconds(400))
        let (harnessSide, gatewaySide) = try await SimTest.loopbackPair()
        let serving = Task { await gateway.serve(gatewaySide, log: { _ in }) }
        let monitor = HL7MonitorSimulator(seed: 2)
        try await harnessSide.send(monitor.message(index: 0))
        #expect(await harnessSide.receive(timeout: .milliseconds(100)) == .timedOut(.milliseconds(100)))
        try await harnessSide.send(monitor.message(index: 1))
        let event = await harnessSide.receive(timeout: .seconds(5))
        guard case .frame(let ack) = event else {
            Issue.record("expected the late acknowledgement of message 1, got \(event)")
            await harnessSide.close()
            return
        }
        #expect(try SimTest.parse(ack)["MSA-2"] == monitor.controlID(index: 1))
        await harnessSide.close()
        _ = await serving.value
    }

    @Test("broken-ack-framing: the sender sees framing problems around each acknowledgement")
    func brokenAckFraming() async throws {
        let gateway = HL7GatewaySimulator(seed: 4, faults: [.brokenAckFraming])
        let payload = HL7MonitorSimulator(seed: 2).message(index: 0)
        let (replies, _) = try await Self.exchange(gateway, [payload, payload], wait: .seconds(3))
        let all = replies.flatMap { $0 }
        #expect(SimTest.frames(all).count == 2)
        let problems = SimTest.problems(all)
        #expect(problems.contains { if case .missingCarriageReturnAfterEndBlock = $0 { true } else { false } })
        #expect(problems.contains { if case .bytesOutsideFrame = $0 { true } else { false } })
    }

    @Test("drop-before-ack: the gateway answers the first message and closes on the second")
    func gatewayDrop() async throws {
        let gateway = HL7GatewaySimulator(seed: 4, faults: [.dropBeforeAck])
        let payload = HL7MonitorSimulator(seed: 2).message(index: 0)
        let (replies, _) = try await Self.exchange(gateway, [payload, payload], wait: .seconds(2), settle: false)
        #expect(SimTest.frames(replies[0]).count == 1)
        #expect(replies[1] == [.closed])
    }

    @Test("no-ack: nothing comes back within the wait")
    func noAck() async throws {
        let gateway = HL7GatewaySimulator(seed: 4, faults: [.noAck])
        let (replies, _) = try await Self.exchange(gateway, [HL7MonitorSimulator(seed: 2).message(index: 0)], wait: .milliseconds(300))
        #expect(replies[0].count == 1)
        #expect(replies[0].allSatisfy { if case .timedOut = $0 { true } else { false } })
    }

    @Test("the gateway stops after its idle limit")
    func gatewayIdleLimit() async throws {
        let (harnessSide, gatewaySide) = try await SimTest.loopbackPair()
        let log = SimTest.LogLines()
        let gateway = HL7GatewaySimulator(seed: 4, idleLimit: .milliseconds(200))
        await gateway.serve(gatewaySide, log: log.append)
        #expect(log.all.contains { $0.contains("nothing received") })
        #expect(await harnessSide.receive(timeout: .seconds(5)) == .closed)
    }

    @Test("a channel reports the peer closing once everything before it was delivered, every time asked")
    func channelEnd() async throws {
        let (a, b) = try await SimTest.loopbackPair()
        try await a.send(Array("MSH|^~\\&|x".utf8))
        try await a.sendRaw([MLLP.startBlock, 0x41])
        await a.close()
        #expect(await b.receive(timeout: .seconds(5)) == .frame(Array("MSH|^~\\&|x".utf8)))
        #expect(await b.receive(timeout: .seconds(5)) == .problem(.truncatedAtEndOfStream(bufferedBytes: 1)))
        #expect(await b.receive(timeout: .seconds(5)) == .closed)
        #expect(await b.receive(timeout: .seconds(5)) == .closed)
        await b.close()
        #expect(await b.receive(timeout: .seconds(1)) == .closed)
        await #expect(throws: TransportError.closed) { try await b.send([0x41]) }
    }

    @Test("a channel times out without losing the frame that arrives later")
    func channelTimeout() async throws {
        let (a, b) = try await SimTest.loopbackPair()
        #expect(await b.receive(timeout: .milliseconds(50)) == .timedOut(.milliseconds(50)))
        try await a.sendRaw([MLLP.startBlock, 0x41])
        #expect(await b.receive(timeout: .milliseconds(100)) == .timedOut(.milliseconds(100)))
        try await a.sendRaw([0x42, MLLP.endBlock, MLLP.carriageReturn])
        #expect(await b.receive(timeout: .seconds(5)) == .frame([0x41, 0x42]))
        #expect(a.remote.hasPrefix("127.0.0.1:"))
        await a.close()
        await b.close()
    }

    @Test("simulate(): the monitor connects to a listening receiver and sends the count asked")
    func simulateMonitor() async throws {
        let listener = try await TCP.listen(on: NetworkAddress(host: "127.0.0.1", port: 0))
        let request = SimulationRequest(
            simulator: SimulatorSelection(name: "hl7-monitor", faults: [], seed: 6),
            endpoint: .connect(NetworkAddress(host: "127.0.0.1", port: listener.port)), count: 2,
            timeouts: Timeouts(connect: .seconds(5), response: .milliseconds(500), idle: .seconds(5)))
        let running = Task { try await HL7Simulators.simulate(request, log: { _ in }) }
        let channel = MLLPChannel(connection: try await listener.accept(timeout: .seconds(5)), maxFrameBytes: 1 << 20)
        let events = await SimTest.events(from: channel) { event in
            if case .frame(let payload) = event { try? await channel.send(SimTest.acceptAck(for: payload)) }
        }
        await listener.close()
        try await running.value
        #expect(SimTest.frames(events) == [HL7Simulators.validObservationReport(seed: 6, index: 0),
                                           HL7Simulators.validObservationReport(seed: 6, index: 1)])
        await #expect(throws: SimulationError.unknownFault(simulator: "hl7-monitor", fault: "nope")) {
            try await HL7Simulators.simulate(
                SimulationRequest(simulator: SimulatorSelection(name: "hl7-monitor", faults: ["nope"]),
                                  endpoint: .connect(NetworkAddress(host: "127.0.0.1", port: 1))), log: { _ in })
        }
    }
}
