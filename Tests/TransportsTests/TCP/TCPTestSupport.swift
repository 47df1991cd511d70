import Foundation
import MedConformCore
import Testing
import Transports

/// Both ends of one loopback connection, with the listener that produced it.
struct ConnectedPair {
    let listener: TCPListener
    /// The side that called `connect`.
    let client: TCPConnection
    /// The side returned by `accept`.
    let server: TCPConnection

    static func open(
        host: String = "127.0.0.1",
        client clientOptions: TCPOptions = TCPOptions(),
        server serverOptions: TCPOptions = TCPOptions()
    ) async throws -> ConnectedPair {
        let listener = try await TCP.listen(on: NetworkAddress(host: host, port: 0), options: serverOptions)
        let client = try await TCP.connect(
            to: NetworkAddress(host: host, port: listener.port), timeout: .seconds(5), options: clientOptions)
        let server = try await listener.accept(timeout: .seconds(5))
        return ConnectedPair(listener: listener, client: client, server: server)
    }

    /// Runs `body` with a fresh pair and closes it afterwards, also when `body` throws.
    static func with<T>(
        host: String = "127.0.0.1",
        client clientOptions: TCPOptions = TCPOptions(),
        server serverOptions: TCPOptions = TCPOptions(),
        _ body: (ConnectedPair) async throws -> T
    ) async throws -> T {
        let pair = try await open(host: host, client: clientOptions, server: serverOptions)
        do {
            let result = try await body(pair)
            await pair.close()
            return result
        } catch {
            await pair.close()
            throw error
        }
    }

    func close() async {
        await client.close()
        await server.close()
        await listener.close()
    }
}

/// A byte pattern (offset mod 251) cut into identical blocks: a block's length is a multiple of
/// 251, so blocks sent back to back continue the pattern, and any stretch of it is a slice of
/// `twoBlocks`. A prime period catches lost, repeated or reordered chunks.
enum Pattern {
    static let block: [UInt8] = {
        let period = (0..<251).map { UInt8($0) }
        var block = [UInt8]()
        block.reserveCapacity(251 * 4178)
        for _ in 0..<4178 { block.append(contentsOf: period) }
        return block
    }()

    static let twoBlocks = block + block

    /// Whether `chunk`, found at `offset` of the stream, matches the pattern. Compared as `Data`
    /// (memcmp) because element-wise comparison is slow in debug builds.
    static func matches(_ chunk: [UInt8], at offset: Int) -> Bool {
        guard chunk.count <= block.count else { return false }
        let start = offset % block.count
        return Data(chunk) == Data(twoBlocks[start..<start + chunk.count])
    }
}

/// Reads until `count` bytes have arrived, end-of-stream, or `limit` has passed.
func readBytes(_ count: Int, from connection: TCPConnection, limit: Duration = .seconds(5)) async throws -> [UInt8] {
    let deadline = ContinuousClock.now + limit
    var received = [UInt8]()
    while received.count < count {
        let remaining = deadline - .now
        guard remaining > .zero else { throw TransportError.timeout(limit: limit) }
        guard let chunk = try await connection.read(timeout: remaining) else { break }
        received.append(contentsOf: chunk)
    }
    return received
}

/// Elapsed time of `body`.
func measure<T>(_ body: () async throws -> T) async rethrows -> (T, Duration) {
    let start = ContinuousClock.now
    let result = try await body()
    return (result, .now - start)
}
