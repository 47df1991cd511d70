import MedConformCore

/// How outcomes, exit statuses and requirement references read in every report.
enum OutcomeText {
    /// `pass`, `fail`, `error`, `skipped`, `inconclusive`, `not applicable`.
    static func label(_ outcome: Outcome) -> String {
        outcome == .notApplicable ? "not applicable" : outcome.rawValue
    }

    /// Stable token for the exit status, as the JSON log and HTML report name it.
    static func name(_ status: ExitStatus) -> String {
        switch status {
        case .conforms: "conforms"
        case .nonConformance: "non-conformance"
        case .usage: "usage-error"
        case .noVerdict: "no-verdict"
        case .interrupted: "interrupted"
        }
    }

    /// One sentence for the overall verdict.
    static func verdict(_ status: ExitStatus) -> String {
        switch status {
        case .conforms: "Conforms: every check that judged the device passed"
        case .nonConformance: "Non-conformance found"
        case .usage: "Not run: usage or profile error"
        case .noVerdict: "No verdict: harness or transport problems kept checks from judging"
        case .interrupted: "Interrupted: the results are valid but incomplete"
        }
    }

    /// `national/example:NAT-1 (example, shall; extends ihe-pcd-01, tightens PCD-OBX-5)`
    static func requirement(_ ref: RequirementRef) -> String {
        var details = "\(ref.status.rawValue), \(ref.strength.rawValue)"
        if let base = ref.base {
            details += "; extends \(base)"
            if let tightens = ref.tightens { details += ", tightens \(tightens)" }
        }
        return Sanitizer.line("\(ref.description) (\(details))", limit: 1000)
    }

    /// `spec:ID,spec:ID`, safe inside a `[[PROPERTY|…]]` marker and a property value.
    static func requirementList(_ refs: [RequirementRef]) -> String {
        let joined = Sanitizer.line(refs.map(\.description).joined(separator: ","), limit: 4000)
        // `[`, `]` and `|` would end the marker early for readers that parse it.
        return String(String.UnicodeScalarView(joined.unicodeScalars.map { "[]|".unicodeScalars.contains($0) ? "_" : $0 }))
    }
}
