import Foundation

/// A task executor with a thread of its own, for tasks that block on ``BlockingTCPConnection``.
///
/// A task started with this executor as its preference (`Task(executorPreference:)`, or
/// `withTaskExecutorPreference`) runs every nonisolated part on this thread, so calls that
/// block wait here and never hold up the cooperative pool, and an `await` that does not
/// suspend costs no switch of thread.
///
/// The thread ends once ``finish()`` was called and no job is waiting; a job that comes later
/// starts a new one, so nothing enqueued is ever lost.
@available(macOS 15, *)
public final class DedicatedThreadExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: `jobs`, `running` and `finishing` are only touched while `condition` is locked.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var running = false
    private var finishing = false
    private let name: String

    /// Creates the executor; its thread starts with the first job.
    /// - Parameter name: The thread's name, as debuggers and `top -H` show it (Linux keeps 15 bytes).
    public init(name: String) {
        self.name = name
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        if running {
            condition.signal()
            condition.unlock()
            return
        }
        running = true
        condition.unlock()
        // Named from inside: a name set before the start does not reach the system thread on Linux.
        let thread = Thread { [self] in
            Thread.current.name = name
            runJobs()
        }
        thread.start()
    }

    /// Lets the thread end once no job is waiting: call it when the task that uses the executor
    /// is done.
    public func finish() {
        condition.lock()
        finishing = true
        condition.signal()
        condition.unlock()
    }

    private func runJobs() {
        let executor = asUnownedTaskExecutor()
        while true {
            condition.lock()
            while jobs.isEmpty && !finishing {
                condition.wait()
            }
            if jobs.isEmpty {
                running = false
                condition.unlock()
                return
            }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch {
                job.runSynchronously(on: executor)
            }
        }
    }
}
