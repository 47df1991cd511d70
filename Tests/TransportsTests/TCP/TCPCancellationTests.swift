import Foundation
import MedConformCore
import Testing
@testable import Transports

@Suite("TCP cancellation")
struct TCPCancellationTests {
    @Test("cancelling a pending read returns promptly and leaves the connection usable")
    func cancelRead() async throws {
        try await ConnectedPair.with { pair in
            let client = pair.client
            let reading = Task { try await client.read(timeout: .seconds(30)) }
            try await Task.sleep(for: .milliseconds(100))
            let (result, elapsed) = await measure {
                reading.cancel()
                return await reading.result
            }
            #expect(elapsed < .seconds(2))
            #expect(throws: TransportError.cancelled) { try result.get() }
            #expect(client.waitingReaderCount == 0)

            try await pair.server.write([7, 8, 9])
            #expect(try await readBytes(3, from: client) == [7, 8, 9])
        }
    }

    @Test("a read in an already cancelled task throws cancelled at once")
    func readWhenAlreadyCancelled() async throws {
        try await ConnectedPair.with { pair in
            let client = pair.client
            let reading = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await client.read(timeout: .seconds(30))
            }
            let (result, elapsed) = await measure { await reading.result }
            #expect(elapsed < .seconds(2))
            #expect(throws: TransportError.cancelled) { try result.get() }
        }
    }

    @Test("cancelling a pending accept returns promptly")
    func cancelAccept() async throws {
        let listener = try await TCP.listen(on: NetworkAddress(host: "127.0.0.1", port: 0))
        let accepting = Task { try await listener.accept(timeout: .seconds(30)) }
        try await Task.sleep(for: .milliseconds(100))
        let (result, elapsed) = await measure {
            accepting.cancel()
            return await accepting.result
        }
        #expect(elapsed < .seconds(2))
        #expect(throws: TransportError.cancelled) { try result.get() }
        await listener.close()
    }

    @Test("cancelling a connect that hangs (listener backlog full) returns promptly")
    func cancelConnect() async throws {
        let listener = try await TCP.listen(
            on: NetworkAddress(host: "127.0.0.1", port: 0), options: TCPOptions(maxPendingConnections: 1))
        let address = NetworkAddress(host: "127.0.0.1", port: listener.port)
        // Fill everything that holds unaccepted connections, until connecting hangs.
        var connections: [TCPConnection] = []
        var hangs = false
        for _ in 0..<40 where !hangs {
            do {
                connections.append(try await TCP.connect(to: address, timeout: .milliseconds(300)))
            } catch {
                guard case .connectTimeout = error else { throw error }
                hangs = true
            }
        }
        try #require(hangs)

        let connecting = Task { try await TCP.connect(to: address, timeout: .seconds(30)) }
        try await Task.sleep(for: .milliseconds(100))
        let (result, elapsed) = await measure {
            connecting.cancel()
            return await connecting.result
        }
        #expect(elapsed < .seconds(2))
        #expect(throws: TransportError.cancelled) { try result.get() }

        for connection in connections { await connection.close() }
        await listener.close()
    }
}
