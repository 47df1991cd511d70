import Foundation
import MedConformCore

/// The complete record of a run as JSON: the file from which JUnit and the HTML report can
/// be produced again, and the one that keeps every string exactly as the run saw it.
///
/// ```
/// {
///   "counts" : { "error" : 0, "fail" : 1, "inconclusive" : 0, "not-applicable" : 0, "pass" : 3, "skipped" : 0, "total" : 4 },
///   "exitStatus" : { "code" : 1, "name" : "non-conformance" },
///   "format" : "medconform-result/1",
///   "run" : { …every field of RunResult; transcript bytes as lower-case hex with their "length"… }
/// }
/// ```
/// Pretty-printed with sorted keys and unescaped slashes, so the same run gives the same
/// bytes. `exitStatus` and `counts` are derived from `run` for readers that want only the
/// verdict; ``decode(_:)`` reads `run` and ignores them.
public enum JSONResultLog {
    /// The format marker this version writes and reads.
    public static let format = "medconform-result/1"

    /// The result log of `run`.
    ///
    /// - Throws: ``ReportingError/jsonEncoding(reason:)``.
    public static func render(_ run: RunResult) throws -> [UInt8] {
        let status = run.exitStatus
        let document = ResultLogDocument(format: format,
                                         exitStatus: ExitStatusRecord(code: status.rawValue, name: OutcomeText.name(status)),
                                         counts: OutcomeCounts(run.allChecks), run: RunRecord(run))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            var bytes = [UInt8](try encoder.encode(document))
            bytes.append(0x0A)
            return bytes
        } catch {
            throw ReportingError.jsonEncoding(reason: String(describing: error))
        }
    }

    /// Reads a result log back into the run it records.
    ///
    /// - Throws: ``ReportingError/unsupportedFormat(found:expected:)`` for another format
    ///   marker, ``ReportingError/jsonDecoding(reason:)`` for anything unreadable, naming
    ///   where in the document it is.
    public static func decode(_ bytes: [UInt8]) throws -> RunResult {
        struct Marker: Decodable { var format: String }
        let decoder = JSONDecoder()
        let data = Data(bytes)
        do {
            let marker = try decoder.decode(Marker.self, from: data)
            guard marker.format == format else {
                throw ReportingError.unsupportedFormat(found: marker.format, expected: format)
            }
            return try decoder.decode(ResultLogDocument.self, from: data).run.value
        } catch let error as ReportingError {
            throw error
        } catch let error as DecodingError {
            throw ReportingError.jsonDecoding(reason: describe(error))
        } catch {
            throw ReportingError.jsonDecoding(reason: String(describing: error))
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return text.isEmpty ? "the top level" : String(text.drop(while: { $0 == "." }))
        }
        switch error {
        case let .typeMismatch(type, context):
            return "at \(path(context.codingPath)): expected \(type): \(context.debugDescription)"
        case let .valueNotFound(type, context):
            return "at \(path(context.codingPath)): missing \(type) value"
        case let .keyNotFound(key, context):
            return "at \(path(context.codingPath + [key])): key '\(key.stringValue)' is missing"
        case let .dataCorrupted(context):
            return "at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }
}
