/// How ``PHDManagerSimulator/serve(on:responseTimeout:log:trace:)`` ended, and what it served.
public struct PHDManagerRunEnd: Sendable, Hashable, CustomStringConvertible {
    public enum Reason: String, Sendable, Hashable {
        /// The agent closed the connection.
        case peerClosed = "the agent closed the connection"
        /// The connection failed.
        case connectionFailed = "the connection failed"
        /// Nothing came for the idle limit; the manager closed the connection.
        case idle = "nothing came for the idle limit"
        /// The task was cancelled.
        case cancelled = "cancelled"
        /// A fuzz-only fault crashed the manager: it reset the connection and accepts no more.
        case crashed = "crashed (fuzz-only fault)"
    }

    public var reason: Reason
    /// Associations the manager accepted.
    public var associations = 0
    /// Configuration reports it accepted.
    public var configurations = 0
    /// Confirmed event reports (other than configuration reports) it acknowledged.
    public var acknowledgedReports = 0
    /// GET responses that answered its GET with the right invoke-id.
    public var mdsAnswers = 0
    /// Release requests it answered.
    public var releases = 0
    /// Aborts it sent or received.
    public var aborts = 0

    public init(reason: Reason) { self.reason = reason }

    public var description: String {
        "\(reason.rawValue); \(associations) association(s), \(configurations) configuration(s), "
            + "\(acknowledgedReports) report(s) acknowledged, \(mdsAnswers) GET answer(s), \(releases) release(s), \(aborts) abort(s)"
    }
}
