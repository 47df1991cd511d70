/// Why a report could not be produced or read. Every message is written in ``description``
/// and names the path (or step) concerned and what went wrong.
public enum ReportingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A directory could not be created.
    case createDirectory(path: String, reason: String)
    /// A file could not be written (the temporary file beside it, or the file itself).
    case writeFile(path: String, reason: String)
    /// The finished temporary file could not be moved into place.
    case replaceFile(temporary: String, path: String, reason: String)
    /// libxml2's writer refused a step while writing the JUnit document.
    case xmlWriter(step: String)
    /// The result log could not be encoded.
    case jsonEncoding(reason: String)
    /// Bytes given as a result log could not be read back.
    case jsonDecoding(reason: String)
    /// A result log in a format this version does not read.
    case unsupportedFormat(found: String, expected: String)

    public var description: String {
        switch self {
        case let .createDirectory(path, reason):
            "cannot create directory '\(path)': \(reason)"
        case let .writeFile(path, reason):
            "cannot write '\(path)': \(reason)"
        case let .replaceFile(temporary, path, reason):
            "cannot move '\(temporary)' into place as '\(path)': \(reason)"
        case let .xmlWriter(step):
            "libxml2 could not write the JUnit document (\(step))"
        case let .jsonEncoding(reason):
            "cannot encode the result log: \(reason)"
        case let .jsonDecoding(reason):
            "cannot read the result log: \(reason)"
        case let .unsupportedFormat(found, expected):
            "result log format '\(found)' is not supported; expected '\(expected)'"
        }
    }
}
