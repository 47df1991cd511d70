/// One APDU a simulator sent or received, exactly as it went over the wire, for tests and
/// for evidence: the `trace` callback of the simulators' run functions receives these.
public struct PHDTraceEvent: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable {
        case sent, received
    }

    public var direction: Direction
    public var bytes: [UInt8]

    public init(_ direction: Direction, _ bytes: [UInt8]) {
        self.direction = direction
        self.bytes = bytes
    }
}
