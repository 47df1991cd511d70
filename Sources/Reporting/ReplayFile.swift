import Foundation
import MedConformCore

/// The replay file of one fuzz finding (`medconform-replay/1`): pretty, sorted-key JSON, so two
/// labs' files of the same finding compare line by line.
public enum ReplayFile {
    public static func render(_ record: FuzzReplayRecord) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(record)) + [0x0A]
    }

    /// Reads a replay file; the error says what is wrong and where.
    public static func decode(_ bytes: [UInt8]) throws(ReplayFileError) -> FuzzReplayRecord {
        struct Marker: Decodable { var format: String }
        let data = Data(bytes)
        guard let marker = try? JSONDecoder().decode(Marker.self, from: data) else {
            throw .notAReplayFile("not a JSON object with a 'format' field")
        }
        guard marker.format == FuzzReplayRecord.format else {
            throw .notAReplayFile("format '\(marker.format)', expected '\(FuzzReplayRecord.format)'")
        }
        do {
            return try JSONDecoder().decode(FuzzReplayRecord.self, from: data)
        } catch {
            throw .notAReplayFile("\(error)")
        }
    }
}

/// Why a replay file could not be read.
public enum ReplayFileError: Error, Sendable, CustomStringConvertible {
    case notAReplayFile(String)

    public var description: String {
        switch self {
        case .notAReplayFile(let reason): "not a medconform replay file: \(reason)"
        }
    }
}
