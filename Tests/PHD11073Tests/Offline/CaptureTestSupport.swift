import Foundation
@testable import PHD11073

/// Hex text and files for the capture tests.
enum CaptureFixtures {
    /// A capture of `text` read as a file's bytes.
    static func read(_ text: String) -> PHDCapture { PHDCapture.read(Array(text.utf8)) }

    /// Writes `bytes` to a fresh temporary file and returns its path.
    static func temporaryFile(_ bytes: [UInt8], name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("phd-capture-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Lowercase hex digits of `bytes`, no separators.
    static func hexText(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
