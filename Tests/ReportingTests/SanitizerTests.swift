import Testing
@testable import Reporting

@Suite("Sanitizer")
struct SanitizerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var text: String
        var line: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "plain text", input: "OBX-5 is empty", text: "OBX-5 is empty", line: "OBX-5 is empty"),
        Case(name: "NUL", input: "a\u{0}b", text: "a\\u{00}b", line: "a\\u{00}b"),
        Case(name: "C0 controls", input: "\u{1}\u{8}\u{B}\u{C}\u{E}\u{1C}\u{1F}",
             text: "\\u{01}\\u{08}\\u{0B}\\u{0C}\\u{0E}\\u{1C}\\u{1F}", line: "\\u{01}\\u{08}\\u{0B}\\u{0C}\\u{0E}\\u{1C}\\u{1F}"),
        Case(name: "lone ESC", input: "a\u{1B}b", text: "a\\u{1B}b", line: "a\\u{1B}b"),
        Case(name: "ANSI colour", input: "\u{1B}[31mred\u{1B}[0m and \u{1B}[1;32;40mgreen", text: "red and green", line: "red and green"),
        Case(name: "CSI with intermediates", input: "x\u{1B}[?25hy\u{1B}[2 qz", text: "xyz", line: "xyz"),
        Case(name: "C1 CSI", input: "\u{9B}31mred", text: "red", line: "red"),
        Case(name: "incomplete CSI stays visible", input: "\u{1B}[31", text: "\\u{1B}[31", line: "\\u{1B}[31"),
        Case(name: "CSI broken by a newline stays visible", input: "\u{1B}[3\n1m", text: "\\u{1B}[3\n1m", line: "\\u{1B}[3 1m"),
        Case(name: "OSC ended by BEL", input: "\u{1B}]0;new title\u{7}after", text: "after", line: "after"),
        Case(name: "OSC ended by ST", input: "\u{1B}]8;;http://example.invalid\u{1B}\\link\u{1B}]8;;\u{1B}\\", text: "link", line: "link"),
        Case(name: "unterminated OSC stays visible", input: "\u{1B}]0;title", text: "\\u{1B}]0;title", line: "\\u{1B}]0;title"),
        Case(name: "other ESC sequence", input: "\u{1B}c", text: "\\u{1B}c", line: "\\u{1B}c"),
        Case(name: "DEL and C1", input: "\u{7F}\u{85}\u{9F}", text: "\\u{7F}\\u{85}\\u{9F}", line: "\\u{7F}\\u{85}\\u{9F}"),
        Case(name: "noncharacters", input: "\u{FFFE}\u{FFFF}", text: "\\u{FFFE}\\u{FFFF}", line: "\\u{FFFE}\\u{FFFF}"),
        Case(name: "bidi override", input: "abc\u{202E}fed\u{2066}", text: "abc\\u{202E}fed\\u{2066}", line: "abc\\u{202E}fed\\u{2066}"),
        Case(name: "TAB and LF", input: "a\tb\nc", text: "a\tb\nc", line: "a b c"),
        Case(name: "CR LF and CR", input: "a\r\nb\rc", text: "a\nb\nc", line: "a b c"),
        Case(name: "emoji and non-ASCII", input: "🩺 Ω é 日本", text: "🩺 Ω é 日本", line: "🩺 Ω é 日本"),
        Case(name: "markup is left to the writers", input: "]]> </system-out> <failure> &amp; \"'", text: "]]> </system-out> <failure> &amp; \"'",
             line: "]]> </system-out> <failure> &amp; \"'"),
        Case(name: "HL7 delimiters untouched", input: "MSH|^~\\&|", text: "MSH|^~\\&|", line: "MSH|^~\\&|"),
    ]

    @Test(arguments: cases)
    func sanitises(_ c: Case) {
        #expect(Sanitizer.text(c.input) == c.text)
        #expect(Sanitizer.line(c.input) == c.line)
    }

    @Test func truncatesWithANoteWithinTheLimit() {
        let long = String(repeating: "x", count: 1000)
        let cut = Sanitizer.line(long, limit: 500)
        #expect(cut.unicodeScalars.count <= 500)
        #expect(cut.hasPrefix(String(repeating: "x", count: 400)))
        let kept = cut.unicodeScalars.count { $0 == "x" }
        #expect(cut.hasSuffix("… (\(1000 - kept) more characters)"))
        #expect(Sanitizer.line(String(repeating: "y", count: 500), limit: 500) == String(repeating: "y", count: 500))
    }

    @Test func escapesCountAgainstTheLimit() {
        let cut = Sanitizer.line(String(repeating: "\u{0}", count: 300), limit: 500)
        #expect(cut.unicodeScalars.count <= 500)
        #expect(cut.contains("\\u{00}"))
        #expect(!cut.contains("\u{0}"))
    }

    @Test func aMegabyteIsCutQuickly() {
        let huge = String(repeating: "A<&\u{1B}", count: 262_144)
        let cut = Sanitizer.line(huge, limit: 500)
        #expect(cut.unicodeScalars.count <= 500)
        #expect(cut.hasSuffix("more characters)"))
        #expect(!cut.unicodeScalars.contains { Sanitizer.needsVisibleEscape($0) })
    }

    @Test func nothingAnXMLParserRejectsSurvivesAnyScalar() async {
        // Every scalar there is, in batches: the output never holds a character XML 1.0 forbids.
        var batch = String.UnicodeScalarView()
        var bad: [UInt32] = []
        func flush() {
            for scalar in Sanitizer.text(String(batch)).unicodeScalars where !XMLCharacters.isAllowed(scalar) {
                bad.append(scalar.value)
            }
            batch = String.UnicodeScalarView()
        }
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            batch.append(scalar)
            if batch.count == 8192 {
                flush()
                // Hands the cooperative pool back, so parallel loopback tests are not starved.
                await Task.yield()
            }
        }
        flush()
        #expect(bad.isEmpty)
    }
}

/// XML 1.0 `Char`: what a well-formed document may contain.
enum XMLCharacters {
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
