import MedConformCore
import ProfileLoader

/// `medconform lint`: checks profiles (and the specs they use) without running anything.
public enum LintCommand {
    public static func main(profiles: [String], specs: String?, environment: AppEnvironment) -> ExitStatus {
        let collector = DiagnosticCollector()
        var planned = 0
        if let library = SpecLoading.library(explicit: specs, profilePath: profiles.first, environment: environment, collector: collector) {
            let loader = ProfileLoader(registry: BuiltInPlugins.registry, specs: library)
            for path in profiles where loader.load(path: path, overrides: LoadOverrides(environment: environment.environment), collector: collector) != nil {
                planned += 1
            }
        }
        for diagnostic in collector.sorted { environment.standardError(diagnostic.description) }
        if collector.hasErrors {
            environment.standardError("\(collector.errorCount) error\(collector.errorCount == 1 ? "" : "s") in \(profiles.count - planned) of \(profiles.count) profile\(profiles.count == 1 ? "" : "s")")
            return .usage
        }
        environment.standardOutput("\(planned) profile\(planned == 1 ? "" : "s") OK")
        return .conforms
    }
}
