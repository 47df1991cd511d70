import Foundation
import MedConformCore
import ProfileLoader
import Testing

/// One diagnostic a test expects: at marker `marker` of its marked text, or at a whole file.
struct ExpectedDiagnostic: Sendable {
    var marker: Int?
    var severity: Diagnostic.Severity
    var message: String

    /// The rendering `path:line:column: severity: message` the test compares with.
    func rendered(in marked: MarkedText, file: String) -> String {
        let place = marker.map { "\(file):\(marked.position($0))" } ?? "\(file):1:1"
        return "\(place): \(severity.rawValue): \(message)"
    }

    /// An error at marker `marker`, or at the file itself when nil.
    static func error(_ marker: Int?, _ message: String) -> ExpectedDiagnostic {
        ExpectedDiagnostic(marker: marker, severity: .error, message: message)
    }

    static func note(_ marker: Int, _ message: String) -> ExpectedDiagnostic {
        ExpectedDiagnostic(marker: marker, severity: .note, message: message)
    }
}

/// Expects exactly `expected`, in order: a missing, different or extra diagnostic fails.
func expectDiagnostics(_ actual: [Diagnostic], _ expected: [ExpectedDiagnostic], in marked: MarkedText, file: String,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let wanted = expected.map { $0.rendered(in: marked, file: file) }
    let got = actual.map(\.description)
    #expect(got == wanted, "\n--- expected\n\(wanted.joined(separator: "\n"))\n--- got\n\(got.joined(separator: "\n"))", sourceLocation: sourceLocation)
}

/// A loader over the fixture spec library and the fake plugins, in a directory of its own.
struct LoaderFixture {
    let directory: TemporaryDirectory
    let specsRoot: String
    let library: SpecLibrary
    let loader: ProfileLoader

    init() throws {
        directory = try TemporaryDirectory()
        specsRoot = try SpecFixtures.write(into: directory)
        let collector = DiagnosticCollector()
        library = SpecLibrary.load(root: specsRoot, collector: collector)
        #expect(collector.diagnostics.isEmpty, "fixture specs: \(collector.diagnostics)")
        loader = ProfileLoader(registry: FakeRegistry.registry, specs: library)
    }

    /// Loads `marked` as `profile.yaml`; returns the plan and every diagnostic, with the
    /// temporary spec folder written as `<specs>` in messages.
    func load(_ marked: MarkedText, overrides: LoadOverrides = LoadOverrides(environment: [:])) -> (RunPlan?, [Diagnostic]) {
        let collector = DiagnosticCollector()
        let plan = loader.load(text: marked.text, path: "profile.yaml", overrides: overrides, collector: collector)
        let diagnostics = collector.diagnostics.map { diagnostic in
            var copy = diagnostic
            copy.message = copy.message.replacingOccurrences(of: specsRoot, with: "<specs>")
            return copy
        }
        return (plan, diagnostics)
    }
}
