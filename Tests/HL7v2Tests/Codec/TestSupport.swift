import Foundation
import Testing

/// The shared public vectors (`/work/shared/vectors/hl7v2` on the build machine), found
/// without copying them into the repository.
enum Vectors {
    /// The vector folder: `../shared/vectors/hl7v2` beside the package root; when the package
    /// is a git worktree nested deeper (e.g. `/work/wt/codec`), the nearest ancestor that
    /// has `shared/vectors/hl7v2`. Nil when there is none, and the vector tests are skipped.
    static let directory: URL? = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        var packageRoot: URL? = nil
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                packageRoot = url
                break
            }
            url = url.deletingLastPathComponent()
        }
        guard var candidate = packageRoot?.deletingLastPathComponent() else { return nil }
        while true {
            let folder = candidate.appendingPathComponent("shared/vectors/hl7v2")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return folder
            }
            if candidate.path == "/" { return nil }
            candidate = candidate.deletingLastPathComponent()
        }
    }()

    static var isAvailable: Bool { directory != nil }

    /// File name and bytes of every vector with `extension`, sorted by name.
    static func files(withExtension ext: String) -> [(name: String, bytes: [UInt8])] {
        guard let directory,
            let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        return names.filter { $0.hasSuffix("." + ext) }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
                return nil
            }
            return (name, [UInt8](data))
        }
    }

    static func bytes(_ name: String) -> [UInt8]? {
        guard let directory else { return nil }
        return FileManager.default.contents(atPath: directory.appendingPathComponent(name).path).map { [UInt8]($0) }
    }
}

/// SplitMix64: a tiny deterministic generator so robustness runs are reproducible.
struct TestRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (bound > 0); modulo bias is irrelevant for tests.
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(max(bound, 1)))
    }

    mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

extension Array where Element == UInt8 {
    init(ascii text: String) { self = Array(text.utf8) }
}

/// CR-joined segments, the usual way fixtures are written.
func er7(_ segments: String...) -> [UInt8] {
    Array(segments.map { $0 + "\r" }.joined().utf8)
}
