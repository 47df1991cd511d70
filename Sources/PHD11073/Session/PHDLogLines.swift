import Synchronization

/// Lines a simulator task logs, read by the session once the task has ended.
final class PHDLogLines: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) {
        lines.withLock { if $0.count < 1000 { $0.append(line) } }
    }

    func snapshot() -> [String] { lines.withLock { $0 } }
}
