import Foundation
import MedConformApp
import MedConformCore

/// Paths of the repository and the shared workspace, found from this file.
enum Repository {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url.deleteLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath
    }()

    static func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }

    static let specs = path("Specs")
    static let demoProfile = path("Profiles/demo-pcd01-monitor.yaml")
    static let shared = (root as NSString).appendingPathComponent("../shared")
    static let junitSchema = (shared as NSString).appendingPathComponent("junit/junit-10.xsd")
    static let hl7Vectors = (shared as NSString).appendingPathComponent("vectors/hl7v2")

    static var hasSchema: Bool { FileManager.default.fileExists(atPath: junitSchema) }
    static var hasVectors: Bool { FileManager.default.fileExists(atPath: hl7Vectors) }
}

/// Output captured from a command run in-process.
final class CapturedOutput: @unchecked Sendable {
    // Guarded by `lock`: commands write from whichever task they run on.
    private let lock = NSLock()
    private var out: [String] = []
    private var err: [String] = []

    func stdout(_ line: String) { lock.lock(); out.append(line); lock.unlock() }
    func stderr(_ line: String) { lock.lock(); err.append(line); lock.unlock() }
    var standardOutput: [String] { lock.lock(); defer { lock.unlock() }; return out }
    var standardError: [String] { lock.lock(); defer { lock.unlock() }; return err }

    func environment() -> AppEnvironment {
        AppEnvironment(standardOutput: { [self] in stdout($0) }, standardError: { [self] in stderr($0) }, isInteractive: false,
                       currentDirectory: Repository.root, environment: [:], executablePath: nil,
                       wallClock: { Date(timeIntervalSince1970: 1_795_300_205) }, hostname: "test-host")
    }
}

/// A fresh temporary folder, removed by the caller with `remove()`.
struct TemporaryFolder {
    let path: String

    init() {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("medconform-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func write(_ name: String, _ text: String) -> String {
        let target = file(name)
        let written = FileManager.default.createFile(atPath: target, contents: Data(text.utf8))
        precondition(written, "the test could not write its fixture \(target)")
        return target
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Loads and runs a profile in-process, as `medconform run` does, writing reports to `output`.
enum ProfileRun {
    static func options(_ profile: String, faults: [String] = [], output: String) -> RunCommand.Options {
        RunCommand.Options(profile: profile, specs: Repository.specs, output: output, faults: faults)
    }

    /// The plan, or nil with the diagnostics left in `captured`.
    static func plan(_ options: RunCommand.Options, _ captured: CapturedOutput) -> RunPlan? {
        RunCommand.plan(options, environment: captured.environment())
    }

    /// Runs the profile; the outcome is nil when the profile did not load.
    static func run(_ profile: String, faults: [String] = [], output: String) async -> (RunCommand.Outcome?, CapturedOutput) {
        let captured = CapturedOutput()
        let options = options(profile, faults: faults, output: output)
        guard let plan = plan(options, captured) else { return (nil, captured) }
        return (await RunCommand.execute(plan, options: options, environment: captured.environment()), captured)
    }
}
