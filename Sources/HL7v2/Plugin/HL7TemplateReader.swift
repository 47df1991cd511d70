import Foundation
import MedConformCore

/// Reads the `templates:` of a sender suite into messages, checking each one parses and
/// each `set:` names a field that exists, so a bad template is a profile error, not a run error.
enum HL7TemplateReader {
    /// The built-in templates: messages the reference monitor would send.
    static let builtins = ["valid-oru"]

    static func read(_ node: ConfigNode, baseDirectory: String, seed: UInt64, collector: DiagnosticCollector) -> [HL7Template] {
        guard let mapping = ConfigMapping(node, context: "template", keys: HL7SuiteKeys.templateKeys, collector: collector),
              let id = mapping.string("id", required: true)
        else { return [] }
        let sources = ["builtin", "message", "file"].filter(mapping.contains)
        guard sources.count == 1 else {
            collector.error("template '\(id)' needs exactly one of 'builtin', 'message' or 'file'\(sources.isEmpty ? "" : "; found \(sources.map { "'\($0)'" }.joined(separator: " and "))")", at: node.location)
            return []
        }
        var bytes: [UInt8]
        var origin = node.location
        switch sources[0] {
        case "builtin":
            guard let name = mapping.choice("builtin", builtins) else { return [] }
            _ = name
            bytes = HL7Simulators.validObservationReport(seed: seed, index: 0)
        case "message":
            guard let text = mapping.string("message") else { return [] }
            origin = mapping.value("message")?.location ?? origin
            // YAML block scalars end lines with LF; HL7 segments end with CR.
            let lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" })
            bytes = Array(lines.joined(separator: "\r").utf8) + [0x0D]
        default:
            guard let path = mapping.string("file") else { return [] }
            origin = mapping.value("file")?.location ?? origin
            let resolved = path.hasPrefix("/") ? path : (baseDirectory as NSString).appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: resolved) else {
                collector.error("cannot read template file '\(resolved)'", at: origin)
                return []
            }
            let chunks = HL7FileSplitter.split(Array(data))
            guard chunks.count == 1, let chunk = chunks.first else {
                collector.error("template file '\(resolved)' must hold exactly one HL7 message; it holds \(chunks.count)", at: origin)
                return []
            }
            bytes = chunk.bytes
        }
        var message: HL7Message
        do {
            message = try HL7Message.parse(bytes)
        } catch {
            collector.error("template '\(id)' is not an HL7 message: \(error)", at: origin)
            return []
        }
        if let set = mapping.value("set") {
            guard let entries = set.entries else {
                collector.error("'set' in template '\(id)' must map field paths such as 'PID-3' to values", at: set.location)
                return []
            }
            for entry in entries {
                guard let path = HL7Path(entry.key), path.component == nil, path.repetition == nil else {
                    collector.error("'\(entry.key)' in template '\(id)' is not a field path such as 'PID-3' or 'MSH-15'", at: entry.keyLocation)
                    continue
                }
                guard !(path.segment == "MSH" && path.field <= 2) else {
                    collector.error("MSH-1 and MSH-2 declare the delimiters and cannot be set; write the message with 'message:' instead", at: entry.keyLocation)
                    continue
                }
                guard let segment = message.first(path.segment) else {
                    collector.error("template '\(id)' has no \(path.segment) segment to set \(entry.key) in", at: entry.keyLocation)
                    continue
                }
                let value: String
                switch entry.value.kind {
                case .scalar(let text, _): value = text
                case .null: value = ""
                default:
                    collector.error("the value of '\(entry.key)' must be ER7 text such as 'AL' or 'ORU^R01^ORU_R01'", at: entry.value.location)
                    continue
                }
                message = message.replacingField(segment: segment.index, field: path.field, with: Array(value.utf8))
            }
        }
        let expect = mapping.choice("expect", HL7Template.Expectation.allCases.map(\.rawValue))
            .flatMap(HL7Template.Expectation.init(rawValue:)) ?? .any
        return [HL7Template(id: id, bytes: message.encoded(), expect: expect, location: node.location)]
    }
}
