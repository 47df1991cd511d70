#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX socket steps the blocking transport shares: descriptor setup, waiting with a
/// deadline, and name resolution. Descriptors are non-blocking throughout, so that every wait
/// goes through ``wait(_:for:until:limit:)`` and honours its deadline and the task's cancellation.
enum SocketCalls {
    /// How long one `poll` may sleep before the caller's task is checked for cancellation: a
    /// blocked simulator or campaign notices a stop within this, while a busy exchange never
    /// waits a whole slice (poll returns as soon as bytes come).
    static let cancellationSlice: Duration = .milliseconds(50)

    /// What a wait ended with.
    enum Readiness {
        case ready
        case timedOut
        case cancelled
    }

    /// Waits until `descriptor` is ready for `events` (`POLLIN`, `POLLOUT`), `deadline` passes, or
    /// the calling task is cancelled. Errors and hang-ups count as ready: the next call reports them.
    static func wait(_ descriptor: Int32, for events: Int16, until deadline: ContinuousClock.Instant) -> Readiness {
        if spin(descriptor, for: events, budget: min(spinBudget, deadline - .now)) { return .ready }
        while true {
            let remaining = deadline - .now
            if remaining <= .zero { return .timedOut }
            let slice = min(remaining, cancellationSlice)
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let result = poll(&entry, 1, milliseconds(slice))
            if result > 0 { return .ready }
            if result < 0 && errno != EINTR { return .ready }
            if Task.isCancelled { return .cancelled }
        }
    }

    /// How long a wait first checks the socket without sleeping. On a virtual machine a thread
    /// that sleeps in `poll` takes tens of microseconds to wake when the answer comes, which
    /// is most of a loopback exchange; spinning this long first keeps the thread ready for an
    /// answer that is on its way, and costs nothing measurable when the peer is slower.
    static let spinBudget: Duration = .microseconds(250)

    /// Checks `descriptor` for `events` without sleeping until `budget` has passed; true as
    /// soon as it is ready.
    static func spin(_ descriptor: Int32, for events: Int16, budget: Duration) -> Bool {
        let end = ContinuousClock.now + budget
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        repeat {
            entry.revents = 0
            if poll(&entry, 1, 0) != 0 { return true }
        } while ContinuousClock.now < end
        return false
    }

    /// `duration` in whole milliseconds for `poll`, rounded up so that a short wait is no busy loop.
    static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let total = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: max(1, total))
    }

    /// A new TCP socket, non-blocking and closed on exec.
    static func socket(family: Int32) -> Int32 {
        #if canImport(Glibc)
        return Glibc.socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let descriptor = Darwin.socket(family, SOCK_STREAM, 0)
        if descriptor >= 0 { makeNonBlocking(descriptor) }
        return descriptor
        #endif
    }

    /// Sets `O_NONBLOCK` (and, on Darwin, `SO_NOSIGPIPE`, which Linux gets per call from `MSG_NOSIGNAL`).
    static func makeNonBlocking(_ descriptor: Int32) {
        let flags = fcntl(descriptor, F_GETFL, 0)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        #if canImport(Darwin)
        setOption(descriptor, SOL_SOCKET, SO_NOSIGPIPE, 1)
        #endif
    }

    /// Turns off Nagle's algorithm: an acknowledgement must leave at once, not wait for more bytes.
    static func setNoDelay(_ descriptor: Int32) {
        setOption(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
    }

    static func setOption(_ descriptor: Int32, _ level: Int32, _ name: Int32, _ value: Int32) {
        var value = value
        _ = setsockopt(descriptor, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    /// The flags of every `send`: no `SIGPIPE` when the peer is gone (Linux; Darwin sets
    /// `SO_NOSIGPIPE` on the socket instead).
    static var sendFlags: Int32 {
        #if canImport(Glibc)
        Int32(MSG_NOSIGNAL)
        #else
        0
        #endif
    }

    /// One resolved socket address.
    struct Resolved {
        var family: Int32
        var storage: sockaddr_storage
        var length: socklen_t
    }

    /// The addresses `host` and `port` resolve to (numeric hosts are not looked up); an empty
    /// host with `passive` means every interface. Throws a readable reason.
    static func resolve(host: String, port: Int, passive: Bool) throws(ResolutionFailure) -> [Resolved] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        hints.ai_flags = passive ? AI_PASSIVE : 0
        var list: UnsafeMutablePointer<addrinfo>?
        let status = host.isEmpty
            ? getaddrinfo(nil, String(port), &hints, &list)
            : getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw ResolutionFailure(reason: "cannot resolve '\(host)': " + String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(first) }
        var found: [Resolved] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            if let address = entry.pointee.ai_addr {
                var storage = sockaddr_storage()
                let length = min(Int(entry.pointee.ai_addrlen), MemoryLayout<sockaddr_storage>.size)
                withUnsafeMutableBytes(of: &storage) { target in
                    target.copyMemory(from: UnsafeRawBufferPointer(start: address, count: length))
                }
                found.append(Resolved(family: entry.pointee.ai_family, storage: storage, length: socklen_t(length)))
            }
            cursor = entry.pointee.ai_next
        }
        if found.isEmpty { throw ResolutionFailure(reason: "no address found for '\(host)'") }
        return found
    }

    /// Why a name did not resolve.
    struct ResolutionFailure: Error {
        var reason: String
    }

    /// The numeric text and port of a socket address, as `127.0.0.1` and 54321.
    static func describe(_ storage: sockaddr_storage) -> (host: String, port: Int) {
        var storage = storage
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let status = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                getnameinfo(address, socklen_t(MemoryLayout<sockaddr_storage>.size), &host, socklen_t(host.count),
                            &service, socklen_t(service.count), NI_NUMERICHOST | NI_NUMERICSERV)
            }
        }
        guard status == 0 else { return ("?", 0) }
        let hostText = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let portText = String(decoding: service.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (hostText, Int(portText) ?? 0)
    }
}
