/// Runs `operation` on a thread of its own (a ``DedicatedThreadExecutor``, ended when it
/// returns), where blocking socket calls hold up nothing else. Where task executors are not
/// available (macOS before 15) it runs in place, on the cooperative pool.
public func onDedicatedThread<Result>(named name: String, _ operation: () async -> Result) async -> Result {
    if #available(macOS 15, *) {
        let executor = DedicatedThreadExecutor(name: name)
        defer { executor.finish() }
        return await withTaskExecutorPreference(executor, operation: operation)
    }
    return await operation()
}

/// Starts a task whose code runs on a thread of its own (see ``onDedicatedThread(named:_:)``);
/// the thread ends with the task.
public func taskOnDedicatedThread<Result: Sendable>(
    named name: String, _ operation: sending @escaping @isolated(any) () async -> Result
) -> Task<Result, Never> {
    if #available(macOS 15, *) {
        let executor = DedicatedThreadExecutor(name: name)
        return Task(executorPreference: executor) {
            defer { executor.finish() }
            return await operation()
        }
    }
    return Task { await operation() }
}
