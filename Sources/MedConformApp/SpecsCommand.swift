import MedConformCore
import ProfileLoader

/// `medconform specs`: lists the specs and their requirements, so a user can see what each
/// rule is, where it came from and how strongly it binds.
public enum SpecsCommand {
    public static func main(ids: [String], specs: String?, environment: AppEnvironment) -> ExitStatus {
        let collector = DiagnosticCollector()
        defer { for diagnostic in collector.sorted { environment.standardError(diagnostic.description) } }
        guard let library = SpecLoading.library(explicit: specs, profilePath: nil, environment: environment, collector: collector)
        else { return .usage }
        let selected: [Spec]
        if ids.isEmpty {
            selected = library.specs
        } else {
            let commandLine = SourceLocation(file: "<command line>", line: 1, column: 1)
            guard let set = library.resolve(ids.map { SpecReference(id: $0, location: commandLine) }, collector: collector)
            else { return .usage }
            selected = set.specs
        }
        for spec in selected {
            let relation = spec.extends.map { " (extends \($0))" } ?? ""
            environment.standardOutput("\(spec.id)\(relation) [\(spec.status.rawValue)]: \(spec.title)")
            for requirement in spec.requirements {
                let tightens = requirement.tightens.map { ", tightens \($0)" } ?? ""
                environment.standardOutput("  \(requirement.id) [\(requirement.strength.rawValue), \(requirement.status.rawValue)\(tightens)] \(requirement.title)")
            }
        }
        return .conforms
    }
}
