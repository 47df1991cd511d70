extension HL7GatewaySimulator {
    /// How ``HL7GatewaySimulator/serve(_:log:)`` ended.
    public enum ServeEnd: Sendable, Equatable {
        /// The connection ended (the peer closed it, it failed or went idle, the task was
        /// cancelled, or a fault closed it); the gateway can serve the next one.
        case closed
        /// The gateway crashed (``HL7GatewayFault/crashOnHexEscape``) and reset the connection.
        /// It stays down: its host should stop accepting connections and close its listener, so
        /// that new connections are refused, until a new simulator is started.
        case crashed
    }
}
