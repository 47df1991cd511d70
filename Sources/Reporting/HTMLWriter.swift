/// Builds an HTML document in which the only markup is what this module wrote as literals.
///
/// Tags, attribute names and fixed markup are `StaticString`s, so they cannot come from a
/// run; every run-provided string goes through ``Sanitizer`` and then ``escape(_:)``, in
/// text and attribute values alike.
struct HTMLWriter {
    private(set) var html = ""

    /// Escapes the five characters that could start or end markup: `& < > " '`.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Fixed markup written by this module.
    mutating func raw(_ markup: StaticString) {
        html += markup.description
    }

    /// `<tag a="v">`, each value sanitised to one line and escaped.
    mutating func open(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:]) {
        html += "<" + tag.description
        for (name, value) in attributes {
            html += " " + name.description + "=\"" + Self.escape(Sanitizer.line(value, limit: 1000)) + "\""
        }
        html += ">"
    }

    mutating func close(_ tag: StaticString) {
        html += "</" + tag.description + ">"
    }

    /// Text on one line (table cells, headings), sanitised and escaped.
    mutating func line(_ text: String, limit: Int = 8000) {
        html += Self.escape(Sanitizer.line(text, limit: limit))
    }

    /// Multi-line text (inside `<pre>`), sanitised and escaped.
    mutating func text(_ text: String, limit: Int = 8000) {
        html += Self.escape(Sanitizer.text(text, limit: limit))
    }

    /// `<tag>text</tag>` with one-line text.
    mutating func element(_ tag: StaticString, _ text: String, limit: Int = 8000) {
        element(tag, [:], text, limit: limit)
    }

    /// `<tag …>text</tag>` with one-line text.
    mutating func element(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String>, _ text: String,
                          limit: Int = 8000) {
        open(tag, attributes)
        line(text, limit: limit)
        close(tag)
    }

    /// A table row of header or data cells with one-line text.
    mutating func row(_ cells: [String], header: Bool = false) {
        raw("<tr>")
        for cell in cells {
            if header { element("th", cell) } else { element("td", cell) }
        }
        raw("</tr>\n")
    }
}
