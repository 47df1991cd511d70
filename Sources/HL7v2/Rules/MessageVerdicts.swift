import MedConformCore

/// Everything the message-level rules found in one message payload.
public struct MessageVerdicts: Sendable {
    /// The parsed message; nil when it did not parse (then only the `parse` rule has judged it).
    public var message: HL7Message?
    /// Observations in requirement spec order; for one requirement, in message order.
    public var observations: [RequirementObservation]
    /// True when the message parsed and no observation failed.
    public var conforms: Bool
    /// The first failing observation, if any.
    public var firstFailure: RequirementObservation?
    /// MSH-9 as written, such as `ORU^R01^ORU_R01`.
    public var messageType: String?
    /// MSH-10, the message control ID.
    public var controlID: String?

    /// Builds verdicts from observations, deriving `conforms` and `firstFailure`.
    public init(message: HL7Message?, observations: [RequirementObservation], messageType: String?, controlID: String?) {
        self.message = message
        self.observations = observations
        // Looked at in place: a closure over the elements would copy each observation out.
        var failure: RequirementObservation? = nil
        for index in observations.indices where observations[index].observation.outcome == .fail {
            failure = observations[index]
            break
        }
        // A message that does not parse never conforms, even under a rule set without `parse`.
        self.conforms = failure == nil && message != nil
        self.firstFailure = failure
        self.messageType = messageType
        self.controlID = controlID
    }

    /// The observations of one requirement, in order.
    public func observations(of requirementID: String) -> [Observation] {
        observations.filter { $0.requirementID == requirementID }.map(\.observation)
    }
}
