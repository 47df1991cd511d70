import Foundation

/// Finds the `Specs/` folder a run reads its specs from.
public struct SpecLocator: Sendable {
    /// The environment variable that names the spec folder when `--specs` is not given.
    public static let environmentVariable = "MEDCONFORM_SPECS"

    /// The spec folder, in order of preference: `explicit` (`--specs`); `$MEDCONFORM_SPECS`;
    /// the nearest `Specs/` folder walking up from the profile's directory; the same from the
    /// current directory; the same from the executable's directory.
    ///
    /// A folder found by walking up is returned relative to `currentDirectory` when it lies
    /// inside it (so diagnostics show `Specs/hl7v2.yaml`), and absolute otherwise.
    ///
    /// - Parameters:
    ///   - environment: The process environment (injected, so that tests stay pure).
    ///   - isDirectory: Whether a path names a directory; the file system by default.
    /// - Returns: The folder, or nil when none was given or found.
    public static func find(explicit: String?, profilePath: String?, environment: [String: String], executablePath: String?,
                            currentDirectory: String, isDirectory: (String) -> Bool = SpecLocator.directoryExists) -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty { return fromEnvironment }
        let cwd = normalize(currentDirectory)
        var starts: [String] = []
        if let profilePath { starts.append(parent(of: absolute(profilePath, in: cwd))) }
        starts.append(cwd)
        if let executablePath { starts.append(parent(of: absolute(executablePath, in: cwd))) }
        for start in starts {
            if let found = walkUp(from: start, isDirectory: isDirectory) {
                return display(found, relativeTo: cwd)
            }
        }
        return nil
    }

    /// Whether `path` names an existing directory.
    public static func directoryExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func walkUp(from start: String, isDirectory: (String) -> Bool) -> String? {
        var directory = start
        while true {
            let candidate = directory == "/" ? "/Specs" : directory + "/Specs"
            if isDirectory(candidate) { return candidate }
            if directory == "/" { return nil }
            directory = parent(of: directory)
        }
    }

    private static func absolute(_ path: String, in cwd: String) -> String {
        normalize(path.hasPrefix("/") ? path : (cwd == "/" ? "/" : cwd + "/") + path)
    }

    /// `path` with `.`, `..` and repeated slashes resolved, without touching the file system.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    private static func display(_ path: String, relativeTo cwd: String) -> String {
        let prefix = cwd == "/" ? "/" : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
