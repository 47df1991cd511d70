import Foundation
import MedConformCore
import Reporting

/// `medconform merge DIR...`: combines the result folders of `run --shard K/N` into the JSON,
/// JUnit and HTML reports one unsharded run would have written (timings aside).
public enum MergeCommand {
    public struct Options: Sendable {
        public var directories: [String]
        public var output: String?

        public init(directories: [String], output: String? = nil) {
            self.directories = directories
            self.output = output
        }
    }

    public static func main(_ options: Options, environment: AppEnvironment) -> ExitStatus {
        var runs: [RunResult] = []
        for directory in options.directories {
            let path = (directory as NSString).appendingPathComponent("result.json")
            let full = path.hasPrefix("/") ? path : (environment.currentDirectory as NSString).appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: full) else {
                environment.standardError("error: cannot read \(path)")
                return .usage
            }
            do {
                runs.append(try JSONResultLog.decode(Array(data)))
            } catch {
                environment.standardError("\(path): error: \(error)")
                return .usage
            }
        }
        let merged: RunResult
        switch FuzzCampaignReport.mergeRuns(runs) {
        case .success(let run): merged = run
        case .failure(let error):
            environment.standardError("error: \(error)")
            return .usage
        }
        let directory = options.output ?? (environment.currentDirectory as NSString).appendingPathComponent("Results/\(merged.runID)-merged")
        for line in VerdictText.summary(of: merged) { environment.standardOutput(line) }
        do {
            let paths = try ReportWriter(directory: directory).write(merged)
            environment.standardOutput("reports: \(paths.junit), \(paths.json), \(paths.html)")
        } catch {
            environment.standardError("error: \(error)")
            return .noVerdict
        }
        return merged.exitStatus
    }
}
