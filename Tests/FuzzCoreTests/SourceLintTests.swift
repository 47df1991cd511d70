import Foundation
import Testing

/// Invariant I5 of fuzzing.md §9.4: the deterministic sources (FuzzCore and every protocol's
/// fuzz model) must not reach for ambient nondeterminism. Reads the source files themselves, found relative to this file.
@Suite struct SourceLintTests {
    static let banned = [
        "random(", ".shuffled(", "randomElement(", "SystemRandomNumberGenerator", "Date(",
        "Float", "Double", "Dictionary", "Set<", ": Set", "String(format:", "DateFormatter",
        "NumberFormatter", "ProcessInfo", "import Foundation", "hashValue", "[String: ",
    ]

    static var repositoryRoot: URL {
        URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
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

    @Test func deterministicSourcesAvoidBannedAPIs() throws {
        let files = Self.swiftFiles(under: "Sources/FuzzCore") + Self.swiftFiles(under: "Sources/HL7v2/Fuzz")
            + Self.swiftFiles(under: "Sources/PHD11073/Fuzz")
        #expect(files.count >= 5)
        #expect(files.contains { $0.path.contains("Sources/PHD11073/Fuzz/") }, "the MDER fuzz model is linted too")
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

    @Test func lintCatchesABannedCall() {
        let sample: Substring = "let x = Int.random(in: 0..<3) // fine here"
        #expect(Self.banned.contains { Self.code(sample).contains($0) })
        #expect(!Self.banned.contains { Self.code("// Int.random(in:) is banned").contains($0) })
    }
}
