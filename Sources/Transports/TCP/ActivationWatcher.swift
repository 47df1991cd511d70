import NIOCore

/// Reports when an accepted channel becomes active.
///
/// NIO runs a server's child-channel initializer before it registers the child; the child only
/// becomes active later, on its own event loop. A listener closed in between takes the child
/// down with it, so ``TCPListener/accept(timeout:)`` hands out a connection only once this
/// watcher has seen it become active.
final class ActivationWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let promise: EventLoopPromise<Void>

    init(promise: EventLoopPromise<Void>) {
        self.promise = promise
    }

    func channelActive(context: ChannelHandlerContext) {
        promise.succeed(())
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        // Completing a completed promise is a no-op; this only matters if activation never came.
        promise.fail(ChannelError.ioOnClosedChannel)
    }
}

@available(*, unavailable)
extension ActivationWatcher: Sendable {}
