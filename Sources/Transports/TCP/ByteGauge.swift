import NIOCore

/// Inbound bytes of one connection that have come off the socket but not yet been read by the
/// caller, wherever they wait (NIO's buffers or the connection's queue), and the most ever held.
final class ByteGauge: Sendable {
    private struct Counts: Sendable {
        var current = 0
        var peak = 0
    }

    private let counts = LockedBox(Counts())

    var current: Int { counts.withLock { $0.current } }
    var peak: Int { counts.withLock { $0.peak } }

    func add(_ bytes: Int) {
        counts.withLock { counts in
            counts.current += bytes
            counts.peak = max(counts.peak, counts.current)
        }
    }

    func remove(_ bytes: Int) {
        counts.withLock { $0.current = max(0, $0.current - bytes) }
    }

    /// Forgets everything held: after a close the buffered bytes are gone.
    func reset() {
        counts.withLock { $0.current = 0 }
    }
}

/// Counts every inbound chunk into a ``ByteGauge`` at the front of the pipeline, before NIO
/// buffers it, so that the gauge sees bytes the caller cannot see yet.
final class InboundByteCounter: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let gauge: ByteGauge

    init(gauge: ByteGauge) {
        self.gauge = gauge
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        gauge.add(Self.unwrapInboundIn(data).readableBytes)
        context.fireChannelRead(data)
    }
}

@available(*, unavailable)
extension InboundByteCounter: Sendable {}
