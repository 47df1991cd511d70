import MedConformCore
import Testing

@testable import HL7v2

/// The rules judge a conforming value on byte ranges and hand anything else (an escape
/// sequence, a duplicate, many values) to the code that unescapes and describes failures.
/// Values that take the hand-over must be judged as before: escaped values that conform after
/// unescaping still pass, and escaped duplicates are still found.
@Suite("HL7 v2 rules: values the fast paths hand over", .enabled(if: RuleFixtures.nationalRules != nil, "Specs folder not found"))
struct FastPathRuleTests {
    typealias F = RuleFixtures

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var requirement: String
        var segments: [String]
        var outcome: Outcome
        var testDescription: String { "\(requirement): \(name)" }
    }

    static let cases: [Case] = [
        Case(name: "NM value written with a hex escape", requirement: "PCD01-OBX-VALUE",
             segments: F.replacing("OBX|2", with: #"OBX|2|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.0.1.1|\X31\20|266016^MDC_DIM_MMHG^MDC|||||R|||20240101115900+0000"#),
             outcome: .pass),
        Case(name: "NM value that is not a number once unescaped", requirement: "PCD01-OBX-VALUE",
             segments: F.replacing("OBX|2", with: #"OBX|2|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.0.1.1|\X41\|266016^MDC_DIM_MMHG^MDC|||||R|||20240101115900+0000"#),
             outcome: .fail),
        Case(name: "version written with an escaped point", requirement: "PCD01-MSH-12",
             segments: F.replacing("MSH", with: F.oru[0].replacingOccurrences(of: "|2.6|", with: #"|2\X2E\6|"#)),
             outcome: .pass),
        Case(name: "observation sub-ID written with an escaped point", requirement: "PCD01-OBX-4-FORM",
             segments: F.replacing("OBX|2", with: #"OBX|2|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1\X2E\0.1.1|120|266016^MDC_DIM_MMHG^MDC|||||R|||20240101115900+0000"#),
             outcome: .pass),
        Case(name: "sub-IDs equal once unescaped", requirement: "PCD01-OBX-4-UNIQUE",
             segments: F.replacing("OBX|3", with: #"OBX|3|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1\X2E\0.1.1|80|mm[Hg]^mm[Hg]^UCUM|||||R|||20240101115900+0000"#),
             outcome: .fail),
        Case(name: "more sub-IDs than the pairwise fast path takes, all different", requirement: "PCD01-OBX-4-UNIQUE",
             segments: F.oru + (10...29).map { #"OBX|\#($0)|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.0.1.\#($0)|120|266016^MDC_DIM_MMHG^MDC|||||R|||20240101115900+0000"# },
             outcome: .pass),
        Case(name: "more sub-IDs than the pairwise fast path takes, one repeated", requirement: "PCD01-OBX-4-UNIQUE",
             segments: F.oru + (10...29).map { #"OBX|\#($0)|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.0.1.\#($0 == 29 ? 10 : $0)|120|266016^MDC_DIM_MMHG^MDC|||||R|||20240101115900+0000"# },
             outcome: .fail),
        Case(name: "withdrawn component empty in every repetition", requirement: "PCD01-PID-13-XTN1",
             segments: F.replacing("PID", with: "PID|||1234567890123456^^^EXAMPLE-NID^NI||Testpatient^Alpha||||||||^PRN^PH~^NET^Internet"),
             outcome: .pass),
        Case(name: "withdrawn component valued in the second repetition", requirement: "PCD01-PID-13-XTN1",
             segments: F.replacing("PID", with: "PID|||1234567890123456^^^EXAMPLE-NID^NI||Testpatient^Alpha||||||||^PRN^PH~555^NET^Internet"),
             outcome: .fail),
    ]

    @Test("judged as the general path judges them", arguments: cases)
    func judge(_ testCase: Case) throws {
        let rules = try #require(RuleFixtures.nationalRules).rules
        let verdicts = rules.judgeMessage(RuleFixtures.bytes(testCase.segments), subject: "message 1")
        #expect(verdicts.outcome(of: testCase.requirement) == testCase.outcome,
                "\(verdicts.observations(of: testCase.requirement).map { "\($0.outcome): \($0.reason)" })")
        // The escapes themselves are well formed: only the rule under test may fail.
        #expect(verdicts.outcome(of: "HL7-ESCAPES") == .pass)
    }
}
