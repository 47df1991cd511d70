import Testing

@testable import HL7v2

@Suite("HL7 escaping")
struct HL7EscapingTests {
    static let withTruncation = HL7Delimiters(
        field: 0x7C, component: 0x5E, repetition: 0x7E, escape: 0x5C, subcomponent: 0x26, truncation: 0x23)

    struct Case: Sendable, CustomTestStringConvertible {
        var raw: String
        var unescaped: [UInt8]
        var problems: [HL7EscapeProblem] = []
        var testDescription: String { raw }
    }

    static let good: [Case] = [
        Case(raw: "plain", unescaped: Array("plain".utf8)),
        Case(raw: #"a\F\b"#, unescaped: Array("a|b".utf8)),
        Case(raw: #"\S\"#, unescaped: Array("^".utf8)),
        Case(raw: #"\T\"#, unescaped: Array("&".utf8)),
        Case(raw: #"\R\"#, unescaped: Array("~".utf8)),
        Case(raw: #"\E\"#, unescaped: Array(#"\"#.utf8)),
        Case(raw: #"\L\"#, unescaped: Array("#".utf8)),
        Case(raw: #"\X41\"#, unescaped: Array("A".utf8)),
        Case(raw: #"\X0d0A\"#, unescaped: [0x0D, 0x0A]),
        Case(raw: #"\XC3A9\"#, unescaped: [0xC3, 0xA9]),
        // Formatting and character-set sequences stay verbatim in plain text.
        Case(raw: #"bold \H\x\N\"#, unescaped: Array(#"bold \H\x\N\"#.utf8)),
        Case(raw: #"one\.br\two"#, unescaped: Array(#"one\.br\two"#.utf8)),
        Case(raw: #"\.sp2\\.in+4\"#, unescaped: Array(#"\.sp2\\.in+4\"#.utf8)),
        Case(raw: #"\Zlocal\"#, unescaped: Array(#"\Zlocal\"#.utf8)),
        Case(raw: #"\C2842\"#, unescaped: Array(#"\C2842\"#.utf8)),
        Case(raw: #"\M2442\\M244228\"#, unescaped: Array(#"\M2442\\M244228\"#.utf8)),
        Case(raw: #"\E\F\E\"#, unescaped: Array(#"\F\"#.utf8)),
    ]

    static let bad: [Case] = [
        Case(
            raw: #"ab\F"#, unescaped: Array(#"ab\F"#.utf8),
            problems: [HL7EscapeProblem(offset: 2, kind: .unterminated)]),
        Case(
            raw: #"\\"#, unescaped: Array(#"\\"#.utf8),
            problems: [HL7EscapeProblem(offset: 0, kind: .empty)]),
        Case(
            raw: #"x\Q\"#, unescaped: Array(#"x\Q\"#.utf8),
            problems: [HL7EscapeProblem(offset: 1, kind: .unknownCode(0x51))]),
        Case(
            raw: #"\Fx\"#, unescaped: Array(#"\Fx\"#.utf8),
            problems: [HL7EscapeProblem(offset: 0, kind: .malformed(code: 0x46))]),
        Case(
            raw: #"\X0\"#, unescaped: Array(#"\X0\"#.utf8),
            problems: [HL7EscapeProblem(offset: 0, kind: .oddHexDigitCount(1))]),
        Case(
            raw: #"\X\"#, unescaped: Array(#"\X\"#.utf8),
            problems: [HL7EscapeProblem(offset: 0, kind: .emptyHexData)]),
        Case(
            raw: #"\X4G\"#, unescaped: Array(#"\X4G\"#.utf8),
            problems: [HL7EscapeProblem(offset: 3, kind: .invalidHexDigit(0x47))]),
        Case(
            raw: #"\C12\"#, unescaped: Array(#"\C12\"#.utf8),
            problems: [HL7EscapeProblem(offset: 0, kind: .malformed(code: 0x43))]),
        Case(
            raw: #"\M12345\"#, unescaped: Array(#"\M12345\"#.utf8),
            problems: [HL7EscapeProblem(offset: 0, kind: .malformed(code: 0x4D))]),
        Case(
            raw: #"\Z\"#, unescaped: Array(#"\Z\"#.utf8),
            problems: [HL7EscapeProblem(offset: 0, kind: .malformed(code: 0x5A))]),
        Case(
            raw: #"\.\"#, unescaped: Array(#"\.\"#.utf8),
            problems: [HL7EscapeProblem(offset: 0, kind: .malformed(code: 0x2E))]),
        // A delimiter ends a would-be sequence: only the escape character is reported.
        Case(
            raw: #"a\b^c\S\"#, unescaped: Array(#"a\b^c^"#.utf8),
            problems: [HL7EscapeProblem(offset: 1, kind: .unterminated)]),
        Case(
            raw: #"\F\\"#, unescaped: Array(#"|\"#.utf8),
            problems: [HL7EscapeProblem(offset: 3, kind: .unterminated)]),
    ]

    @Test("well-formed escapes unescape without problems", arguments: good)
    func unescapesGood(_ c: Case) {
        let result = HL7Escaping.unescape(ArraySlice(c.raw.utf8), delimiters: Self.withTruncation)
        #expect(result.bytes == c.unescaped)
        #expect(result.problems.isEmpty)
    }

    @Test("malformed escapes are kept verbatim and reported with their offset", arguments: bad)
    func reportsBad(_ c: Case) {
        let result = HL7Escaping.unescape(ArraySlice(c.raw.utf8), delimiters: Self.withTruncation)
        #expect(result.bytes == c.unescaped)
        #expect(result.problems == c.problems)
    }

    @Test("\\L\\ is a problem when MSH-2 declares no truncation character")
    func truncationUndeclared() {
        let result = HL7Escaping.unescape(ArraySlice(#"a\L\"#.utf8), delimiters: .standard)
        #expect(result.bytes == Array(#"a\L\"#.utf8))
        #expect(result.problems == [HL7EscapeProblem(offset: 1, kind: .truncationNotDeclared)])
        #expect(result.problems[0].description.contains("byte 1"))
    }

    @Test("offsets are message offsets when unescaping a slice of the message")
    func messageOffsets() throws {
        let message = try HL7Message.parse(er7("MSH|^~\\&", #"NTE|1||ok \Q\ bad"#))
        let field = try #require(message.first("NTE")?.field(3))
        let problems = field.unescaped().problems
        let offset = 9 + 7 + 3  // segment start + "NTE|1||" + "ok "
        #expect(problems == [HL7EscapeProblem(offset: offset, kind: .unknownCode(0x51))])
        #expect(message.bytes[offset] == 0x5C)
        #expect(field.text == #"ok \Q\ bad"#)
    }

    @Test("elements expose every token kind")
    func tokens() {
        let raw = ArraySlice(#"a\F\\S\\T\\R\\E\\L\\H\\N\\.br\\X0A\\Zab\\C2842\\M2442\\Q\"#.utf8)
        let elements = HL7Escaping.elements(raw, delimiters: Self.withTruncation)
        let tokens: [HL7EscapeToken] = elements.compactMap {
            if case let .escape(token, _) = $0 { return token }
            return nil
        }
        #expect(
            tokens == [
                .fieldSeparator, .componentSeparator, .subcomponentSeparator, .repetitionSeparator, .escapeCharacter,
                .truncationCharacter, .startHighlighting, .normalText, .formatting(command: "br"), .hexData([0x0A]),
                .locallyDefined(Array("ab".utf8)), .singleByteCharacterSet([0x28, 0x42]),
                .multiByteCharacterSet([0x24, 0x42]),
            ])
        #expect(elements.first == .literal(raw.prefix(1)))
        guard case let .invalid(problem, invalidRaw) = elements.last else {
            Issue.record("last element should be invalid")
            return
        }
        #expect(problem.kind == .unknownCode(0x51))
        #expect(invalidRaw.elementsEqual(#"\Q\"#.utf8))
        #expect(HL7EscapeToken.fieldSeparator.delimiterByte(in: .standard) == 0x7C)
        #expect(HL7EscapeToken.truncationCharacter.delimiterByte(in: .standard) == nil)
        #expect(HL7EscapeToken.normalText.delimiterByte(in: .standard) == nil)
    }

    @Test("escape writes every delimiter and line-break byte as an escape sequence")
    func escapes() {
        let escaped = HL7Escaping.escape("a|b^c&d~e\\f#g\rh\ni\u{0B}j\u{1C}", delimiters: Self.withTruncation)
        #expect(escaped == Array(#"a\F\b\S\c\T\d\R\e\E\f\L\g\X0D\h\X0A\i\X0B\j\X1C\"#.utf8))
        #expect(HL7Escaping.escape("#", delimiters: .standard) == Array("#".utf8))
    }

    @Test("escape then unescape gives the original bytes back", arguments: [HL7Delimiters.standard, withTruncation])
    func escapeRoundTrip(delimiters: HL7Delimiters) {
        var random = TestRandom(seed: 7)
        for _ in 0..<300 {
            let bytes = (0..<random.below(40)).map { _ in random.byte() }
            let escaped = HL7Escaping.escape(bytes, delimiters: delimiters)
            #expect(!escaped.contains(delimiters.field))
            #expect(!escaped.contains(0x0D))
            let back = HL7Escaping.unescape(ArraySlice(escaped), delimiters: delimiters)
            #expect(back.bytes == bytes)
            #expect(back.problems.isEmpty)
        }
    }

    @Test("every problem kind has a message naming its byte offset")
    func problemMessages() {
        let kinds: [HL7EscapeProblem.Kind] = [
            .unterminated, .empty, .unknownCode(0x51), .malformed(code: 0x46), .emptyHexData,
            .oddHexDigitCount(3), .invalidHexDigit(0x01), .truncationNotDeclared,
        ]
        for kind in kinds {
            let text = HL7EscapeProblem(offset: 42, kind: kind).description
            #expect(text.hasPrefix("byte 42: "), "\(text)")
            #expect(!text.contains("\u{01}"))
        }
    }
}
