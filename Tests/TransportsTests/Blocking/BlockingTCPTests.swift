import Foundation
import MedConformCore
import Testing
@testable import Transports

/// A listener on a free loopback port and a client connected to it, with the accepted side.
private func connectedPair() throws -> (listener: BlockingTCPListener, client: BlockingTCPConnection, server: BlockingTCPConnection) {
    let listener = try BlockingTCPListener.listen(on: NetworkAddress(host: "127.0.0.1", port: 0))
    let client = try BlockingTCPConnection.connect(to: listener.address, timeout: .seconds(2))
    let server = try listener.accept(timeout: .seconds(2))
    return (listener, client, server)
}

/// Reads until `count` bytes came or the peer closed.
private func readAll(_ connection: BlockingTCPConnection, count: Int) throws -> [UInt8] {
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while received.count < count {
        let got = try connection.read(into: &buffer, timeout: .seconds(5))
        if got == 0 { break }
        received += buffer[0..<got]
    }
    return received
}

@Suite("Blocking TCP")
struct BlockingTCPTests {
    @Test("bytes written arrive whole, also when they exceed the socket buffers")
    func largeWriteArrives() async throws {
        let (listener, client, server) = try connectedPair()
        _ = listener
        let bytes = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let writer = taskOnDedicatedThread(named: "test writer") { () -> TransportError? in
            defer { client.close() }
            do throws(TransportError) {
                try client.write(bytes, timeout: .seconds(5))
                return nil
            } catch {
                return error
            }
        }
        let received = try readAll(server, count: bytes.count + 1)
        #expect(await writer.value == nil)
        #expect(received == bytes)
    }

    @Test("a closed port is refused; a listener that is closed refuses later connections")
    func refused() throws {
        let listener = try BlockingTCPListener.listen(on: NetworkAddress(host: "127.0.0.1", port: 0))
        let address = listener.address
        listener.close()
        #expect(throws: TransportError.self) { _ = try BlockingTCPConnection.connect(to: address, timeout: .seconds(2)) }
        do {
            _ = try BlockingTCPConnection.connect(to: address, timeout: .seconds(2))
        } catch .connectFailed(_, let reason) {
            #expect(reason.contains("refused"))
        } catch {
            Issue.record("expected connectFailed, got \(error)")
        }
        #expect(throws: TransportError.closed) { _ = try listener.accept(timeout: .seconds(1)) }
    }

    @Test("waits end at their limits")
    func timeouts() throws {
        let (listener, client, server) = try connectedPair()
        var buffer = [UInt8](repeating: 0, count: 16)
        #expect(throws: TransportError.timeout(limit: .milliseconds(60))) { _ = try client.read(into: &buffer, timeout: .milliseconds(60)) }
        #expect(throws: TransportError.acceptTimeout(address: listener.address.description, limit: .milliseconds(60))) {
            _ = try listener.accept(timeout: .milliseconds(60))
        }
        _ = server
    }

    @Test("the peer closing reads as 0; a reset as a failure; a closed connection refuses use")
    func endings() throws {
        let (_, client, server) = try connectedPair()
        var buffer = [UInt8](repeating: 0, count: 16)
        server.close()
        #expect(try client.read(into: &buffer, timeout: .seconds(2)) == 0)
        client.close()
        #expect(throws: TransportError.closed) { try client.write([1], timeout: .seconds(1)) }

        let (_, second, accepted) = try connectedPair()
        accepted.abort()
        #expect {
            _ = try second.read(into: &buffer, timeout: .seconds(2))
        } throws: { error in
            guard let error = error as? TransportError, case .reset = error else { return false }
            return true
        }
    }

    @Test("a read blocked in a task ends when the task is cancelled")
    func cancellation() async throws {
        let (listener, client, server) = try connectedPair()
        defer { _ = (listener, server) }
        let reader = taskOnDedicatedThread(named: "test reader") { () -> TransportError? in
            var buffer = [UInt8](repeating: 0, count: 16)
            do throws(TransportError) {
                _ = try client.read(into: &buffer, timeout: .seconds(30))
                return nil
            } catch {
                return error
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        reader.cancel()
        #expect(await reader.value == .cancelled)
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test("the helpers run their code off the cooperative pool, on one thread across awaits")
    func helpers() async {
        let pool = await Task.detached { currentThread() }.value
        let (before, after) = await onDedicatedThread(named: "test helper") { () async -> (UInt, UInt) in
            let before = currentThread()
            try? await Task.sleep(for: .milliseconds(10))
            return (before, currentThread())
        }
        #expect(before == after)
        #expect(before != pool)
        let started = await taskOnDedicatedThread(named: "test task") { () async -> (UInt, UInt) in
            let before = currentThread()
            try? await Task.sleep(for: .milliseconds(10))
            return (before, currentThread())
        }.value
        #expect(started.0 == started.1)
        #expect(started.0 != pool)
    }
}

/// The calling thread's identity.
private func currentThread() -> UInt {
    #if canImport(Glibc)
    UInt(pthread_self())
    #else
    UInt(bitPattern: pthread_self())
    #endif
}
