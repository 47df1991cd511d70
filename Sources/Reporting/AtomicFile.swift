#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a reader sees either the old file or the complete new one, never a
/// half-written report, even when the run is killed while writing.
public enum AtomicFile {
    /// Writes `bytes` to a new temporary file beside `path` (same directory, so the rename
    /// cannot cross file systems), flushes it to disk, then renames it over `path`. Missing
    /// parent directories are created. On failure the temporary file is removed and `path` is
    /// unchanged. The file is readable by everyone (mode 0644).
    ///
    /// - Throws: ``ReportingError/createDirectory(path:reason:)``,
    ///   ``ReportingError/writeFile(path:reason:)`` or
    ///   ``ReportingError/replaceFile(temporary:path:reason:)``.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let (directory, name) = split(path)
        guard !name.isEmpty else { throw ReportingError.writeFile(path: path, reason: "the path names no file") }
        try createDirectories(directory)
        // mkstemp picks a name no one else holds; the leading dot keeps it out of `TEST-*.xml` globs.
        var template = Array("\(directory)/.\(name).XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else { throw ReportingError.writeFile(path: path, reason: lastError()) }
        let temporary = String(decoding: template.dropLast().map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
        do {
            try fill(descriptor, with: bytes, path: temporary)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard close(descriptor) == 0 else {
            let reason = lastError()
            unlink(temporary)
            throw ReportingError.writeFile(path: temporary, reason: reason)
        }
        guard rename(temporary, path) == 0 else {
            let reason = lastError()
            unlink(temporary)
            throw ReportingError.replaceFile(temporary: temporary, path: path, reason: reason)
        }
        syncDirectory(directory)
    }

    /// `mkdir -p`: creates `path` and any missing parents (mode 0755 before the umask).
    ///
    /// - Throws: ``ReportingError/createDirectory(path:reason:)`` naming the first directory
    ///   that could not be created.
    public static func createDirectories(_ path: String) throws {
        try makeDirectories(path)
    }

    private static func makeDirectories(_ path: String) throws(ReportingError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + part
            if mkdir(prefix, 0o755) == 0 { continue }
            let code = errno
            var status = stat()
            if code == EEXIST, stat(prefix, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { continue }
            let reason = code == EEXIST ? "a file that is not a directory is in the way" : errorText(code)
            throw .createDirectory(path: prefix, reason: reason)
        }
    }

    private static func fill(_ descriptor: Int32, with bytes: [UInt8], path: String) throws(ReportingError) {
        guard fchmod(descriptor, 0o644) == 0 else { throw .writeFile(path: path, reason: lastError()) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                writeSome(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw .writeFile(path: path, reason: lastError())
            }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw .writeFile(path: path, reason: lastError()) }
    }

    /// Makes the rename itself durable; best effort, since not every file system allows it.
    private static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }
}

// At file scope `write` is the C function, not `AtomicFile.write`.
private func writeSome(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// The text of the current `errno`.
func lastError() -> String {
    errorText(errno)
}

/// `No such file or directory (errno 2)`
func errorText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "errno \(code)" }
    return String(cString: text) + " (errno \(code))"
}
