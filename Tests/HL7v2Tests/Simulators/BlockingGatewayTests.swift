import MedConformCore
import Testing
import Transports

@testable import HL7v2

/// The gateway served from its own thread over blocking sockets (what profiles, campaigns and
/// `simulate --listen` run) against the same gateway over SwiftNIO: the same bytes back.
@Suite("Gateway over blocking sockets", .timeLimit(.minutes(1)))
struct BlockingGatewayTests {
    /// A valid report, one that is no HL7 message, and one with enhanced-mode acknowledgements.
    static let payloads: [[UInt8]] = [
        HL7Simulators.validObservationReport(seed: 3, index: 0),
        Array("MSH|^~\\&|A|B|C|D|20260101||ORU^R01|X1|P|2.6\rPID|oops".utf8),
        Array("not a message at all".utf8),
    ]

    /// What each payload gets back over one blocking connection, until nothing more comes.
    static func blockingReplies(_ gateway: HL7GatewaySimulator) throws -> [[MLLPEvent]] {
        let server = try GatewayServer.start(gateway, maxFrameBytes: 1 << 20, log: { _ in })
        defer { server.stop() }
        let channel = try BlockingMLLPChannel.connect(to: server.address, timeout: .seconds(5), maxFrameBytes: 1 << 20)
        defer { channel.close() }
        return try payloads.map { payload in
            try channel.send(payload)
            return collect { channel.receive(timeout: $0) }
        }
    }

    /// Reads until a short quiet spell: the first event may take a while, later ones come at once.
    static func collect(_ receive: (Duration) -> MLLPEvent) -> [MLLPEvent] {
        var events: [MLLPEvent] = []
        var wait = Duration.seconds(2)
        while case let event = receive(wait), event != .timedOut(wait) {
            events.append(event)
            wait = .milliseconds(200)
        }
        return events
    }

    @Test("the same acknowledgements, byte for byte, as over SwiftNIO")
    func sameBytes() async throws {
        let gateway = HL7GatewaySimulator(seed: 11)
        let blocking = try Self.blockingReplies(gateway)
        let (harnessSide, gatewaySide) = try await SimTest.loopbackPair()
        let serving = Task { await HL7GatewaySimulator(seed: 11).serve(gatewaySide, log: { _ in }) }
        var nio: [[MLLPEvent]] = []
        for payload in Self.payloads {
            try await harnessSide.send(payload)
            var events: [MLLPEvent] = []
            var wait = Duration.seconds(2)
            while case let event = await harnessSide.receive(timeout: wait), event != .timedOut(wait) {
                events.append(event)
                wait = .milliseconds(200)
            }
            nio.append(events)
        }
        await harnessSide.close()
        _ = await serving.value
        #expect(blocking == nio)
        #expect(blocking.first?.count == 1)
    }

    @Test("a crash closes the port: the next connection is refused")
    func crashRefuses() async throws {
        let server = try GatewayServer.start(HL7GatewaySimulator(seed: 1, faults: [.crashOnHexEscape]), maxFrameBytes: 1 << 20, log: { _ in })
        defer { server.stop() }
        let channel = try BlockingMLLPChannel.connect(to: server.address, timeout: .seconds(5), maxFrameBytes: 1 << 20)
        try channel.send(FuzzSamples.modelNumber("MODEL \\X4\\"))
        let event = channel.receive(timeout: .seconds(5))
        #expect(event == .closed || { if case .failed = event { true } else { false } }())
        channel.close()
        // The port closes just after the connection is reset: allow it a moment.
        var refused = false
        for _ in 0..<40 where !refused {
            do {
                _ = try BlockingTCPConnection.connect(to: server.address, timeout: .seconds(2))
                try await Task.sleep(for: .milliseconds(50))
            } catch let error as TransportError {
                if case .connectFailed = error { refused = true }
            }
        }
        #expect(refused)
    }
}
