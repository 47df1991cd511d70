/// What a gateway remembers across connections for its stateful fuzz-only faults: how many
/// oversize messages it has seen (``HL7GatewayFault/stallAfterOversize``) and whether it has
/// crashed (``HL7GatewayFault/crashOnHexEscape``).
///
/// One per ``HL7GatewaySimulator`` instance, shared by its copies: a new instance, which is
/// how a simulator is restarted, starts afresh.
actor GatewayFaultState {
    private var oversizeMessages = 0
    private(set) var hasCrashed = false

    /// Counts a received message of `byteCount` bytes when it is larger than `limit`; true
    /// once `stallAt` such messages have come, this one included.
    func recordMessage(byteCount: Int, limit: Int, stallAt: Int) -> Bool {
        if byteCount > limit && oversizeMessages < stallAt { oversizeMessages += 1 }
        return oversizeMessages >= stallAt
    }

    /// Marks the gateway as crashed: it stays down for good.
    func crash() {
        hasCrashed = true
    }
}
