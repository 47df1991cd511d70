/// Elapsed time since a run began, injectable so that tests control time.
public struct MonotonicClock: Sendable {
    /// Time since the clock's origin.
    public var now: @Sendable () -> Duration
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(now: @escaping @Sendable () -> Duration, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// The system's monotonic clock, with its origin at the moment of the call.
    public static func system() -> MonotonicClock {
        let clock = ContinuousClock()
        let origin = clock.now
        return MonotonicClock(now: { clock.now - origin }, sleep: { try await clock.sleep(for: $0) })
    }
}

/// Thrown by ``withTimeout(_:clock:operation:)`` when the time is up.
public struct TimeoutError: Error, Sendable, CustomStringConvertible {
    public var limit: Duration
    public init(limit: Duration) { self.limit = limit }
    public var description: String { "no answer within \(limit.secondsWithMilliseconds) s" }
}

/// Runs `operation`, cancelling it and throwing ``TimeoutError`` if it takes longer than `limit`.
public func withTimeout<T: Sendable>(_ limit: Duration, clock: MonotonicClock,
                                     operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await clock.sleep(limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw CancellationError() }
        guard let value = first else { throw TimeoutError(limit: limit) }
        return value
    }
}
