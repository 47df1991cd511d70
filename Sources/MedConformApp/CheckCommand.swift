import Foundation
import MedConformCore
import ProfileLoader
import Reporting

/// `medconform check`: judges captured files offline against specs.
public enum CheckCommand {
    public struct Options: Sendable {
        public var files: [String]
        public var specIDs: [String]
        public var specs: String?
        public var output: String?
        /// Print each suite's decoded view (its log) before the verdicts.
        public var describe: Bool

        public init(files: [String], specIDs: [String] = [], specs: String? = nil, output: String? = nil, describe: Bool = false) {
            self.describe = describe
            self.files = files
            self.specIDs = specIDs
            self.specs = specs
            self.output = output
        }
    }

    public static let defaultSpec = "ihe-pcd-01"

    /// Judges the files; returns nil (after printing diagnostics) on a usage or spec error.
    public static func judge(_ options: Options, environment: AppEnvironment) -> RunResult? {
        let collector = DiagnosticCollector()
        defer { for diagnostic in collector.sorted { environment.standardError(diagnostic.description) } }
        guard let library = SpecLoading.library(explicit: options.specs, profilePath: nil, environment: environment, collector: collector)
        else { return nil }
        let ids = options.specIDs.isEmpty ? [defaultSpec] : options.specIDs
        let commandLine = SourceLocation(file: "<command line>", line: 1, column: 1)
        guard let specs = library.resolve(ids.map { SpecReference(id: $0, location: commandLine) }, collector: collector) else { return nil }
        let pluginIDs = specs.specs.compactMap(\.plugin)
        guard let pluginID = pluginIDs.last, let plugin = BuiltInPlugins.registry.plugin(pluginID), plugin.supportsOfflineCheck else {
            collector.error("the specs \(ids.map { "'\($0)'" }.joined(separator: ", ")) name no plugin that can check captured files", at: commandLine)
            return nil
        }
        var files: [CapturedFile] = []
        for path in options.files {
            guard let data = FileManager.default.contents(atPath: path) else {
                collector.error("cannot read '\(path)'", at: .file(path))
                continue
            }
            files.append(CapturedFile(path: path, bytes: Array(data)))
        }
        guard !collector.hasErrors, let prepared = plugin.prepareOfflineCheck(specs: specs, collector: collector),
              let suites = plugin.checkCaptured(files, prepared: prepared, specs: specs)
        else { return nil }
        let started = environment.wallClock()
        let digest = SHA256.hex(files.flatMap(\.bytes))
        let profile = ProfileSummary(
            path: "<check>", id: "check", title: "Offline check of \(files.count) captured file\(files.count == 1 ? "" : "s")",
            sha256: digest, device: DeviceInfo(manufacturer: "unknown", model: "captured data"), capabilities: [])
        return RunResult(
            runID: "check-\(UTCTimestamp.compact(started))", started: UTCTimestamp.iso8601(started), hostname: environment.hostname,
            duration: .zero, profile: profile, specs: specs.specs.map(SpecSummary.init), suites: suites,
            coverage: SpecCoverage.compute(specs: specs, suites: suites), partial: false, interruption: nil,
            properties: [Property("check.files", options.files.joined(separator: ","))])
    }

    public static func main(_ options: Options, environment: AppEnvironment) -> ExitStatus {
        guard let result = judge(options, environment: environment) else { return .usage }
        if options.describe {
            for suite in result.suites {
                for line in suite.log { environment.standardOutput(line) }
            }
        }
        for line in VerdictText.summary(of: result) { environment.standardOutput(line) }
        if let output = options.output {
            do {
                let paths = try ReportWriter(directory: output).write(result)
                environment.standardOutput("reports: \(paths.junit), \(paths.json), \(paths.html)")
            } catch {
                environment.standardError("error: \(error)")
                return .noVerdict
            }
        }
        return result.exitStatus
    }
}
