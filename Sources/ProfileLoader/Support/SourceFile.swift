import Foundation
import MedConformCore

/// A file the user wrote, read whole: its bytes (for the SHA-256 that reports carry) and its
/// text (for the YAML parser). Reading reports a positioned diagnostic instead of throwing.
struct SourceFile {
    var path: String
    var bytes: [UInt8]
    var text: String

    /// Reads `path` as UTF-8 text; reports and returns nil when the file cannot be read or
    /// is not UTF-8.
    static func read(_ path: String, collector: DiagnosticCollector) -> SourceFile? {
        guard let bytes = readBytes(path, collector: collector) else { return nil }
        guard let text = decodeUTF8(bytes, path: path, collector: collector) else { return nil }
        return SourceFile(path: path, bytes: bytes, text: text)
    }

    static func readBytes(_ path: String, collector: DiagnosticCollector) -> [UInt8]? {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists, !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) {
            return [UInt8](data)
        }
        // FileManager does not say why a read failed; these are the reasons a user can act on.
        let reason: String
        if !exists {
            reason = "no such file; check the path"
        } else if isDirectory.boolValue {
            reason = "it is a directory; give the path of a YAML file"
        } else {
            reason = "the file is not readable; check its permissions"
        }
        collector.error("cannot read '\(path)': \(reason)", at: .file(path))
        return nil
    }

    /// Decodes `bytes` as UTF-8, reporting the position of the first byte that is not.
    static func decodeUTF8(_ bytes: [UInt8], path: String, collector: DiagnosticCollector) -> String? {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars.append(scalar)
                offset += UTF8.width(scalar)
            case .emptyInput:
                // libyaml skips a byte-order mark without counting it as a column; dropping it
                // here keeps the positions computed from the text the same as Yams' marks.
                var text = String()
                text.unicodeScalars.append(contentsOf: scalars.first == "\u{FEFF}" ? scalars.dropFirst() : scalars[...])
                return text
            case .error:
                let position = TextPosition.end(of: scalars)
                let byte = offset < bytes.count ? bytes[offset] : 0
                collector.error(
                    "'\(path)' is not UTF-8 text: byte 0x\(hexByte(byte)) cannot start or continue a UTF-8 character; save the file as UTF-8",
                    at: SourceLocation(file: path, line: position.line, column: position.column))
                return nil
            }
        }
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}
