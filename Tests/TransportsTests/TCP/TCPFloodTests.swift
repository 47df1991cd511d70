import Foundation
import MedConformCore
import Testing
import Transports

@Suite("TCP memory bounds")
struct TCPFloodTests {
    /// Bytes the flooding peer has handed to its kernel so far.
    actor Progress {
        var sent = 0
        func add(_ bytes: Int) { sent += bytes }
    }

    @Test("a peer flooding 50 MB at a slow reader is throttled; buffered bytes stay under the cap")
    func flood() async throws {
        try await ConnectedPair.with { pair in
            let reader = pair.server
            let cap = reader.maxBufferedBytes
            let blocks = 50
            let total = blocks * Pattern.block.count
            let progress = Progress()

            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for _ in 0..<blocks {
                        try await pair.client.write(Pattern.block, timeout: .seconds(20))
                        await progress.add(Pattern.block.count)
                    }
                }

                // Not reading at all: the buffer fills up to the cap, and the sender is held back.
                try await Task.sleep(for: .milliseconds(300))
                #expect(reader.bufferedByteCount <= cap)
                #expect(reader.bufferedByteCount > 0)
                #expect(await progress.sent < total / 2)

                // Reading slowly, then at full speed; every chunk must continue the pattern.
                var received = 0
                var reads = 0
                while received < total {
                    guard let chunk = try await reader.read(timeout: .seconds(10)) else { break }
                    #expect(Pattern.matches(chunk, at: received), "chunk at offset \(received)")
                    received += chunk.count
                    reads += 1
                    if reads <= 20 {
                        try await Task.sleep(for: .milliseconds(5))
                        #expect(reader.bufferedByteCount <= cap)
                    }
                }
                try await group.waitForAll()
                #expect(received == total)
                #expect(reader.bufferedByteCount == 0)
            }
            #expect(reader.peakBufferedByteCount <= cap)
            #expect(reader.peakBufferedByteCount > 0)
        }
    }

    @Test("a small cap holds too")
    func smallCap() async throws {
        try await ConnectedPair.with(server: TCPOptions(maxBufferedBytes: 64 << 10)) { pair in
            let reader = pair.server
            #expect(reader.maxBufferedBytes == 64 << 10)
            async let sent: Void = pair.client.write(Pattern.block + Pattern.block, timeout: .seconds(20))
            try await Task.sleep(for: .milliseconds(200))
            #expect(reader.bufferedByteCount <= 64 << 10)

            let received = try await readBytes(2 * Pattern.block.count, from: reader, limit: .seconds(60))
            try await sent
            #expect(Data(received) == Data(Pattern.twoBlocks))
            #expect(reader.peakBufferedByteCount <= 64 << 10)
        }
    }

    @Test("a listener holds a bounded number of unaccepted connections; beyond it, connecting times out")
    func pendingConnectionsBounded() async throws {
        let listener = try await TCP.listen(
            on: NetworkAddress(host: "127.0.0.1", port: 0), options: TCPOptions(maxPendingConnections: 1))
        let address = NetworkAddress(host: "127.0.0.1", port: listener.port)
        var connections: [TCPConnection] = []
        var timedOut = false
        for _ in 0..<40 where !timedOut {
            do {
                connections.append(try await TCP.connect(to: address, timeout: .milliseconds(300)))
            } catch {
                guard case .connectTimeout(let target, let limit) = error else { throw error }
                #expect(target == address.description)
                #expect(limit == .milliseconds(300))
                timedOut = true
            }
        }
        #expect(timedOut)
        // Queue (1) + in transit in NIO (at most 5) + kernel backlog (backlog + 1), with some slack.
        #expect(connections.count <= 12)

        // The listener still hands out the ones it holds.
        let accepted = try await listener.accept(timeout: .seconds(5))
        await accepted.close()
        for connection in connections { await connection.close() }
        await listener.close()
    }
}
