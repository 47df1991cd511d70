import NIOCore

/// How a bounded wait ended.
enum WaitOutcome<Value: Sendable>: Sendable {
    case value(Value)
    case timedOut
    case cancelled
}

/// The wake-up of one waiting caller. The first of a value, the deadline and cancellation wins;
/// whoever comes later learns from ``resolve(_:)`` that it lost (and disposes of its value).
final class OneShot<Value: Sendable>: Sendable {
    private enum State: Sendable {
        case pending
        case waiting(CheckedContinuation<WaitOutcome<Value>, Never>)
        case decided(WaitOutcome<Value>)
        case delivered
    }

    private let state = LockedBox(State.pending)

    /// Delivers `outcome` unless another outcome came first; returns whether this one was taken.
    @discardableResult
    func resolve(_ outcome: WaitOutcome<Value>) -> Bool {
        let (taken, continuation): (Bool, CheckedContinuation<WaitOutcome<Value>, Never>?) = state.withLock { state in
            switch state {
            case .pending:
                state = .decided(outcome)
                return (true, nil)
            case .waiting(let continuation):
                state = .delivered
                return (true, continuation)
            case .decided, .delivered:
                return (false, nil)
            }
        }
        continuation?.resume(returning: outcome)
        return taken
    }

    private func install(_ continuation: CheckedContinuation<WaitOutcome<Value>, Never>) {
        let early: WaitOutcome<Value>? = state.withLock { state in
            guard case .decided(let outcome) = state else {
                state = .waiting(continuation)
                return nil
            }
            state = .delivered
            return outcome
        }
        if let early { continuation.resume(returning: early) }
    }

    /// Hands a fresh one-shot to `start`, then suspends until it is resolved, `limit` passes
    /// (timed on `eventLoop`, so no task is created for the timer), or the calling task is cancelled.
    ///
    /// `start` typically registers the one-shot somewhere that resolves it later; it may also
    /// resolve it at once.
    static func wait(
        limit: Duration?,
        on eventLoop: any EventLoop,
        start: (OneShot<Value>) -> Void
    ) async -> WaitOutcome<Value> {
        let shot = OneShot<Value>()
        let timer = limit.map { limit in
            eventLoop.scheduleTask(in: TimeAmount(limit)) { shot.resolve(.timedOut) }
        }
        defer { timer?.cancel() }
        start(shot)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { shot.install($0) }
        } onCancel: {
            shot.resolve(.cancelled)
        }
    }
}
