import Foundation
import Testing

/// Invariant I5 of fuzzing.md §9.4 for the MDER fuzz model: `Sources/PHD11073/Fuzz` must not
/// reach for ambient nondeterminism (the same banned list as FuzzCore's and HL7's lint, in
/// `Tests/FuzzCoreTests/SourceLintTests.swift`, kept here so this target needs no other).
@Suite struct PHDFuzzLintTests {
    static let banned = [
        "random(", ".shuffled(", "randomElement(", "SystemRandomNumberGenerator", "Date(",
        "Float", "Double", "Dictionary", "Set<", ": Set", "String(format:", "DateFormatter",
        "NumberFormatter", "ProcessInfo", "import Foundation", "hashValue", "[String: ",
    ]

    static var repositoryRoot: URL {
        URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    static func swiftFiles(under relative: String) -> [URL] {
        let root = repositoryRoot.appendingPathComponent(relative)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var files: [URL] = []
        for case let url as URL in walker where url.pathExtension == "swift" { files.append(url) }
        return files.sorted { $0.path < $1.path }
    }

    /// The code part of a line: everything before a `//` comment.
    static func code(_ line: Substring) -> Substring {
        guard let range = line.range(of: "//") else { return line }
        return line[..<range.lowerBound]
    }

    @Test func theMDERFuzzModelAvoidsBannedAPIs() throws {
        let files = Self.swiftFiles(under: "Sources/PHD11073/Fuzz")
        #expect(files.count >= 5)
        var findings: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = Self.code(line)
                for word in Self.banned where code.contains(word) {
                    findings.append("\(file.lastPathComponent):\(number + 1): \(word)")
                }
            }
        }
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test func lintCatchesABannedUse() {
        #expect(Self.banned.contains { Self.code("let x: Set<Int> = []").contains($0) })
        #expect(!Self.banned.contains { Self.code("// a Dictionary is banned").contains($0) })
    }
}
