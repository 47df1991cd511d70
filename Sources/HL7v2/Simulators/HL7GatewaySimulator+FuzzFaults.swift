extension HL7GatewaySimulator {
    /// Components longer than this set off ``HL7GatewayFault/garbledAckOnLongComponent``.
    public static let longComponentBytes = 2048
    /// Fields with more repetitions than this set off ``HL7GatewayFault/wrongEchoOnManyRepetitions``.
    public static let repetitionLimit = 8
    /// Messages larger than this count towards ``HL7GatewayFault/stallAfterOversize``.
    public static let oversizeBytes = 16 * 1024
    /// The oversize message at which ``HL7GatewayFault/stallAfterOversize`` stalls the gateway.
    public static let oversizeMessagesToStall = 3

    /// What a received message does to a gateway with fuzz-only faults before it is answered.
    enum FuzzReaction: Sendable, Equatable {
        /// Nothing: it is answered as usual.
        case none
        /// ``HL7GatewayFault/crashOnHexEscape``: the gateway goes down.
        case crash
        /// ``HL7GatewayFault/hangOnDelimiterRedeclaration``: the connection is never answered again.
        case hang
    }

    /// The reaction `payload` sets off; a pure function of the bytes and the faults.
    func fuzzReaction(to payload: [UInt8]) -> FuzzReaction {
        if faults.contains(.crashOnHexEscape), let message = try? HL7Message.parse(payload),
           FuzzTriggers.malformedHexEscapeInOBX5(message) {
            return .crash
        }
        if faults.contains(.hangOnDelimiterRedeclaration) && FuzzTriggers.redeclaresDelimiters(payload) {
            return .hang
        }
        return .none
    }

    /// What ``HL7GatewayFault/garbledAckOnLongComponent`` sends instead of `acknowledgement`:
    /// the acknowledgement cut off inside MSH-2, which no parser can read as a message.
    static func garbled(_ acknowledgement: [UInt8]) -> [UInt8] {
        Array(acknowledgement.prefix(6))
    }
}
