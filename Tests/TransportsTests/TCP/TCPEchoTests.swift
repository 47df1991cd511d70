import Foundation
import MedConformCore
import Testing
import Transports

@Suite("TCP echo on loopback")
struct TCPEchoTests {
    @Test("bytes written on one side are read on the other, both ways")
    func roundTrip() async throws {
        try await ConnectedPair.with { pair in
            try await pair.client.write(Array("hello".utf8))
            let request = try await readBytes(5, from: pair.server)
            #expect(request == Array("hello".utf8))

            try await pair.server.write(request)
            #expect(try await readBytes(5, from: pair.client) == Array("hello".utf8))
        }
    }

    @Test("addresses are written host:port and match across the two sides")
    func addresses() async throws {
        try await ConnectedPair.with { pair in
            #expect(pair.listener.address == NetworkAddress(host: "127.0.0.1", port: pair.listener.port))
            #expect(pair.listener.port > 0)
            #expect(pair.client.remote == "127.0.0.1:\(pair.listener.port)")
            #expect(pair.server.local == pair.client.remote)
            #expect(pair.server.remote == pair.client.local)
        }
    }

    @Test("many small writes arrive complete and in order")
    func manySmallWrites() async throws {
        try await ConnectedPair.with { pair in
            var expected = [UInt8]()
            for index in 0..<1000 {
                let message = Array("message \(index);".utf8)
                expected.append(contentsOf: message)
                try await pair.client.write(message)
            }
            let received = try await readBytes(expected.count, from: pair.server)
            #expect(Data(received) == Data(expected))
        }
    }

    @Test("a 5 MB write arrives intact")
    func largeTransfer() async throws {
        try await ConnectedPair.with { pair in
            let payload = Pattern.block + Pattern.block + Pattern.block + Pattern.block + Pattern.block
            async let sent: Void = pair.client.write(payload, timeout: .seconds(10))
            let received = try await readBytes(payload.count, from: pair.server, limit: .seconds(10))
            try await sent
            #expect(received.count == payload.count)
            #expect(Data(received) == Data(payload))
        }
    }

    @Test("IPv6 loopback works too")
    func ipv6() async throws {
        let listener: TCPListener
        do {
            listener = try await TCP.listen(on: NetworkAddress(host: "::1", port: 0))
        } catch {
            withKnownIssue("this host has no IPv6 loopback") { Issue.record("\(error)") }
            return
        }
        await listener.close()

        try await ConnectedPair.with(host: "::1") { pair in
            #expect(pair.client.remote == "[::1]:\(pair.listener.port)")
            try await pair.client.write([1, 2, 3])
            #expect(try await readBytes(3, from: pair.server) == [1, 2, 3])
        }
    }
}
