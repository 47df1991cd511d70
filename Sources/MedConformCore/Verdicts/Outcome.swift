/// The verdict classes of DESIGN §5.
public enum Outcome: String, Sendable, Codable, CaseIterable {
    /// The device conforms to the requirement, and data to judge it was seen.
    case pass
    /// The device does not conform.
    case fail
    /// No verdict: a harness, transport or profile problem kept the check from judging.
    case error
    /// Not run, with a reason.
    case skipped
    /// Data came, but not enough to judge.
    case inconclusive
    /// The requirement does not apply to what the device sent or claims.
    case notApplicable = "not-applicable"

    /// Combines the outcomes of several observations of one requirement.
    ///
    /// Any failure fails the requirement; otherwise any error leaves it without verdict;
    /// it passes only when at least one observation passed. A check that saw no data
    /// never passes: with no observations the result is `inconclusive`.
    public static func aggregate<S: Sequence>(_ outcomes: S) -> Outcome where S.Element == Outcome {
        var seen: [Outcome] = []
        for outcome in outcomes where !seen.contains(outcome) { seen.append(outcome) }
        for candidate in [Outcome.fail, .error, .pass, .inconclusive, .notApplicable, .skipped] where seen.contains(candidate) {
            return candidate
        }
        return .inconclusive
    }
}
