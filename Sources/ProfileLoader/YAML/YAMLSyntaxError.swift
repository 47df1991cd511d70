import MedConformCore
import Yams

/// Turns the errors Yams throws into one short, positioned diagnostic each.
///
/// Yams' own descriptions repeat the document (or a snippet and a caret) and have no file
/// name; a terminal already shows `path:line:column`, so the message says only what is wrong
/// and, for the usual mistakes, what to do.
enum YAMLSyntaxError {
    static func report(_ error: YamlError, path: String, text: String, collector: DiagnosticCollector) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let location = SourceLocation(file: path, line: mark.line, column: mark.column)
            collector.error(message(context: context, problem: problem, mark: mark, text: text), at: location)
        case .reader(let problem, let offset, let value, _):
            collector.error(readerMessage(problem: problem, value: value), at: readerLocation(offset: offset, path: path, text: text))
        default:
            collector.error("cannot parse YAML: \(error)", at: .file(path))
        }
    }

    private static func message(context: YamlError.Context?, problem: String, mark: Mark, text: String) -> String {
        let character = character(at: mark, in: text)
        if context?.text == "expected a single document in the stream" {
            return "a second YAML document starts here; a profile or spec file holds one document, so move this one to a file of its own"
        }
        if character == "\t" || problem.contains("tab character") {
            return "a tab character cannot indent YAML; indent with spaces"
        }
        if problem == "found undefined alias" {
            return "alias '\(aliasName(at: mark, in: text))' names no anchor; write '&name' on a value above before using '*name'"
        }
        if problem == "mapping values are not allowed in this context" {
            return "invalid YAML: a ':' followed by a space cannot appear in a plain value; put the value in quotes"
        }
        if let context, context.text.contains("quoted scalar"), problem.contains("end of stream") {
            return "invalid YAML: the quoted value that starts at line \(context.mark.line), column \(context.mark.column) is never closed; add the closing quote"
        }
        var text = "invalid YAML: \(problem)"
        if let context {
            text += " (\(context.text) that starts at line \(context.mark.line), column \(context.mark.column))"
        }
        return text
    }

    private static func readerMessage(problem: String, value: Int32) -> String {
        var text = "invalid YAML text: \(problem)"
        if value >= 0, let scalar = Unicode.Scalar(UInt32(value)) {
            text += " (U+\(hex(scalar.value)))"
        }
        return text + "; remove the character, or write it as an escape inside double quotes"
    }

    private static func readerLocation(offset: Int?, path: String, text: String) -> SourceLocation {
        // Yams gives the offset in Characters of the text it parsed.
        guard let offset, let index = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) else {
            return .file(path)
        }
        let position = TextPosition.end(of: text[..<index].unicodeScalars)
        return SourceLocation(file: path, line: position.line, column: position.column)
    }

    private static func character(at mark: Mark, in text: String) -> Unicode.Scalar? {
        let scalars = Array(text.unicodeScalars)
        return TextPosition.offset(line: mark.line, column: mark.column, in: scalars).map { scalars[$0] }
    }

    private static func aliasName(at mark: Mark, in text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard var index = TextPosition.offset(line: mark.line, column: mark.column, in: scalars) else { return "*" }
        var name = String()
        while index < scalars.count, !" \t,[]{}".unicodeScalars.contains(scalars[index]),
              !TextPosition.isLineBreak(scalars[index]) {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        return name
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
