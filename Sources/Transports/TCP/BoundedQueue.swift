import NIOCore

/// Items handed from one producer (a connection's pump task, or a listener's accept path) to
/// callers that take them with a time limit.
///
/// NIO's inbound stream has a single consumer, and cancelling a waiting `next()` ends the stream
/// for good, so a `read` that times out must not wait on it directly. A pump task owns the stream
/// and moves items here; callers wait on this queue, and a timeout or cancellation only withdraws
/// their wake-up, leaving later items in place. While `capacity` is used up the pump stops pulling,
/// which lets NIO's back-pressure stop reading the socket, so TCP flow control throttles the peer.
final class BoundedQueue<Element: Sendable>: Sendable {
    /// How the queue ended.
    enum Ending: Sendable {
        /// The producer saw the end of its stream; items already queued are still delivered.
        case finished
        /// The producer's stream failed; items already queued are delivered first.
        case failed(TransportError)
        /// The consumer side closed the queue; queued items were dropped.
        case closed
    }

    /// What ``next(until:on:)`` found.
    enum Next: Sendable {
        case element(Element)
        case ended(Ending)
        case timedOut
        case cancelled
    }

    private struct State: Sendable {
        var items = CircularBuffer<Element>()
        var used = 0
        var ending: Ending?
        var consumers: [ObjectIdentifier: OneShot<Void>] = [:]
        var producer: CheckedContinuation<Void, Never>?

        mutating func takeConsumers() -> [OneShot<Void>] {
            defer { consumers.removeAll() }
            return Array(consumers.values)
        }
    }

    /// Total cost the producer may fill before ``waitForSpace()`` suspends it.
    let capacity: Int
    private let cost: @Sendable (Element) -> Int
    private let merge: @Sendable (inout Element, Element) -> Bool
    private let state = LockedBox(State())

    /// - Parameters:
    ///   - cost: what an item counts against `capacity` (bytes, or 1 per connection).
    ///   - merge: folds an arriving item into the last queued one when it returns true, so that a
    ///     peer sending many tiny segments does not cost one queue entry each.
    init(
        capacity: Int,
        cost: @escaping @Sendable (Element) -> Int,
        merge: @escaping @Sendable (inout Element, Element) -> Bool = { _, _ in false }
    ) {
        self.capacity = capacity
        self.cost = cost
        self.merge = merge
    }

    var ending: Ending? { state.withLock { $0.ending } }

    /// Callers currently registered for a wake-up; zero whenever nobody waits.
    var waitingCount: Int { state.withLock { $0.consumers.count } }

    /// Whether the producer should hold back: the queue is full or has ended.
    var isFullOrEnded: Bool { state.withLock { $0.used >= capacity || $0.ending != nil } }

    // MARK: Producer side

    /// Queues `item` and wakes waiting consumers; returns false, keeping nothing, once the queue has ended.
    func push(_ item: Element) -> Bool {
        let consumers = state.withLock { state -> [OneShot<Void>]? in
            guard state.ending == nil else { return nil }
            state.used += cost(item)
            if state.items.isEmpty || !merge(&state.items[state.items.index(before: state.items.endIndex)], item) {
                state.items.append(item)
            }
            return state.takeConsumers()
        }
        guard let consumers else { return false }
        for consumer in consumers { consumer.resolve(.value(())) }
        return true
    }

    /// Suspends the producer while the queue is full; returns at once when it has ended.
    func waitForSpace() async {
        guard state.withLock({ $0.used >= capacity && $0.ending == nil }) else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state in
                guard state.used >= capacity, state.ending == nil else { return true }
                state.producer = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Records the end of the producer's stream; the first ending wins.
    func finish(_ ending: Ending) {
        let consumers = state.withLock { state -> [OneShot<Void>] in
            if state.ending == nil { state.ending = ending }
            return state.takeConsumers()
        }
        for consumer in consumers { consumer.resolve(.value(())) }
    }

    // MARK: Consumer side

    /// Ends the queue from the consumer side: drops and returns what was queued, wakes everyone.
    /// Idempotent.
    @discardableResult
    func close() -> [Element] {
        let (dropped, consumers, producer) = state.withLock { state in
            state.ending = .closed
            let dropped = Array(state.items)
            state.items.removeAll()
            state.used = 0
            let producer = state.producer
            state.producer = nil
            return (dropped, state.takeConsumers(), producer)
        }
        for consumer in consumers { consumer.resolve(.value(())) }
        producer?.resume()
        return dropped
    }

    /// The next item, or how the queue ended, waiting no later than `deadline`.
    /// A timeout or cancellation leaves the queue as it was.
    func next(until deadline: ContinuousClock.Instant, on eventLoop: any EventLoop) async -> Next {
        while true {
            if Task.isCancelled { return .cancelled }
            if let found = take() { return found }
            let remaining = deadline - .now
            guard remaining > .zero else { return .timedOut }
            var registered: OneShot<Void>?
            let outcome = await OneShot<Void>.wait(limit: remaining, on: eventLoop) { shot in
                registered = shot
                wake(shot)
            }
            switch outcome {
            case .value:
                continue
            case .timedOut:
                forget(registered)
                return .timedOut
            case .cancelled:
                forget(registered)
                return .cancelled
            }
        }
    }

    private func take() -> Next? {
        let (found, producer): (Next?, CheckedContinuation<Void, Never>?) = state.withLock { state in
            if case .closed? = state.ending { return (.ended(.closed), nil) }
            guard let item = state.items.popFirst() else {
                return (state.ending.map { .ended($0) }, nil)
            }
            state.used -= cost(item)
            var producer: CheckedContinuation<Void, Never>?
            if state.used < capacity {
                producer = state.producer
                state.producer = nil
            }
            return (.element(item), producer)
        }
        producer?.resume()
        return found
    }

    /// Resolves `shot` as soon as there is something to take (now, if there already is).
    private func wake(_ shot: OneShot<Void>) {
        let ready = state.withLock { state in
            guard state.items.isEmpty, state.ending == nil else { return true }
            state.consumers[ObjectIdentifier(shot)] = shot
            return false
        }
        if ready { shot.resolve(.value(())) }
    }

    /// Withdraws the wake-up of a caller that stopped waiting, so that a caller polling a silent
    /// peer with short timeouts does not pile up registrations.
    private func forget(_ shot: OneShot<Void>?) {
        guard let shot else { return }
        state.withLock { _ = $0.consumers.removeValue(forKey: ObjectIdentifier(shot)) }
    }
}
