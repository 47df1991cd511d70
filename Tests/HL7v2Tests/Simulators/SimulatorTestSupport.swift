import Foundation
import MedConformCore
import Synchronization
import Testing
import Transports

@testable import HL7v2

/// Helpers shared by the simulator tests.
enum SimTest {
    /// Parses or records an issue; tests stop at the first `try #require`.
    static func parse(_ bytes: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> HL7Message {
        do {
            return try HL7Message.parse(bytes, maxBytes: 8 << 20)
        } catch {
            Issue.record("not a parseable HL7 message: \(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// The fields that differ between two messages with the same segments, as `OBX(3)-5`
    /// (segment ID, 1-based occurrence, field), in message order.
    static func differingFields(_ a: HL7Message, _ b: HL7Message) -> [String] {
        var differences: [String] = []
        var occurrences: [String: Int] = [:]
        for index in 0..<max(a.segmentCount, b.segmentCount) {
            guard index < a.segmentCount, index < b.segmentCount else {
                differences.append("segment \(index)")
                continue
            }
            let left = a.segments[index], right = b.segments[index]
            let id = left.id
            guard id == right.id else {
                differences.append("segment \(index): \(id) versus \(right.id)")
                continue
            }
            occurrences[id, default: 0] += 1
            let occurrence = occurrences[id] ?? 1
            for n in 1...max(left.fieldCount, right.fieldCount, 1) where left.rawBytes(field: n) != right.rawBytes(field: n) {
                differences.append("\(id)(\(occurrence))-\(n)")
            }
        }
        return differences
    }

    /// Segment IDs in order.
    static func segmentIDs(_ message: HL7Message) -> [String] {
        message.segments.map(\.id)
    }

    private static let openListeners = Mutex<[TCPListener]>([])

    /// A connected pair of channels over 127.0.0.1: (the side that connected, the side that accepted).
    static func loopbackPair(clientMaxFrame: Int = 1 << 20, serverMaxFrame: Int = 1 << 20) async throws -> (MLLPChannel, MLLPChannel) {
        let listener = try await TCP.listen(on: NetworkAddress(host: "127.0.0.1", port: 0))
        let port = listener.port
        let accepting = Task { () throws -> TCPConnection in try await listener.accept(timeout: .seconds(10)) }
        let client: TCPConnection
        do {
            client = try await TCP.connect(to: NetworkAddress(host: "127.0.0.1", port: port), timeout: .seconds(10))
        } catch {
            accepting.cancel()
            await listener.close()
            throw error
        }
        let server = try await accepting.value
        // The listener is kept open for the rest of the test run: closing it right after accept
        // sometimes closes the accepted connection too (Transports TCPListener, seen under
        // parallel tests), which these tests must not mistake for the simulators' doing.
        openListeners.withLock { $0.append(listener) }
        return (MLLPChannel(connection: client, maxFrameBytes: clientMaxFrame),
                MLLPChannel(connection: server, maxFrameBytes: serverMaxFrame))
    }

    /// Events from `channel` until it reports `.closed` or `.failed`, or `limit` passes.
    static func events(from channel: MLLPChannel, limit: Duration = .seconds(10), each: (MLLPEvent) async -> Void = { _ in }) async -> [MLLPEvent] {
        var events: [MLLPEvent] = []
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let event = await channel.receive(timeout: deadline - .now)
            events.append(event)
            await each(event)
            switch event {
            case .closed, .failed, .timedOut: return events
            default: continue
            }
        }
        return events
    }

    /// The frames among `events`.
    static func frames(_ events: [MLLPEvent]) -> [[UInt8]] {
        events.compactMap { if case .frame(let payload) = $0 { payload } else { nil } }
    }

    /// The framing problems among `events`.
    static func problems(_ events: [MLLPEvent]) -> [MLLPFramingProblem] {
        events.compactMap { if case .problem(let problem) = $0 { problem } else { nil } }
    }

    /// An AA acknowledgement of `message` in the harness's style.
    static func acceptAck(for payload: [UInt8]) -> [UInt8] {
        let control = (try? HL7Message.parse(payload))?["MSH-10"] ?? ""
        return Array("MSH|^~\\&|TEST-RECEIVER||||20261121090000+0000||ACK^R01^ACK|T-\(control)|P|2.6\rMSA|AA|\(control)\r".utf8)
    }

    /// A thread-safe list of log lines.
    final class LogLines: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }
}
