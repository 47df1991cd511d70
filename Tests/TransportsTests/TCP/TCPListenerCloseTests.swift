import MedConformCore
import Testing
import Transports

@Suite("Closing a listener leaves accepted connections alone")
struct TCPListenerCloseTests {
    /// An accepted connection belongs to its caller: closing the listener that produced it,
    /// at once and many times in parallel, must not close it.
    @Test func acceptedConnectionsOutliveTheirListener() async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    let listener = try await TCP.listen(on: NetworkAddress(host: "127.0.0.1", port: 0))
                    let client = try await TCP.connect(to: NetworkAddress(host: "127.0.0.1", port: listener.port), timeout: .seconds(10))
                    let server = try await listener.accept(timeout: .seconds(10))
                    await listener.close()
                    do { try await client.write(Array("ping".utf8)) } catch { Issue.record("client write: \(error)"); return false }
                    var received: [UInt8] = []
                    do { while received.count < 4, let chunk = try await server.read(timeout: .seconds(10)) { received += chunk } } catch { Issue.record("server read: \(error)"); return false }
                    do { try await server.write(Array("pong".utf8)) } catch { Issue.record("server write: \(error)"); return false }
                    var answer: [UInt8] = []
                    do { while answer.count < 4, let chunk = try await client.read(timeout: .seconds(10)) { answer += chunk } } catch { Issue.record("client read: \(error)"); return false }
                    await client.close()
                    await server.close()
                    return received == Array("ping".utf8) && answer == Array("pong".utf8)
                }
            }
            var survived = 0
            for try await ok in group where ok { survived += 1 }
            #expect(survived == 40)
        }
    }
}
