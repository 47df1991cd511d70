import NIOCore
import NIOPosix

/// Limits and resources of TCP connections and listeners.
public struct TCPOptions: Sendable {
    /// Most inbound bytes held for one connection that the caller has not read yet, counting
    /// every buffer on the way (at least 64 KiB; smaller values are raised). When reached, the
    /// connection stops reading the socket, and TCP flow control makes the peer wait.
    public var maxBufferedBytes: Int
    /// Connections a listener holds that ``TCPListener/accept(timeout:)`` has not taken yet
    /// (at least 1; one more may slip in while accepting is being paused). Beyond these, peers
    /// wait in the kernel's backlog of the same size, and after that their connection attempts stall.
    public var maxPendingConnections: Int
    /// Limit of ``TCPConnection/write(_:)`` (the variant without its own limit).
    public var writeTimeout: Duration
    /// The event loops that run the sockets.
    public var eventLoopGroup: any EventLoopGroup

    public init(
        maxBufferedBytes: Int = 4 << 20,
        maxPendingConnections: Int = 8,
        writeTimeout: Duration = .seconds(10),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.maxBufferedBytes = maxBufferedBytes
        self.maxPendingConnections = maxPendingConnections
        self.writeTimeout = writeTimeout
        self.eventLoopGroup = eventLoopGroup
    }
}

/// How one connection's inbound byte cap is split between the places bytes wait, so that their
/// sum never exceeds the cap:
/// - NIO's inbound buffer: reading pauses at `highWatermark` chunks, but a read loop already
///   under way adds up to `maxMessagesPerRead` more;
/// - the kernel receive buffer, which NIO empties at once, ignoring back-pressure, when the peer
///   closes or resets (Linux counts twice the requested `SO_RCVBUF`, so twice is reserved);
/// - the connection's own queue, which gets the rest.
struct BufferBudget: Sendable {
    static let minimumTotal = 64 << 10
    static let highWatermark = 2
    static let lowWatermark = 1
    static let maxMessagesPerRead = 4

    /// The cap on inbound bytes not yet read.
    let total: Int
    /// The largest single socket read.
    let chunk: Int
    /// The `SO_RCVBUF` asked for.
    let receiveBuffer: Int
    /// What the connection's own queue may hold.
    let queueCapacity: Int

    init(maxBufferedBytes: Int) {
        total = max(maxBufferedBytes, Self.minimumTotal)
        chunk = Self.powerOfTwo(atMost: min(max(total / 16, 1 << 10), 64 << 10))
        receiveBuffer = min(max(total / 8, 8 << 10), 256 << 10)
        let reserved = (Self.highWatermark + Self.maxMessagesPerRead) * chunk + 2 * receiveBuffer
        queueCapacity = total - reserved
    }

    private static func powerOfTwo(atMost value: Int) -> Int {
        var power = 1
        while power <= value / 2 { power *= 2 }
        return power
    }

    var backPressure: NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark {
        .init(lowWatermark: Self.lowWatermark, highWatermark: Self.highWatermark)
    }

    var recvAllocator: AdaptiveRecvByteBufferAllocator {
        AdaptiveRecvByteBufferAllocator(minimum: 64, initial: min(2048, chunk), maximum: chunk)
    }
}
