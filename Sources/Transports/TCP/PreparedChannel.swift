import NIOCore

/// A freshly connected or accepted channel, wrapped for async use before any byte can arrive,
/// that has no pump task yet.
struct PreparedChannel: Sendable {
    let wrapped: NIOAsyncChannel<ByteBuffer, ByteBuffer>
    let gauge: ByteGauge
    let budget: BufferBudget
    /// Completes when the channel is active; fails if it closes first. Accepted channels are
    /// not active yet when they are prepared (see ``ActivationWatcher``).
    let activated: EventLoopFuture<Void>

    var channel: any Channel { wrapped.channel }

    /// Installs the byte counter and the async wrapper. Runs on the channel's event loop, inside
    /// the bootstrap's channel initializer, as `NIOAsyncChannel` requires.
    init(wrapping channel: any Channel, budget: BufferBudget) throws {
        let gauge = ByteGauge()
        if channel.isActive {
            activated = channel.eventLoop.makeSucceededVoidFuture()
        } else {
            let promise = channel.eventLoop.makePromise(of: Void.self)
            try channel.pipeline.syncOperations.addHandler(ActivationWatcher(promise: promise))
            activated = promise.futureResult
        }
        try channel.pipeline.syncOperations.addHandler(InboundByteCounter(gauge: gauge))
        wrapped = try NIOAsyncChannel(
            wrappingChannelSynchronously: channel,
            configuration: .init(backPressureStrategy: budget.backPressure)
        )
        self.gauge = gauge
        self.budget = budget
    }

    /// Closes a channel that no caller will take. NIO traps when a `NIOAsyncChannel` whose channel
    /// is still open is let go without `executeThenClose`, so that runs here, in a task of its own
    /// because this is called from synchronous contexts; it ends as soon as the channel is closed.
    func discard() {
        let wrapped = self.wrapped
        Task { try? await wrapped.executeThenClose { _, _ in } }
    }
}
