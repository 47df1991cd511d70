// IEEE 11073-20601 codec throughput on one core: APDUs decoded per second from the shared
// vectors (or the capture files given), then encoded, then described, each for `seconds`.
import Foundation
import PHD11073

struct PHDFigures: Encodable {
    var apdus_per_second: Double
    var megabytes_per_second: Double
    var apdus: Int
}

enum PHDDecodeBench {
    /// The shared vectors folder, looked for upward from the current directory.
    static func vectorFiles() -> [String] {
        var url = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while url.path != "/" {
            let folder = url.appendingPathComponent("shared/vectors/ieee11073_20601")
            if let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) {
                return names.filter { $0.hasSuffix(".hex") }.sorted().map { folder.appendingPathComponent($0).path }
            }
            url = url.deletingLastPathComponent()
        }
        return []
    }

    /// Runs `work` over every item back to back for `seconds` of this thread's CPU time;
    /// MB/s counts the bytes `work` returns it handled.
    static func measure<Item>(_ items: [Item], seconds: Double, _ work: (Item) -> Int) -> PHDFigures {
        let cpuStart = FuzzGenerateBench.threadSeconds()
        var count = 0, bytes = 0
        // Check the clock once per pass over the vectors: a pass is ~30 small APDUs.
        while FuzzGenerateBench.threadSeconds() - cpuStart < seconds {
            for item in items {
                bytes += work(item)
                count += 1
            }
        }
        let elapsed = FuzzGenerateBench.threadSeconds() - cpuStart
        return PHDFigures(apdus_per_second: Double(count) / elapsed, megabytes_per_second: Double(bytes) / elapsed / 1e6, apdus: count)
    }

    static func run(files: [String], seconds: Double) -> [String: PHDFigures]? {
        let paths = files.isEmpty ? vectorFiles() : files
        let apdus = paths.flatMap { PHDCapture.read(path: $0).apdus.filter(\.isComplete).map(\.bytes) }
        let decoded = apdus.compactMap { try? APDU.decode($0) }
        guard !apdus.isEmpty, decoded.count == apdus.count else { return nil }
        // Each figure counts the bytes actually decoded or written, so work the optimiser
        // dropped would show as 0 MB/s rather than as a fast codec.
        return [
            "phd decode": measure(apdus, seconds: seconds) { bytes in
                (try? APDU.decode(bytes)) == nil ? 0 : bytes.count
            },
            "phd encode": measure(decoded, seconds: seconds) { apdu in
                (try? apdu.encoded().count) ?? 0
            },
            "phd decode+describe": measure(apdus, seconds: seconds) { bytes in
                APDUDescription(bytes: bytes).lines.isEmpty ? 0 : bytes.count
            },
        ]
    }
}
