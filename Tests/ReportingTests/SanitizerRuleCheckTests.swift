import Testing
@testable import Reporting

/// The checks the report tests rely on must themselves catch what they claim to catch: each
/// rule's check fails on the raw input (so a writer that skipped the sanitiser would be
/// caught) and passes once the sanitiser has run.
@Suite("Sanitiser rule checks")
struct SanitizerRuleCheckTests {
    struct Rule: Sendable, CustomTestStringConvertible {
        var name: String
        var hostile: String
        var violates: @Sendable (String) -> Bool
        var testDescription: String { name }
    }

    static let rules: [Rule] = [
        Rule(name: "XML-forbidden C0 controls are escaped", hostile: "\u{0}\u{8}\u{B}\u{C}\u{E}\u{1B}\u{1F}") {
            $0.unicodeScalars.contains { !XMLCharacters.isAllowed($0) }
        },
        Rule(name: "U+FFFE and U+FFFF are escaped", hostile: "x\u{FFFE}y\u{FFFF}") {
            $0.unicodeScalars.contains { $0.value == 0xFFFE || $0.value == 0xFFFF }
        },
        Rule(name: "DEL and C1 are escaped", hostile: "\u{7F}\u{80}\u{9F}") {
            $0.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) }
        },
        Rule(name: "ANSI CSI is stripped", hostile: "\u{1B}[31mred\u{1B}[0m") { $0.contains("[31m") || $0.contains("[0m") },
        Rule(name: "ANSI OSC is stripped", hostile: "\u{1B}]0;pwned\u{7}ok") { $0.contains("]0;pwned") },
        Rule(name: "bidi controls are escaped", hostile: "a\u{202E}b") { $0.unicodeScalars.contains { $0.value == 0x202E } },
        Rule(name: "the escape is visible", hostile: "\u{1B}") { !$0.contains("\\u{1B}") },
        Rule(name: "single lines have no line breaks or tabs", hostile: "a\r\nb\nc\td") {
            $0.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\t" }
        },
    ]

    @Test(arguments: rules)
    func checkFailsOnRawAndPassesOnSanitised(_ rule: Rule) {
        #expect(rule.violates(rule.hostile), "the check must notice the raw input")
        #expect(!rule.violates(Sanitizer.line(rule.hostile)), "the sanitised line must pass: \(Sanitizer.line(rule.hostile))")
    }

    static let forbidden: [UInt32] = Array(0x0...0x8) + [0xB, 0xC] + Array(0xE...0x1F) + [0xFFFE, 0xFFFF]

    /// libxml2 itself is the final check: a raw forbidden character (even as a character
    /// reference) makes the document unreadable; its visible escape does not.
    @Test(arguments: forbidden)
    func libxml2RejectsTheRawCharacterAndAcceptsTheEscape(_ value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        let raw = "<a b=\"\(scalar)\">\(scalar)</a>"
        let reference = "<a>&#\(value);</a>"
        let clean = "<a b=\"\(Sanitizer.line(String(scalar)))\">\(Sanitizer.text(String(scalar)))</a>"
        #expect(!XMLSchemaValidation.wellFormednessErrors(xml: Array(raw.utf8)).isEmpty)
        #expect(!XMLSchemaValidation.wellFormednessErrors(xml: Array(reference.utf8)).isEmpty)
        #expect(XMLSchemaValidation.wellFormednessErrors(xml: Array(clean.utf8)).isEmpty)
    }
}
