import Foundation
import MedConformCore

/// Everything the commands take from the outside world, injected so that tests run them
/// in-process with fixed values instead of spawning the executable.
public struct AppEnvironment: Sendable {
    /// Where normal output goes (verdict tables, summaries).
    public var standardOutput: @Sendable (String) -> Void
    /// Where diagnostics and progress go.
    public var standardError: @Sendable (String) -> Void
    /// True when standard error is a terminal: progress is shown only then.
    public var isInteractive: Bool
    public var currentDirectory: String
    public var environment: [String: String]
    public var executablePath: String?
    public var wallClock: @Sendable () -> Date
    public var hostname: String
    /// Where raw bytes go (`medconform case --format raw`).
    public var standardOutputBytes: @Sendable ([UInt8]) -> Void

    public init(standardOutput: @escaping @Sendable (String) -> Void, standardError: @escaping @Sendable (String) -> Void,
                isInteractive: Bool, currentDirectory: String, environment: [String: String], executablePath: String?,
                wallClock: @escaping @Sendable () -> Date = { Date() }, hostname: String = ProcessInfo.processInfo.hostName,
                standardOutputBytes: @escaping @Sendable ([UInt8]) -> Void = { FileHandle.standardOutput.write(Data($0)) }) {
        self.standardOutputBytes = standardOutputBytes
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.isInteractive = isInteractive
        self.currentDirectory = currentDirectory
        self.environment = environment
        self.executablePath = executablePath
        self.wallClock = wallClock
        self.hostname = hostname
    }

    /// The real process environment.
    public static func process() -> AppEnvironment {
        AppEnvironment(
            standardOutput: { text in FileHandle.standardOutput.write(Data((text + "\n").utf8)) },
            standardError: { text in FileHandle.standardError.write(Data((text + "\n").utf8)) },
            isInteractive: isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil,
            currentDirectory: FileManager.default.currentDirectoryPath,
            environment: ProcessInfo.processInfo.environment,
            executablePath: CommandLine.arguments.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path })
    }
}
