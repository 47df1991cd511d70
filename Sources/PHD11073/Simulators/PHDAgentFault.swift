import MedConformCore

/// A defect a simulated PHD agent can be told to have.
///
/// Each fault breaks the requirements in ``breaks(for:)`` and, as far as 20601 allows,
/// nothing else. Requirement IDs of one specialization start with its
/// ``PHDSpecialization/requirementPrefix`` (`P10404-UNITS`, …), so each agent simulator lists
/// its own. Content faults change what ``PHDAgentSimulator`` builds; behaviour faults change
/// how ``PHDAgentSimulator/run(on:measurements:responseTimeout:log:trace:)`` answers.
///
/// The configuration faults (``configIDMismatch``, ``missingUnit``, ``wrongUnit``,
/// ``wrongObjectType``, ``abortMidConfiguration``) show only when the manager asks for the configuration
/// (accepted-unknown-config): after `accepted` a standard-configuration agent sends none.
public enum PHDAgentFault: String, CaseIterable, Sendable, Hashable {
    case wrongConfigID = "wrong-config-id"
    case wrongSystemType = "wrong-system-type"
    case noMDER = "no-mder"
    case configIDMismatch = "config-id-mismatch"
    case missingUnit = "missing-unit"
    case wrongUnit = "wrong-unit"
    case specialValue = "special-value"
    case outOfRange = "out-of-range"
    case badTimestamp = "bad-timestamp"
    case lengthLie = "length-lie"
    case reportBeforeAssociation = "report-before-association"
    case abortMidConfiguration = "abort-mid-configuration"
    case wrongInvokeID = "wrong-invoke-id"
    case noGetResponse = "no-get-response"
    case noReleaseResponse = "no-release-response"
    case oldProtocolVersion = "old-protocol-version"
    case no20601DataProto = "no-20601-data-proto"
    case zeroSystemID = "zero-system-id"
    case reservedConfigID = "reserved-config-id"
    case wrongObjectType = "wrong-object-type"
    // Fuzz-only: harmless in every conformant exchange (see ``fuzzOnly``).
    case crashOnProtoInfoLength = "crash-on-proto-info-length"
    case hangOnUnknownEventResult = "hang-on-unknown-event-result"

    /// The fault's name as written in profiles and on the command line.
    public var name: String { rawValue }

    /// What the faulty agent does, in one line.
    public var summary: String {
        switch self {
        case .wrongConfigID:
            "announces another specialization's standard dev-config-id in the AARQ and the configuration report"
        case .wrongSystemType:
            "declares system-type manager (0x80000000) in its AARQ"
        case .noMDER:
            "offers only XER (encoding-rules 0x4000) in its AARQ, not MDER"
        case .configIDMismatch:
            "sends a configuration report whose config-report-id differs from the AARQ's dev-config-id"
        case .missingUnit:
            "leaves MDC_ATTR_UNIT_CODE out of every object of its configuration report"
        case .wrongUnit:
            "gives the first object of its configuration report a unit of another quantity (kg for SpO2, % for weight)"
        case .specialValue:
            "reports NaN (SFLOAT 0x07FF, FLOAT 0x007FFFFF) as the first value of the first measurement"
        case .outOfRange:
            "reports a first value far outside the plausible range (SpO2 150 %, systolic 400 mmHg, 52 °C, 900 kg, 1900 mg/dL)"
        case .badTimestamp:
            "stamps the first measurement with month 13"
        case .lengthLie:
            "sends a first scan report whose first obs-val-data length says 2 bytes more than it holds"
        case .reportBeforeAssociation:
            "sends a scan report before its AARQ"
        case .abortMidConfiguration:
            "sends ABRT right after its configuration report instead of waiting for the answer"
        case .wrongInvokeID:
            "answers the manager's GET with the invoke-id plus one"
        case .noGetResponse:
            "never answers the manager's GET"
        case .noReleaseResponse:
            "ignores a release request and, at the end, waits instead of releasing"
        case .oldProtocolVersion:
            "declares protocol-version 0x40000000 (without version 1) in its AARQ"
        case .no20601DataProto:
            "offers only an external data protocol (0xFFFF) in its AARQ, not 20601"
        case .zeroSystemID:
            "uses an all-zero system-id"
        case .reservedConfigID:
            "announces a reserved dev-config-id (0x8000 plus its standard one)"
        case .wrongObjectType:
            "gives the first object of its configuration report another specialization's type"
        case .crashOnProtoInfoLength:
            "crashes (resets the connection and connects no more until restarted) on an AARE whose data-proto-info length is wrong"
        case .hangOnUnknownEventResult:
            "stops answering on an event report result of an event type it has no layout for"
        }
    }

    /// The requirement IDs a harness run against this fault fails, for an agent of `specialization`.
    public func breaks(for specialization: PHDSpecialization) -> [String] {
        let prefix = specialization.requirementPrefix
        switch self {
        case .wrongConfigID: return ["\(prefix)-CONFIG-ID"]
        case .wrongSystemType: return ["PHD-SYSTEM-TYPE"]
        case .noMDER: return ["PHD-ENCODING-MDER"]
        case .configIDMismatch: return ["PHD-CONFIG-REPORT"]
        // No unit at all is no unit the specialization allows either.
        case .missingUnit: return ["PHD-CONFIG-ATTRIBUTES", "\(prefix)-UNITS"]
        case .wrongUnit: return ["\(prefix)-UNITS"]
        case .specialValue: return ["PHD-MEASUREMENT-NUMBER"]
        case .outOfRange: return ["\(prefix)-RANGES"]
        case .badTimestamp: return ["PHD-TIMESTAMP"]
        case .lengthLie: return ["PHD-APDU-WELLFORMED"]
        case .reportBeforeAssociation: return ["PHD-STATE"]
        case .abortMidConfiguration: return ["PHD-CONFIG-REPORT"]
        case .wrongInvokeID: return ["PHD-INVOKE-ID"]
        case .noGetResponse: return ["PHD-GET-RESPONSE"]
        case .noReleaseResponse: return ["PHD-RELEASE"]
        case .oldProtocolVersion: return ["PHD-ASSOC-VERSIONS"]
        case .no20601DataProto: return ["PHD-DATA-PROTO"]
        case .zeroSystemID: return ["PHD-SYSTEM-ID"]
        // Reserved is neither standard nor extended, so no specialization's either.
        case .reservedConfigID: return ["PHD-CONFIG-ID-RANGE", "\(prefix)-CONFIG-ID"]
        case .wrongObjectType: return ["\(prefix)-OBJECTS"]
        case .crashOnProtoInfoLength, .hangOnUnknownEventResult: return []
        }
    }

    /// The input that sets off a fuzz-only fault and how a campaign sees it fail; nil for
    /// the faults the ordinary suites find.
    public var fuzzOnly: FaultDescription.FuzzOnly? {
        switch self {
        case .crashOnProtoInfoLength:
            FaultDescription.FuzzOnly(
                trigger: "an AARE's data-proto-info length (bytes 8-9) is not the number of bytes after it",
                failureClasses: [.reset, .refused, .probeFailed])
        case .hangOnUnknownEventResult:
            FaultDescription.FuzzOnly(
                trigger: "a RORS confirmed event report carries an event type other than the configuration and scan-report notifications",
                failureClasses: [.timeout])
        default:
            nil
        }
    }

    /// True for faults only a fuzzer finds: see ``fuzzOnly``.
    public var isFuzzOnly: Bool { fuzzOnly != nil }
}
