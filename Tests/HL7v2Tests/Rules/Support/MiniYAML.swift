import MedConformCore

/// A small reader for the YAML subset that `Specs/` and the test fixtures use, producing
/// `ConfigNode` trees with line and column, so these tests can read spec text without Yams
/// (which HL7v2Tests does not depend on). The real loader is ProfileLoader's; this one only
/// needs to agree with it on the subset: block mappings and sequences, flow mappings and
/// sequences on one line, plain and quoted scalars, folded `>-` scalars and comments.
/// Anything else fails loudly (`MiniYAML.Failure`), so a spec that outgrows it is noticed.
enum MiniYAML {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private struct Line {
        var number: Int
        var indent: Int
        var text: Substring
    }

    static func parse(_ text: String, file: String) throws -> ConfigNode {
        var lines: [Line] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if body.isEmpty || body.hasPrefix("#") { continue }
            lines.append(Line(number: offset + 1, indent: indent, text: body))
        }
        var reader = Reader(lines: lines, file: file)
        guard !lines.isEmpty else { return ConfigNode(.null, at: SourceLocation(file: file, line: 1, column: 1)) }
        let node = try reader.block(indent: lines[0].indent)
        guard reader.index == lines.count else {
            throw Failure(description: "\(file):\(lines[reader.index].number): unexpected indentation")
        }
        return node
    }

    private struct Reader {
        let lines: [Line]
        let file: String
        var index = 0

        func location(_ line: Line, column: Int) -> SourceLocation {
            SourceLocation(file: file, line: line.number, column: column + 1)
        }

        mutating func block(indent: Int) throws -> ConfigNode {
            let first = lines[index]
            if first.text.hasPrefix("- ") || first.text == "-" {
                return try sequence(indent: indent)
            }
            return try mapping(indent: indent, firstColumn: indent)
        }

        mutating func sequence(indent: Int) throws -> ConfigNode {
            let start = lines[index]
            var items: [ConfigNode] = []
            while index < lines.count, lines[index].indent == indent, lines[index].text.hasPrefix("-") {
                let line = lines[index]
                let rest = line.text.dropFirst().drop { $0 == " " }
                let column = indent + (line.text.count - rest.count)
                if rest.isEmpty {
                    index += 1
                    items.append(try block(indent: lines[index].indent))
                } else if rest.first == "{" || rest.first == "[" {
                    index += 1
                    items.append(try flow(rest, line: line, column: column))
                } else if keyValue(rest) != nil {
                    // "- key: value" starts a mapping whose other keys sit at the column of "key".
                    items.append(try mapping(indent: column, firstColumn: column, firstLine: true))
                } else {
                    index += 1
                    items.append(scalar(rest, line: line, column: column))
                }
            }
            return ConfigNode(.sequence(items), at: location(start, column: indent))
        }

        /// A block mapping; with `firstLine`, its first entry follows a "- " on the current line.
        mutating func mapping(indent: Int, firstColumn: Int, firstLine: Bool = false) throws -> ConfigNode {
            let start = lines[index]
            var entries: [ConfigEntry] = []
            var first = firstLine
            while index < lines.count {
                let line = lines[index]
                let text: Substring
                let column: Int
                if first {
                    text = line.text.dropFirst(firstColumn - line.indent)
                    column = firstColumn
                } else {
                    guard line.indent == indent, !line.text.hasPrefix("- ") else { break }
                    text = line.text
                    column = indent
                }
                first = false
                guard let (key, value) = keyValue(text) else {
                    throw Failure(description: "\(file):\(line.number): expected 'key: value'")
                }
                let keyLocation = location(line, column: column)
                let valueColumn = column + (text.count - value.count)
                index += 1
                let node: ConfigNode
                if value.isEmpty {
                    if index < lines.count, lines[index].indent > indent
                        || (lines[index].indent == indent && lines[index].text.hasPrefix("- ")) {
                        node = try block(indent: lines[index].indent)
                    } else {
                        node = ConfigNode(.null, at: keyLocation)
                    }
                } else if value == ">-" || value == ">" || value == "|" || value == "|-" {
                    var parts: [String] = []
                    while index < lines.count, lines[index].indent > indent {
                        parts.append(String(lines[index].text))
                        index += 1
                    }
                    node = ConfigNode(.scalar(parts.joined(separator: value.hasPrefix("|") ? "\n" : " "), quoted: true),
                                      at: location(line, column: valueColumn))
                } else if value.first == "{" || value.first == "[" {
                    node = try flow(value, line: line, column: valueColumn)
                } else {
                    node = scalar(value, line: line, column: valueColumn)
                }
                entries.append(ConfigEntry(key: String(key), keyLocation: keyLocation, value: node))
            }
            return ConfigNode(.mapping(entries), at: location(start, column: firstColumn))
        }

        /// Splits `key: value` (value may be empty); nil when the text is not a mapping entry.
        func keyValue(_ text: Substring) -> (Substring, Substring)? {
            guard let first = text.first, first != "\"", first != "'", first != "{", first != "[" else { return nil }
            guard let colon = text.firstRange(of: ": ") ?? (text.hasSuffix(":") ? text.index(before: text.endIndex)..<text.endIndex : nil)
            else { return nil }
            let key = text[..<colon.lowerBound]
            guard !key.isEmpty, !key.contains(" ") else { return nil }
            let value = text[colon.upperBound...].drop { $0 == " " }
            return (key, value)
        }

        func scalar(_ text: Substring, line: Line, column: Int) -> ConfigNode {
            let at = location(line, column: column)
            if let quote = text.first, quote == "\"" || quote == "'" {
                var flow = FlowReader(text: Array(text), line: line.number, column: column, file: file)
                if let node = try? flow.value(), flow.atEnd { return node }
            }
            // A plain scalar ends at " #" (a comment).
            var plain = text
            if let comment = plain.firstRange(of: " #") { plain = plain[..<comment.lowerBound] }
            return ConfigNode(.scalar(String(plain.trimmingTrailingSpaces), quoted: false), at: at)
        }

        func flow(_ text: Substring, line: Line, column: Int) throws -> ConfigNode {
            var reader = FlowReader(text: Array(text), line: line.number, column: column, file: file)
            let node = try reader.value()
            guard reader.atEnd else {
                throw Failure(description: "\(file):\(line.number): text after a flow collection")
            }
            return node
        }
    }

    /// Flow collections (`{a: 1, b: [x, y]}`) and quoted scalars on one line.
    private struct FlowReader {
        let text: [Character]
        let line: Int
        let column: Int
        let file: String
        var index = 0

        init(text: [Character], line: Int, column: Int, file: String) {
            self.text = text
            self.line = line
            self.column = column
            self.file = file
        }

        var atEnd: Bool {
            var probe = index
            while probe < text.count, text[probe] == " " { probe += 1 }
            return probe == text.count || text[probe] == "#"
        }

        func here() -> SourceLocation { SourceLocation(file: file, line: line, column: column + index + 1) }

        func failure(_ what: String) -> Failure { Failure(description: "\(file):\(line):\(column + index + 1): \(what)") }

        mutating func skipSpaces() { while index < text.count, text[index] == " " { index += 1 } }

        mutating func value() throws -> ConfigNode {
            skipSpaces()
            guard index < text.count else { throw failure("value expected") }
            let at = here()
            switch text[index] {
            case "{":
                index += 1
                var entries: [ConfigEntry] = []
                skipSpaces()
                if index < text.count, text[index] == "}" {
                    index += 1
                    return ConfigNode(.mapping([]), at: at)
                }
                while true {
                    skipSpaces()
                    let keyAt = here()
                    let key = try plainOrQuoted(stopAt: [":"])
                    guard index < text.count, text[index] == ":" else { throw failure("':' expected") }
                    index += 1
                    let item = try value()
                    entries.append(ConfigEntry(key: key, keyLocation: keyAt, value: item))
                    skipSpaces()
                    guard index < text.count else { throw failure("'}' expected") }
                    if text[index] == "," { index += 1; continue }
                    if text[index] == "}" { index += 1; break }
                    throw failure("',' or '}' expected")
                }
                return ConfigNode(.mapping(entries), at: at)
            case "[":
                index += 1
                var items: [ConfigNode] = []
                skipSpaces()
                if index < text.count, text[index] == "]" {
                    index += 1
                    return ConfigNode(.sequence([]), at: at)
                }
                while true {
                    items.append(try value())
                    skipSpaces()
                    guard index < text.count else { throw failure("']' expected") }
                    if text[index] == "," { index += 1; continue }
                    if text[index] == "]" { index += 1; break }
                    throw failure("',' or ']' expected")
                }
                return ConfigNode(.sequence(items), at: at)
            case "\"", "'":
                let quoted = try quotedText()
                return ConfigNode(.scalar(quoted, quoted: true), at: at)
            default:
                let plain = try plainOrQuoted(stopAt: [",", "}", "]"])
                return ConfigNode(.scalar(plain, quoted: false), at: at)
            }
        }

        mutating func plainOrQuoted(stopAt: Set<Character>) throws -> String {
            skipSpaces()
            if index < text.count, text[index] == "\"" || text[index] == "'" { return try quotedText() }
            var out = ""
            while index < text.count, !stopAt.contains(text[index]) {
                out.append(text[index])
                index += 1
            }
            return String(out[...].trimmingTrailingSpaces)
        }

        mutating func quotedText() throws -> String {
            let quote = text[index]
            index += 1
            var out = ""
            while index < text.count {
                let character = text[index]
                index += 1
                if quote == "'" {
                    if character == "'" {
                        if index < text.count, text[index] == "'" {
                            out.append("'")
                            index += 1
                            continue
                        }
                        return out
                    }
                    out.append(character)
                    continue
                }
                if character == "\"" { return out }
                if character == "\\", index < text.count {
                    let escaped = text[index]
                    index += 1
                    switch escaped {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    case "r": out.append("\r")
                    case "0": out.append("\0")
                    case "e": out.append("\u{1B}")
                    default: out.append(escaped)
                    }
                    continue
                }
                out.append(character)
            }
            throw failure("unterminated quoted scalar")
        }
    }
}

private extension Substring {
    var trimmingTrailingSpaces: Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return self[startIndex..<end]
    }
}
