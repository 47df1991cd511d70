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
    func run(_ anomalies: [Anomaly], bytes: [UInt8], index: UInt64) async -> CaseRun

    /// The known-good exchange: a fresh connection and a valid message answered correctly.
    func probe() async -> CaseRun

    /// Brings the device back to its initial state (a simulator: a new instance; a real
    /// device: close everything and wait the settle time). Returns a problem, if any.
    func restart() async -> String?

    /// Closes everything; the campaign is over.
    func close() async
}
