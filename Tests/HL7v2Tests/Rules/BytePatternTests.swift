import Foundation
import Testing

@testable import HL7v2

/// The linear-time pattern engine must agree with NSRegularExpression on everything it
/// accepts, and decline (fall back) on syntax it does not cover.
@Suite("HL7 v2 rules: byte patterns")
struct BytePatternTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var pattern: String
        var input: String
        var matches: Bool
        var testDescription: String { "/\(pattern)/ on '\(input)'" }
    }

    static let cases: [Case] = [
        Case(pattern: #"^[0-9]+(\.[0-9]+){0,5}$"#, input: "1.0.1.1", matches: true),
        Case(pattern: #"^[0-9]+(\.[0-9]+){0,5}$"#, input: "1", matches: true),
        Case(pattern: #"^[0-9]+(\.[0-9]+){0,5}$"#, input: "1.2.3.4.5.6", matches: true),
        Case(pattern: #"^[0-9]+(\.[0-9]+){0,5}$"#, input: "1.2.3.4.5.6.7", matches: false),
        Case(pattern: #"^[0-9]+(\.[0-9]+){0,5}$"#, input: "1..2", matches: false),
        Case(pattern: #"^[0-9]+(\.[0-9]+){0,5}$"#, input: "", matches: false),
        Case(pattern: #"^[0-9]{16}$"#, input: "1234567890123456", matches: true),
        Case(pattern: #"^[0-9]{16}$"#, input: "123456789012345", matches: false),
        Case(pattern: #"^[0-9]{16}$"#, input: "12345678901234567", matches: false),
        Case(pattern: "ab", input: "xxabyy", matches: true),
        Case(pattern: "^ab", input: "xxab", matches: false),
        Case(pattern: "ab$", input: "xxab\n", matches: true),
        Case(pattern: "a|b$", input: "xa-", matches: true),
        Case(pattern: "(?:ab)+c", input: "ababc", matches: true),
        Case(pattern: #"\d\w\s"#, input: "1_ ", matches: true),
        Case(pattern: #"[^a-c]x"#, input: "bx", matches: false),
        Case(pattern: #"[-a]x"#, input: "-x", matches: true),
        Case(pattern: "a.c", input: "a\nc", matches: false),
        Case(pattern: "a*?b", input: "aaab", matches: true),
        Case(pattern: "(a|)*b", input: "b", matches: true),
    ]

    @Test("matches like NSRegularExpression", arguments: cases)
    func matches(_ testCase: Case) throws {
        let pattern = try ValuePattern.compile(testCase.pattern).get()
        #expect(pattern.usesByteEngine, "the byte engine should cover /\(testCase.pattern)/")
        let input = ArraySlice(Array(testCase.input.utf8))
        #expect(pattern.matches(input) == testCase.matches)
        #expect(pattern.matchesWithFoundation(input) == testCase.matches)
    }

    @Test("syntax outside the subset falls back to NSRegularExpression",
          arguments: [#"\bword\b"#, "(?i)abc", "a(?=b)", #"(a)\1"#, #"\p{L}+"#, "(?<n>a)b", "[[a-z]&&[^b]]", "a++"])
    func fallback(_ source: String) throws {
        #expect(BytePattern(source) == nil)
        let pattern = try ValuePattern.compile(source).get()
        #expect(!pattern.usesByteEngine)
        _ = pattern.matches(ArraySlice(Array("abc word".utf8)))
    }

    @Test("a pattern with syntax errors does not compile")
    func syntaxError() {
        if case .success = ValuePattern.compile("(") { Issue.record("'(' compiled") }
        if case .success = ValuePattern.compile("[a-") { Issue.record("'[a-' compiled") }
    }

    @Test("non-ASCII input goes to NSRegularExpression, which sees characters")
    func nonASCII() throws {
        let pattern = try ValuePattern.compile("^.{3}$").get()
        #expect(pattern.matches(ArraySlice(Array("äöü".utf8))))
    }

    @Test("random inputs: both engines agree", arguments: [
        #"^[0-9]+(\.[0-9]+){0,5}$"#, #"^[0-9]{16}$"#, "a(b|c)*d", #"^\w+@\w+\.[a-z]{2,3}$"#, "x?y+z*$", "[^.]+\\.",
    ])
    func crossCheck(_ source: String) throws {
        let pattern = try ValuePattern.compile(source).get()
        #expect(pattern.usesByteEngine)
        var random = TestRandom(seed: 0x5041_5454 &+ UInt64(source.utf8.count))
        let alphabet = Array("0123456789.abcdxyz@_ \n-".utf8)
        for _ in 0..<2_000 {
            let length = random.below(20)
            let input = ArraySlice((0..<length).map { _ in random.pick(alphabet) })
            #expect(pattern.matches(input) == pattern.matchesWithFoundation(input),
                    "/\(source)/ on '\(String(decoding: input, as: UTF8.self))'")
        }
    }

    @Test("adversarial input costs linear time")
    func noCatastrophicBacktracking() throws {
        // (a|a)*b backtracks exponentially in a backtracking engine; here it is one pass.
        let pattern = try #require(BytePattern("^(a|a)*(a|a)*b$"))
        let input = ArraySlice([UInt8](repeating: UInt8(ascii: "a"), count: 100_000))
        #expect(!pattern.matches(input))
    }
}
