import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into cancellation of the running work, so that the run stops
/// cooperatively and still writes valid reports marked partial. A second signal exits at once.
public enum SignalCancellation {
    /// Runs `operation` in a task that the first SIGINT or SIGTERM cancels.
    /// Returns the operation's value and whether a signal arrived.
    public static func run<T: Sendable>(_ operation: @escaping @Sendable () async -> T) async -> (value: T, interrupted: Bool) {
        let task = Task { await operation() }
        let state = SignalState()
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if state.markInterrupted() {
                    FileHandle.standardError.write(Data("\ninterrupted: finishing the current step and writing partial reports (signal again to quit now)\n".utf8))
                    task.cancel()
                } else {
                    exit(130)
                }
            }
            source.resume()
            sources.append(source)
        }
        let value = await task.value
        for source in sources { source.cancel() }
        for number in [SIGINT, SIGTERM] { signal(number, SIG_DFL) }
        return (value, state.interrupted)
    }
}

/// The one bit of shared state between the signal handler and the waiting command.
private final class SignalState: @unchecked Sendable {
    // Guarded by `lock`; the handler runs on a global queue while the command awaits.
    private let lock = NSLock()
    private var seen = false

    /// Records a signal; true for the first one.
    func markInterrupted() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let first = !seen
        seen = true
        return first
    }

    var interrupted: Bool {
        lock.lock()
        defer { lock.unlock() }
        return seen
    }
}
