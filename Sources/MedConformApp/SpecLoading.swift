import MedConformCore
import ProfileLoader

/// Finds and loads the spec library the way every command does.
enum SpecLoading {
    /// Loads the library, or reports why it cannot be found. Returns nil when errors were reported.
    static func library(explicit: String?, profilePath: String?, environment: AppEnvironment,
                        collector: DiagnosticCollector) -> SpecLibrary? {
        guard let root = SpecLocator.find(
            explicit: explicit, profilePath: profilePath, environment: environment.environment,
            executablePath: environment.executablePath, currentDirectory: environment.currentDirectory)
        else {
            collector.error("cannot find the Specs folder; pass --specs DIR or set MEDCONFORM_SPECS", at: nil)
            return nil
        }
        let library = SpecLibrary.load(root: root, collector: collector)
        return collector.hasErrors ? nil : library
    }
}
