/// The checks a 20601 spec requirement can name in `check: {rule: …}`, and which role's
/// exchange judges each: testing an agent (the harness is the manager) or a manager.
public enum PHDRuleKind: String, Sendable, CaseIterable {
    case apduWellformed = "apdu-wellformed"
    case associationVersions = "association-versions"
    case dataProto = "data-proto"
    case encodingMDER = "encoding-mder"
    case systemType = "system-type"
    case systemID = "system-id"
    case configID = "config-id"
    case configReport = "config-report"
    case configAttributes = "config-attributes"
    case state
    case invokeID = "invoke-id"
    case getResponse = "get-response"
    case measurementNumber = "measurement-number"
    case timestamp
    case release
    case aareResult = "aare-result"
    case aareProtocol = "aare-protocol"
    case configResponse = "config-response"
    case eventAck = "event-ack"
    case abortRecovery = "abort-recovery"
    case specializationConfigID = "specialization-config-id"
    case configObjects = "config-objects"
    case units
    case ranges

    /// The keys a check of this kind takes besides `rule`.
    var parameterKeys: [String] {
        switch self {
        case .configAttributes: ["attributes"]
        case .specializationConfigID: ["standard"]
        case .configObjects: ["types"]
        case .units: ["units"]
        case .ranges: ["ranges"]
        default: []
        }
    }

    /// True when an exchange that tests an agent judges this kind.
    public var judgesAgent: Bool {
        switch self {
        case .aareResult, .aareProtocol, .configResponse, .eventAck, .abortRecovery: false
        default: true
        }
    }

    /// True when an exchange that tests a manager judges this kind.
    public var judgesManager: Bool {
        switch self {
        case .apduWellformed, .state, .invokeID, .release, .aareResult, .aareProtocol, .configResponse, .eventAck, .abortRecovery: true
        default: false
        }
    }
}
