/// Per spec: which requirements were judged, and how.
public struct SpecCoverage: Sendable, Hashable, Codable {
    public struct Entry: Sendable, Hashable, Codable {
        public var requirement: String
        public var status: RequirementStatus
        /// The combined outcome over every suite that judged it; nil when never exercised.
        public var outcome: Outcome?
        public var suites: [String]
    }

    public var spec: String
    public var base: String?
    public var entries: [Entry]

    public var exercised: Int { entries.count { $0.outcome != nil } }

    /// Builds coverage for every spec of `specs` from the checks of `suites`.
    public static func compute(specs: SpecSet, suites: [SuiteResult]) -> [SpecCoverage] {
        specs.specs.filter { !$0.requirements.isEmpty }.map { spec in
            SpecCoverage(spec: spec.id, base: spec.extends, entries: spec.requirements.map { requirement in
                var outcomes: [Outcome] = []
                var suiteIDs: [String] = []
                for suite in suites {
                    for check in suite.checks where check.requirements.contains(where: { $0.id == requirement.id && $0.spec == spec.id }) {
                        outcomes.append(check.outcome)
                        if !suiteIDs.contains(suite.id) { suiteIDs.append(suite.id) }
                    }
                }
                return Entry(requirement: requirement.id, status: requirement.status,
                             outcome: outcomes.isEmpty ? nil : Outcome.aggregate(outcomes), suites: suiteIDs)
            })
        }
    }
}
