extension HL7MonitorSimulator {
    /// How ``HL7MonitorSimulator/run(on:count:responseTimeout:log:)`` ended.
    public enum RunEnd: Sendable, Equatable {
        /// The monitor closed the connection itself: every message was sent (acknowledged or
        /// not), or ``HL7MonitorFault/dropConnection`` cut the run short as it does.
        case finished
        /// The receiver closed the connection first.
        case peerClosed
        /// The connection failed (reset, write timeout) before every message was sent.
        case connectionFailed
        /// The monitor crashed (``HL7MonitorFault/crashOnAckEscape``): it reset the connection.
        case crashed
        /// The task was cancelled.
        case cancelled
    }
}
