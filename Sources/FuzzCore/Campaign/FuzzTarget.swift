import MedConformCore

/// What happened when one case (or the probe) met the device.
public struct CaseRun: Sendable, Equatable {
    /// The failure class, or nil when the device behaved.
    public var failure: FailureClass?
    /// One line on what the device did: `no acknowledgement within 0.250 s`.
    public var detail: String
    /// The protocol state the case met the device in: `awaiting acknowledgement`.
    public var state: String
    /// Every write, in order, exactly as sent.
    public var written: [[UInt8]]
    /// Every frame or chunk read back, in order.
    public var read: [[UInt8]]

    public init(failure: FailureClass?, detail: String, state: String, written: [[UInt8]] = [], read: [[UInt8]] = []) {
        self.failure = failure
        self.detail = detail
        self.state = state
        self.written = written
        self.read = read
    }
}

/// The device as a campaign sees it. A protocol plugin implements one per direction; the
/// campaign owns it and calls it from one task only.
///
/// Implementations keep their connection between cases when they can (fuzzing.md §5.2:
/// connection reuse is the throughput tier), and drop it after any failure.
public protocol FuzzTarget: AnyObject {
    /// Sends one case and observes the device's answer. `bytes` is the case as generated;
    /// a target that binds session variables (a control ID to echo, derived from `index`)
    /// renders `anomalies` again.
    ///
    /// `meanwhile` is the caller's own work for the time the device needs (a campaign
    /// generates its next case there). A target that can, calls it once, after the case is
    /// written and before the answer is awaited, so that the two overlap; a target that does
    /// not call it leaves it to the caller, which then runs it after the exchange. Either way
    /// nothing the device sees changes: only when the harness does its own work.
    func run(_ anomalies: [Anomaly], bytes: [UInt8], index: UInt64, meanwhile: () -> Void) async -> CaseRun

    /// The case the caller will run next, given while the device still works on the current
    /// one: a target whose wire bytes depend on the case alone may render them now. A hint,
    /// with nothing to return; by default ignored.
    func prepare(_ anomalies: [Anomaly], bytes: [UInt8], index: UInt64)

    /// The known-good exchange: a fresh connection and a valid message answered correctly.
    func probe() async -> CaseRun

    /// Brings the device back to its initial state (a simulator: a new instance; a real
    /// device: close everything and wait the settle time). Returns a problem, if any.
    func restart() async -> String?

    /// Closes everything; the campaign is over.
    func close() async
}

extension FuzzTarget {
    public func prepare(_ anomalies: [Anomaly], bytes: [UInt8], index: UInt64) {}

    /// Sends one case with nothing to do meanwhile (replays, confirmation, shrinking).
    public func run(_ anomalies: [Anomaly], bytes: [UInt8], index: UInt64) async -> CaseRun {
        await run(anomalies, bytes: bytes, index: index, meanwhile: {})
    }
}

/// How a target brings the device back once it has closed its connections, the same for
/// every protocol: an in-process simulator is restarted; a real device is given the profile's
/// `settle` time, since the harness cannot restart it.
public enum DeviceRestart {
    /// Returns why the simulator could not start, if it could not.
    /// - Parameter simulator: Restarts the simulator; nil for a real device.
    public static func simulatorOrSettle(_ simulator: (() async throws -> Void)?, settle: Duration,
                                         clock: MonotonicClock) async -> String? {
        if let simulator {
            do {
                try await simulator()
            } catch {
                return "the simulator could not start: \(error)"
            }
        } else if settle > .zero {
            try? await clock.sleep(settle)
        }
        return nil
    }
}
