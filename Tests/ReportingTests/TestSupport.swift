import Foundation
import Testing

/// Where the package and the shared files are, found from this source file.
enum TestPaths {
    /// The folder holding Package.swift, walking up from this file.
    static let packageRoot: String? = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url.deleteLastPathComponent()
        }
        return nil
    }()

    /// `junit-10.xsd`: `$MEDCONFORM_JUNIT_XSD`, else `../shared/junit/junit-10.xsd` from the
    /// package root, else `shared/junit/junit-10.xsd` in a folder further up (a git worktree
    /// lives deeper than the main checkout). Nil when none exists: schema tests are skipped.
    static let junitSchema: String? = {
        if let path = ProcessInfo.processInfo.environment["MEDCONFORM_JUNIT_XSD"], FileManager.default.fileExists(atPath: path) {
            return path
        }
        guard let root = packageRoot else { return nil }
        var url = URL(fileURLWithPath: root).deletingLastPathComponent()
        while true {
            let candidate = url.appendingPathComponent("shared/junit/junit-10.xsd").path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            if url.path == "/" { return nil }
            url.deleteLastPathComponent()
        }
    }()

    static var golden: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path
    }
}

/// A fresh directory under the system's temporary directory, removed by `cleanUp()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("medconform-reporting-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Compares `actual` with `Golden/<name>` byte for byte. With `MEDCONFORM_RECORD=1` a
/// missing or different golden is (re)written and the test still fails once, so a run in
/// record mode cannot pass by accident; otherwise a mismatch fails with a line diff.
func expectGolden(_ actual: [UInt8], named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let path = TestPaths.golden + "/" + name
    let recording = ProcessInfo.processInfo.environment["MEDCONFORM_RECORD"] == "1"
    let expected = FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    if expected == actual { return }
    if recording {
        do {
            try FileManager.default.createDirectory(atPath: TestPaths.golden, withIntermediateDirectories: true)
            try Data(actual).write(to: URL(fileURLWithPath: path))
            Issue.record("recorded golden \(name); run the tests again without MEDCONFORM_RECORD", sourceLocation: sourceLocation)
        } catch {
            Issue.record("cannot record golden \(path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected else {
        Issue.record("golden \(path) is missing; record it with MEDCONFORM_RECORD=1", sourceLocation: sourceLocation)
        return
    }
    let diff = lineDiff(expected: expected, actual: actual)
    Issue.record("output differs from golden \(name) (record with MEDCONFORM_RECORD=1 if the change is intended):\n\(diff)",
                 sourceLocation: sourceLocation)
}

/// The differing middle of two texts, with two lines of context: `-` golden, `+` actual.
func lineDiff(expected: [UInt8], actual: [UInt8]) -> String {
    let old = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let new = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    var prefix = 0
    while prefix < min(old.count, new.count), old[prefix] == new[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < min(old.count, new.count) - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
    var lines = ["@@ line \(prefix + 1) @@"]
    for line in old[max(0, prefix - 2)..<prefix] { lines.append("  " + line) }
    for line in old[prefix..<(old.count - suffix)].prefix(40) { lines.append("- " + line) }
    for line in new[prefix..<(new.count - suffix)].prefix(40) { lines.append("+ " + line) }
    if expected.count == actual.count, old.count == new.count, prefix == old.count {
        lines.append("(same lines; the bytes differ in line endings or encoding)")
    }
    return lines.joined(separator: "\n")
}
