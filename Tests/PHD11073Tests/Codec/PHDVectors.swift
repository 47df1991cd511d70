import Foundation

/// The shared IEEE 11073-20601 vectors (`../shared/vectors/ieee11073_20601`), read in place;
/// nil when the folder is absent, and the vector tests are skipped.
enum PHDVectors {
    static let directory: URL? = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            let folder = url.appendingPathComponent("shared/vectors/ieee11073_20601")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return folder
            }
            url = url.deletingLastPathComponent()
        }
        return nil
    }()

    static var isAvailable: Bool { directory != nil }

    /// The bytes of a `.hex` vector.
    static func bytes(_ name: String) -> [UInt8]? {
        guard let directory, let text = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) else { return nil }
        return hex(text)
    }

    /// Every `.hex` vector, sorted by name.
    static func all() -> [(name: String, bytes: [UInt8])] {
        guard let directory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names.filter { $0.hasSuffix(".hex") }.sorted().compactMap { name in bytes(name).map { (name, $0) } }
    }
}

/// Bytes from hex text; whitespace is ignored.
func hex(_ text: String) -> [UInt8] {
    let digits = text.unicodeScalars.filter { !$0.properties.isWhitespace }.map { Character($0) }
    var bytes: [UInt8] = []
    var index = 0
    while index + 1 < digits.count {
        bytes.append(UInt8(String(digits[index...index + 1]), radix: 16)!)
        index += 2
    }
    return bytes
}
