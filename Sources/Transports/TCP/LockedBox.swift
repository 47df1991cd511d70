import Foundation

/// State shared between event-loop threads and tasks, every access made under one lock.
///
/// `@unchecked Sendable` is safe because `state` is reachable only through `withLock`, which holds
/// `lock` for the whole access, and `State` is itself `Sendable`, so nothing unsafe can be taken out.
/// `Synchronization.Mutex` would make the annotation unnecessary but needs macOS 15, and the package
/// still declares macOS 14; NIO's lock box lives in a module this target does not depend on.
final class LockedBox<State: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var state: State

    init(_ state: State) {
        self.state = state
    }

    func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }
}
