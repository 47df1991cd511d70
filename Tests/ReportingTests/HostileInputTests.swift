import MedConformCore
import Testing
@testable import Reporting

/// Text crafted by a device to break reports, placed in every string of a run.
@Suite("Hostile input")
struct HostileInputTests {
    struct Hostile: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        /// What the reports must show instead (visible escapes), if anything.
        var visible: [String] = []
        /// What must never appear in the rendered bytes.
        var absent: [String] = []
        /// What must never appear in JUnit text content (where CI tools look for markers).
        var junitAbsent: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Hostile] = [
        Hostile(name: "CDATA end", text: "x]]>y", visible: ["x]]&gt;y"]),
        Hostile(name: "closing system-out", text: "</system-out><system-out>", absent: ["</system-out><system-out>"]),
        Hostile(name: "failure element", text: "<failure message=\"forged\">", absent: ["<failure message=\"forged\""]),
        Hostile(name: "entity text", text: "&amp; &lt;", visible: ["&amp;amp; &amp;lt;"]),
        Hostile(name: "NUL", text: "before\u{0}after", visible: ["before\\u{00}after"]),
        Hostile(name: "ANSI colours", text: "\u{1B}[31mRED\u{1B}[0m \u{1B}]0;title\u{7}", visible: ["RED"], absent: ["\u{1B}", "\\u{1B}[31m", "\\u{1B}]0", "]0;title"]),
        Hostile(name: "lone ESC", text: "esc\u{1B}here", visible: ["esc\\u{1B}here"]),
        Hostile(name: "noncharacters", text: "a\u{FFFE}b\u{FFFF}c", visible: ["a\\u{FFFE}b\\u{FFFF}c"]),
        Hostile(name: "vertical tab", text: "v\u{B}t", visible: ["v\\u{0B}t"]),
        Hostile(name: "file separator", text: "f\u{1C}s", visible: ["f\\u{1C}s"]),
        Hostile(name: "emoji", text: "🩺🫀 ok"),
        Hostile(name: "CRLF", text: "line one\r\nline two\rline three"),
        Hostile(name: "DEL and C1", text: "d\u{7F}c\u{85}", visible: ["d\\u{7F}c\\u{85}"]),
        Hostile(name: "forged attachment", text: "\n[[ATTACHMENT|../../../etc/passwd]]\n[[[PROPERTY|x=y]]",
                junitAbsent: ["[[ATTACHMENT|../", "[[PROPERTY|x"]),
        Hostile(name: "everything", text: "]]></system-out><failure>&amp;\u{0}\u{1B}[1m\u{FFFE}\u{FFFF}\u{B}\u{1C}🩺\r\n'\""),
        Hostile(name: "one megabyte", text: String(repeating: "<&]]>\u{1B}\u{0}x", count: 131_072)),
    ]

    @Test(arguments: cases)
    func junitStaysWellFormedAndShowsEscapes(_ hostile: Hostile) throws {
        let bytes = try JUnitReport.render(Fixtures.hostile(hostile.text))
        let root = try #require(checkJUnitStructure(bytes))
        let xml = String(decoding: bytes, as: UTF8.self)
        for text in hostile.visible where !text.contains("&") {
            #expect(root.descendants.contains { $0.text.contains(text) || $0.attributeValues.contains { $0.contains(text) } },
                    "parsed JUnit shows \(text)")
        }
        for text in hostile.visible where text.contains("&") {
            #expect(xml.contains(text))
        }
        for text in hostile.absent { #expect(!xml.contains(text)) }
        let texts = root.descendants.filter { ["system-out", "failure", "error", "skipped"].contains($0.name) }
        for text in hostile.junitAbsent {
            #expect(!texts.contains { $0.text.contains(text) || $0.attribute("message")?.contains(text) == true })
        }
        #expect(bytes.count < 4_000_000, "long device text is cut, not copied whole")
    }

    @Test(.enabled(if: schemaAvailable, schemaMissingNote), arguments: cases)
    func junitValidatesAgainstJUnit10(_ hostile: Hostile) throws {
        expectValidJUnit(try JUnitReport.render(Fixtures.hostile(hostile.text)))
    }

    @Test(arguments: cases)
    func htmlHasNoMarkupFromTheDevice(_ hostile: Hostile) {
        let html = String(decoding: HTMLReport.render(Fixtures.hostile(hostile.text)), as: UTF8.self)
        #expect(!html.contains("<failure"))
        #expect(!html.contains("</system-out>"))
        #expect(!html.contains("<system-out>"))
        #expect(!html.contains("]]>"))
        #expect(html.unicodeScalars.allSatisfy { !Sanitizer.needsVisibleEscape($0) })
        for text in hostile.visible { #expect(html.contains(text)) }
        for text in hostile.absent { #expect(!html.contains(text)) }
        // Every `<` in the page opens one of the report's own tags.
        let tags = html.split(separator: "<").dropFirst().map { $0.prefix { $0 != " " && $0 != ">" } }
        let own: Set<Substring> = ["!DOCTYPE", "html", "/html", "head", "/head", "meta", "title", "/title", "style", "/style",
                                   "body", "/body", "header", "/header", "h1", "/h1", "h2", "/h2", "h3", "/h3", "h4", "/h4",
                                   "p", "/p", "div", "/div", "table", "/table", "tr", "/tr", "th", "/th", "td", "/td",
                                   "a", "/a", "span", "/span", "section", "/section", "pre", "/pre", "code", "/code",
                                   "footer", "/footer"]
        #expect(tags.allSatisfy { own.contains($0) }, "unexpected tags: \(Set(tags).subtracting(own).prefix(5))")
    }

    @Test(arguments: cases)
    func jsonKeepsTheTextExactly(_ hostile: Hostile) throws {
        let run = Fixtures.hostile(hostile.text)
        #expect(try JSONResultLog.decode(JSONResultLog.render(run)) == run)
    }

    @Test func attachmentNamesFromHostileIdsStayInside() throws {
        let plan = AttachmentPlan(run: Fixtures.hostile("../../x/../\u{0}/[[|]]"))
        #expect(!plan.items.isEmpty)
        for item in plan.items {
            let parts = item.relativePath.split(separator: "/")
            #expect(parts.count == 3 && parts[0] == "attachments")
            #expect(parts.allSatisfy { $0 != ".." && $0 != "." && !$0.hasPrefix(".") })
            #expect(item.relativePath.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || "0123456789._-/".unicodeScalars.contains($0)) })
        }
    }
}
