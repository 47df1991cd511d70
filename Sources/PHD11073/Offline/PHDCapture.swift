import Foundation
import MedConformCore

/// The APDUs of a captured IEEE 11073-20601 exchange, read from a file given to
/// `medconform check`, with every problem of the file as a positioned value.
///
/// A file is hex text when it is UTF-8 without a NUL byte: digits in pairs, any white
/// space or commas between them, an optional `0x` before a run, `#` comments, one or many
/// APDUs per line or per file. Anything else is binary: APDUs one after the other (each
/// holds a NUL in its choice, so binary is never mistaken for text). Either way APDUs are cut by their 4-byte header, as
/// ``APDUFramer`` cuts a live stream. Reading never throws or traps.
///
/// ```swift
/// let capture = PHDCapture.read(path: "session.hex")
/// for problem in capture.problems { print("session.hex:\(problem)") }   // session.hex:3:7: …
/// for apdu in capture.apdus { _ = try? APDU.decode(apdu.bytes) }
/// ```
public struct PHDCapture: Sendable, Hashable {
    /// How the file was read.
    public enum Format: Sendable, Hashable {
        /// Hex digits, white space and comments; positions are lines and columns.
        case hexText
        /// APDUs back to back; positions are byte offsets.
        case binary
    }

    /// The largest file read: 16 MiB is hours of 20601 traffic, and a larger file is far
    /// more likely a wrong path than a capture.
    public static let maximumFileSize = 16 << 20

    /// Hex text or binary, as the bytes decided.
    public var format: Format
    /// The APDUs in file order; the last one may be incomplete (see ``CapturedAPDU/isComplete``).
    public var apdus: [CapturedAPDU]
    /// What is wrong with the file, in file order.
    public var problems: [CaptureProblem]

    public init(format: Format, apdus: [CapturedAPDU], problems: [CaptureProblem]) {
        self.format = format
        self.apdus = apdus
        self.problems = problems
    }

    /// Reads the file at `path`, at most `limit` bytes of it: a larger file is reported
    /// and not read whole.
    public static func read(path: String, limit: Int = maximumFileSize) -> PHDCapture {
        switch readBytes(path: path, limit: limit) {
        case .success(let bytes): read(bytes, limit: limit)
        case .failure(let problem): PHDCapture(format: .binary, apdus: [], problems: [problem])
        }
    }

    /// Reads a file `medconform check` was given.
    public static func read(_ file: CapturedFile, limit: Int = maximumFileSize) -> PHDCapture {
        read(file.bytes, limit: limit)
    }

    /// Reads a file's bytes.
    public static func read(_ bytes: [UInt8], limit: Int = maximumFileSize) -> PHDCapture {
        if bytes.count > limit {
            return PHDCapture(format: .binary, apdus: [], problems: [CaptureProblem(position: .byte(offset: 0), kind: .fileTooLarge(size: bytes.count, limit: limit))])
        }
        if bytes.isEmpty {
            return PHDCapture(format: .binary, apdus: [], problems: [CaptureProblem(position: .byte(offset: 0), kind: .empty)])
        }
        var cutter = APDUCutter()
        var problems = CaptureProblemList()
        let format: Format
        if HexTextScanner.isText(bytes) {
            format = .hexText
            var scanner = HexTextScanner()
            scanner.scan(bytes, into: &cutter, problems: &problems)
            if scanner.digitCount == 0 { problems.addAlways(CaptureProblem(position: .text(line: 1, column: 1), kind: .noHexDigits)) }
        } else {
            format = .binary
            for offset in bytes.indices { cutter.append(bytes[offset], at: .byte(offset: offset)) }
        }
        if let truncation = cutter.finish() { problems.addAlways(truncation) }
        return PHDCapture(format: format, apdus: cutter.apdus, problems: problems.all)
    }

    /// The file's bytes, or why there are none. Reads in chunks so that a file that grows
    /// or lies about its size still stops at `limit`.
    private static func readBytes(path: String, limit: Int) -> Result<[UInt8], CaptureProblem> {
        let start = CapturePosition.byte(offset: 0)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(CaptureProblem(position: start, kind: .unreadable(reason: "no such file; check the path")))
        }
        if isDirectory.boolValue {
            return .failure(CaptureProblem(position: start, kind: .unreadable(reason: "it is a directory; give the path of a capture file")))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(CaptureProblem(position: start, kind: .unreadable(reason: "the file is not readable; check its permissions")))
        }
        defer { try? handle.close() }
        // A regular file says its size up front; a pipe does not, and is read up to the limit.
        if let end = try? handle.seekToEnd() {
            if end > UInt64(limit) { return .failure(CaptureProblem(position: start, kind: .fileTooLarge(size: Int(clamping: end), limit: limit))) }
            do { try handle.seek(toOffset: 0) } catch {
                return .failure(CaptureProblem(position: start, kind: .unreadable(reason: "\(error)")))
            }
        }
        var bytes: [UInt8] = []
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch {
                return .failure(CaptureProblem(position: start, kind: .unreadable(reason: "\(error)")))
            }
            guard let chunk, !chunk.isEmpty else { return .success(bytes) }
            bytes.append(contentsOf: chunk)
            if bytes.count > limit { return .failure(CaptureProblem(position: start, kind: .fileTooLarge(size: nil, limit: limit))) }
        }
    }
}
