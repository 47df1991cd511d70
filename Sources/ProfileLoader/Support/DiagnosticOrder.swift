import MedConformCore

/// Hands a loading pass's diagnostics to the caller in the order of the file.
///
/// A pass reads the file in several sweeps (top-level keys, targets, suites, then each
/// plugin's keys), so diagnostics are found out of order. The user reads them top to bottom,
/// like a compiler's, so they are sorted by position; a note stays right after the error it
/// explains, and an identical diagnostic (a value reached twice through an alias) is shown once.
enum DiagnosticOrder {
    /// Appends the diagnostics of `source` to `target`, sorted.
    ///
    /// - Parameter drop: Says, from a diagnostic's index in `source`, whether it is a mere
    ///   consequence of an earlier one and should not be shown.
    static func flush(_ source: DiagnosticCollector, into target: DiagnosticCollector,
                      dropping drop: (Int, Diagnostic) -> Bool = { _, _ in false }) {
        var groups: [(index: Int, diagnostics: [Diagnostic])] = []
        for (index, diagnostic) in source.diagnostics.enumerated() {
            if diagnostic.severity == .note, !groups.isEmpty {
                groups[groups.count - 1].diagnostics.append(diagnostic)
            } else {
                groups.append((index, [diagnostic]))
            }
        }
        let kept = groups.filter { !drop($0.index, $0.diagnostics[0]) }
        let ordered = kept.sorted { a, b in
            switch (a.diagnostics[0].location, b.diagnostics[0].location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.index < b.index
            }
        }
        var seen: Set<[Diagnostic]> = []
        for group in ordered where seen.insert(group.diagnostics).inserted {
            target.append(contentsOf: group.diagnostics)
        }
    }
}
