import MedConformCore

/// A defect the simulated PHD manager can be told to have; each breaks the requirements in
/// ``breaks`` when the harness plays the agent against it.
public enum PHDManagerFault: String, CaseIterable, Sendable, Hashable {
    case rejectAssociation = "reject-association"
    case wrongSystemType = "wrong-system-type"
    case noConfigResponse = "no-config-response"
    case wrongInvokeID = "wrong-invoke-id"
    case noReleaseResponse = "no-release-response"
    case stuckAfterAbort = "stuck-after-abort"
    case wrongConfigInvokeID = "wrong-config-invoke-id"
    case malformedAck = "malformed-ack"
    case strayAnswer = "stray-answer"
    // Fuzz-only: harmless in every conformant exchange (see ``fuzzOnly``).
    case crashOnEmptyObjectCount = "crash-on-empty-object-count"
    case hangOnLongAttribute = "hang-on-long-attribute"

    /// The fault's name as written in profiles and on the command line.
    public var name: String { rawValue }

    /// What the faulty manager does, in one line.
    public var summary: String {
        switch self {
        case .rejectAssociation: "answers every AARQ with rejected-permanent"
        case .wrongSystemType: "declares system-type agent (0x00800000) in the protocol its AARE selects"
        case .noConfigResponse: "never answers a configuration report"
        case .wrongInvokeID: "acknowledges measurement event reports (not the configuration report) with the invoke-id plus one"
        case .noReleaseResponse: "never answers a release request"
        case .stuckAfterAbort: "after an abort, answers every later AARQ with rejected-transient"
        case .wrongConfigInvokeID: "answers configuration reports with the invoke-id plus one"
        case .malformedAck: "acknowledges the first measurement report with an APDU whose data-APDU length says 2 bytes more than it holds"
        case .strayAnswer: "sends a RORS get that answers nothing right after its first association response"
        case .crashOnEmptyObjectCount:
            "crashes (resets the connection and refuses connections until restarted) on a configuration report that counts no objects in a non-empty list"
        case .hangOnLongAttribute: "stops answering on a configuration report with an attribute value declared longer than 1 KiB"
        }
    }

    /// The requirement IDs a harness run against this fault fails.
    public var breaks: [String] {
        switch self {
        case .rejectAssociation: ["PHD-AARE-RESULT"]
        case .wrongSystemType: ["PHD-AARE-PROTOCOL"]
        case .noConfigResponse: ["PHD-CONFIG-RESPONSE"]
        case .wrongInvokeID: ["PHD-EVENT-ACK"]
        case .noReleaseResponse: ["PHD-RELEASE"]
        case .stuckAfterAbort: ["PHD-ABORT-RECOVERY"]
        case .wrongConfigInvokeID: ["PHD-INVOKE-ID"]
        // The harness cannot read the broken acknowledgement, so the report goes unanswered too.
        case .malformedAck: ["PHD-APDU-WELLFORMED", "PHD-EVENT-ACK"]
        case .strayAnswer: ["PHD-STATE"]
        case .crashOnEmptyObjectCount, .hangOnLongAttribute: []
        }
    }

    /// The input that sets off a fuzz-only fault and how a campaign sees it fail; nil for
    /// the faults the ordinary suites find.
    public var fuzzOnly: FaultDescription.FuzzOnly? {
        switch self {
        case .crashOnEmptyObjectCount:
            FaultDescription.FuzzOnly(
                trigger: "a configuration report's config-obj-list count is 0 while the list's length is not",
                failureClasses: [.reset, .refused, .probeFailed])
        case .hangOnLongAttribute:
            FaultDescription.FuzzOnly(
                trigger: "an attribute of a configuration report declares a value longer than \(PHDFuzzTriggers.longAttributeBytes) bytes",
                failureClasses: [.timeout])
        default:
            nil
        }
    }

    /// True for faults only a fuzzer finds: see ``fuzzOnly``.
    public var isFuzzOnly: Bool { fuzzOnly != nil }
}
