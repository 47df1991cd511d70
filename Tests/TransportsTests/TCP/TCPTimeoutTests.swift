import Foundation
import MedConformCore
import Testing
@testable import Transports

@Suite("TCP time limits")
struct TCPTimeoutTests {
    @Test("a read from a silent peer times out near its limit, and later bytes still arrive")
    func readTimeout() async throws {
        try await ConnectedPair.with { pair in
            let limit = Duration.milliseconds(200)
            let (error, elapsed) = await measure {
                await #expect(throws: TransportError.timeout(limit: limit)) {
                    try await pair.client.read(timeout: limit)
                }
            }
            #expect(error != nil)
            // Timers never fire early; the upper bound is generous for loaded machines.
            #expect(elapsed >= .milliseconds(150))
            #expect(elapsed < .seconds(3))

            #expect(pair.client.waitingReaderCount == 0)

            try await pair.server.write(Array("late".utf8))
            #expect(try await readBytes(4, from: pair.client) == Array("late".utf8))
        }
    }

    @Test("polling with short timeouts loses no bytes")
    func pollingKeepsBytes() async throws {
        try await ConnectedPair.with { pair in
            let expected = (0..<10).map { "chunk\($0)-" }.joined()
            var received = [UInt8]()
            var timeouts = 0
            for round in 0..<40 {
                if round % 4 == 0 { try await pair.server.write(Array("chunk\(round / 4)-".utf8)) }
                do {
                    if let bytes = try await pair.client.read(timeout: .milliseconds(5)) { received += bytes }
                } catch TransportError.timeout {
                    timeouts += 1
                }
            }
            received += try await readBytes(expected.utf8.count - received.count, from: pair.client)
            #expect(String(decoding: received, as: UTF8.self) == expected)
            #expect(timeouts > 0)
            #expect(pair.client.waitingReaderCount == 0)
        }
    }

    @Test("accept with no peer times out near its limit")
    func acceptTimeout() async throws {
        let listener = try await TCP.listen(on: NetworkAddress(host: "127.0.0.1", port: 0))
        let limit = Duration.milliseconds(200)
        let (_, elapsed) = await measure {
            await #expect(throws: TransportError.acceptTimeout(address: "127.0.0.1:\(listener.port)", limit: limit)) {
                try await listener.accept(timeout: limit)
            }
        }
        #expect(elapsed >= .milliseconds(150))
        #expect(elapsed < .seconds(3))
        await listener.close()
    }

    @Test("a write to a peer that stopped reading times out and closes the connection")
    func writeTimeout() async throws {
        try await ConnectedPair.with(server: TCPOptions(maxBufferedBytes: 64 << 10)) { pair in
            let payload = [UInt8](repeating: 0x41, count: 32 << 20)
            let limit = Duration.milliseconds(300)
            let (_, elapsed) = await measure {
                await #expect(throws: TransportError.writeTimeout(limit: limit)) {
                    try await pair.client.write(payload, timeout: limit)
                }
            }
            #expect(elapsed < .seconds(3))
            await #expect(throws: TransportError.closed) { try await pair.client.write([1]) }
        }
    }
}
