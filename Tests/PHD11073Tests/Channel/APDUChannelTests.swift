import Synchronization
import Testing
import Transports
@testable import PHD11073

/// A byte stream from memory, in the chunks given: what a USB or Bluetooth channel would be.
private final class MemoryStream: APDUByteStream {
    let remote = "memory"
    private let chunks: Mutex<[[UInt8]]>
    let written = Mutex<[[UInt8]]>([])

    init(_ chunks: [[UInt8]]) { self.chunks = Mutex(chunks) }

    func read(timeout: Duration) async throws(TransportError) -> [UInt8]? {
        chunks.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }

    func write(_ bytes: [UInt8]) async throws(TransportError) { written.withLock { $0.append(bytes) } }
    func close() async {}
    func abort() async {}
}

@Suite("APDU channel over any byte stream")
struct APDUChannelTests {
    static let rlrq: [UInt8] = [0xE4, 0x00, 0x00, 0x02, 0x00, 0x00]
    static let abrt: [UInt8] = [0xE6, 0x00, 0x00, 0x02, 0x00, 0x02]

    @Test func apdusSplitAcrossChunksArriveWholeInOrder() async {
        let bytes = Self.rlrq + Self.abrt
        // Chunks cut inside the header and inside the body.
        let channel = APDUChannel(stream: MemoryStream([Array(bytes[0..<1]), Array(bytes[1..<5]), Array(bytes[5..<9]), Array(bytes[9...])]))
        #expect(await channel.receive(timeout: .seconds(1)) == .apdu(Self.rlrq))
        #expect(await channel.receive(timeout: .seconds(1)) == .apdu(Self.abrt))
        #expect(await channel.receive(timeout: .seconds(1)) == .closed(pending: []))
    }

    @Test func aHeaderThatClaimsMoreThanComesEndsWithWhatCame() async {
        // An AARQ header announcing 65,535 bytes, 3 of which come before the peer closes.
        let channel = APDUChannel(stream: MemoryStream([[0xE2, 0x00, 0xFF, 0xFF, 1, 2, 3]]))
        #expect(await channel.receive(timeout: .seconds(1)) == .closed(pending: [0xE2, 0x00, 0xFF, 0xFF, 1, 2, 3]))
    }

    @Test func sendingEncodesTheAPDU() async throws {
        let stream = MemoryStream([])
        let channel = APDUChannel(stream: stream)
        try await channel.send(.releaseRequest(.normal))
        #expect(stream.written.withLock { $0 } == [Self.rlrq])
    }
}
