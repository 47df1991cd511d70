import Foundation
import MedConformCore
import Testing
import Transports

@Suite("TCP endings: refused, end-of-stream, reset, close")
struct TCPClosureTests {
    @Test("connecting to a port nobody listens on fails as refused")
    func connectRefused() async throws {
        let listener = try await TCP.listen(on: NetworkAddress(host: "127.0.0.1", port: 0))
        let port = listener.port
        await listener.close()

        let error = await #expect(throws: TransportError.self) {
            try await TCP.connect(to: NetworkAddress(host: "127.0.0.1", port: port), timeout: .seconds(5))
        }
        guard case .connectFailed(let address, let reason)? = error else {
            Issue.record("expected connectFailed, got \(String(describing: error))")
            return
        }
        #expect(address == "127.0.0.1:\(port)")
        #expect(reason.contains("refused"))
    }

    @Test("listening on a port in use fails as bindFailed")
    func bindFailed() async throws {
        let first = try await TCP.listen(on: NetworkAddress(host: "127.0.0.1", port: 0))
        let error = await #expect(throws: TransportError.self) {
            try await TCP.listen(on: NetworkAddress(host: "127.0.0.1", port: first.port))
        }
        guard case .bindFailed(let address, let reason)? = error else {
            Issue.record("expected bindFailed, got \(String(describing: error))")
            await first.close()
            return
        }
        #expect(address == "127.0.0.1:\(first.port)")
        #expect(reason.contains("in use"))
        await first.close()
    }

    @Test("the peer's clean close reads as the bytes before it, then nil, repeatedly")
    func cleanEndOfStream() async throws {
        try await ConnectedPair.with { pair in
            try await pair.server.write(Array("bye".utf8))
            await pair.server.close()
            #expect(try await readBytes(3, from: pair.client) == Array("bye".utf8))
            #expect(try await pair.client.read(timeout: .seconds(5)) == nil)
            #expect(try await pair.client.read(timeout: .seconds(5)) == nil)
        }
    }

    @Test("a peer closing in the middle of a message leaves the partial bytes, then nil")
    func closeMidStream() async throws {
        try await ConnectedPair.with { pair in
            let message = Array("MSH|^~\\&|DEVICE|".utf8)
            try await pair.server.write(Array(message.prefix(7)))
            await pair.server.close()
            let received = try await readBytes(message.count, from: pair.client)
            #expect(received == Array(message.prefix(7)))
            #expect(try await pair.client.read(timeout: .seconds(5)) == nil)
            // Writing to a peer that is gone fails soon (the first write may still be accepted by the kernel).
            var failure: TransportError?
            for _ in 0..<50 where failure == nil {
                do {
                    try await pair.client.write([0x0B])
                    try await Task.sleep(for: .milliseconds(10))
                } catch {
                    failure = error as? TransportError
                }
            }
            #expect(failure == .closed)
        }
    }

    @Test("after a half-close the peer reads nil and can still answer")
    func halfClose() async throws {
        try await ConnectedPair.with { pair in
            try await pair.client.write(Array("request".utf8))
            await pair.client.closeOutput()
            await pair.client.closeOutput()
            #expect(try await readBytes(7, from: pair.server) == Array("request".utf8))
            #expect(try await pair.server.read(timeout: .seconds(5)) == nil)

            try await pair.server.write(Array("answer".utf8))
            #expect(try await readBytes(6, from: pair.client) == Array("answer".utf8))
        }
    }

    @Test("a reset from the peer (SO_LINGER 0) is reported as reset, not as end-of-stream")
    func reset() async throws {
        try await ConnectedPair.with { pair in
            try await pair.server.write(Array("partial".utf8))
            #expect(try await readBytes(7, from: pair.client) == Array("partial".utf8))
            await pair.server.abort()

            let error = await #expect(throws: TransportError.self) {
                try await pair.client.read(timeout: .seconds(5))
            }
            guard case .reset(let reason)? = error else {
                Issue.record("expected reset, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("reset"))
            // The failure sticks for both directions.
            await #expect(throws: TransportError.reset(reason: reason)) { try await pair.client.read(timeout: .seconds(1)) }
            await #expect(throws: TransportError.reset(reason: reason)) { try await pair.client.write([1]) }
        }
    }

    @Test("after close, reads and writes throw closed; close is idempotent")
    func closeIsFinal() async throws {
        try await ConnectedPair.with { pair in
            try await pair.server.write([1, 2, 3])
            #expect(try await readBytes(3, from: pair.client) == [1, 2, 3])
            await pair.client.close()
            await pair.client.close()
            await #expect(throws: TransportError.closed) { try await pair.client.read(timeout: .seconds(1)) }
            await #expect(throws: TransportError.closed) { try await pair.client.write([1]) }
            #expect(try await pair.server.read(timeout: .seconds(5)) == nil)
        }
    }

    @Test("close drops bytes not yet read")
    func closeDropsUnread() async throws {
        try await ConnectedPair.with { pair in
            try await pair.server.write([1, 2, 3])
            for _ in 0..<500 where pair.client.bufferedByteCount < 3 {
                try await Task.sleep(for: .milliseconds(2))
            }
            #expect(pair.client.bufferedByteCount == 3)
            await pair.client.close()
            #expect(pair.client.bufferedByteCount == 0)
            await #expect(throws: TransportError.closed) { try await pair.client.read(timeout: .seconds(1)) }
            // The bytes had left the kernel's buffer, so the kernel ends the connection cleanly (a
            // close with bytes still in the kernel's buffer would send a reset instead).
            #expect(try await pair.server.read(timeout: .seconds(5)) == nil)
        }
    }

    @Test("a closed listener refuses accept and new connections")
    func listenerClose() async throws {
        let listener = try await TCP.listen(on: NetworkAddress(host: "127.0.0.1", port: 0))
        let address = NetworkAddress(host: "127.0.0.1", port: listener.port)
        // A connection nobody accepted is closed together with the listener.
        let waiting = try await TCP.connect(to: address, timeout: .seconds(5))
        await listener.close()
        await listener.close()

        await #expect(throws: TransportError.closed) { try await listener.accept(timeout: .seconds(1)) }
        // The kernel resets it if NIO had not taken it off the backlog yet; NIO closes it cleanly otherwise.
        do {
            #expect(try await waiting.read(timeout: .seconds(5)) == nil)
        } catch {
            guard case .reset = error else { throw error }
        }
        await waiting.close()
        await #expect(throws: TransportError.self) { try await TCP.connect(to: address, timeout: .seconds(5)) }
    }
}
