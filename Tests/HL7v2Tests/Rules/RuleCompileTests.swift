import MedConformCore
import Testing

@testable import HL7v2

/// Compiling spec checks: the real specs compile cleanly, and every kind of mistake in a
/// spec is reported at its position with a message that says what to write instead.
@Suite("HL7 v2 rules: compiling spec checks")
struct RuleCompileTests {
    @Test("the repository's Specs compile without diagnostics")
    func realSpecsCompile() throws {
        let specs = try TestSpecs.national()
        #expect(specs.specs.map(\.id) == ["terminology/mdc", "hl7v2", "ihe-pcd-01", "national/example-id"])
        let (rules, diagnostics) = TestSpecs.compile(specs)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let compiled = try #require(rules)
        let withChecks = specs.requirements.filter { $0.check != nil }
        #expect(compiled.requirements.map(\.id) == withChecks.map(\.id))
        // Every kind the specs name is known, and every kind is used by some spec.
        #expect(Set(compiled.requirements.compactMap { compiled.kind(of: $0.id) }) == Set(HL7RuleKind.allCases))
        #expect(compiled.kind(of: "PCD01-OBX-3-REFID") == .mdcCodeMatch)
        #expect(compiled.requirements(.timestamp).map(\.id) == ["PCD01-TS-FORMAT", "IDEX-TS-UTC-OFFSET"])
        #expect(compiled.kind(of: "NO-SUCH-REQUIREMENT") == nil)
    }

    @Test("a spec whose plugin is not hl7v2 is not compiled")
    func otherPluginsAreIgnored() throws {
        let specs = try TestSpecs.set("""
            spec: other
            plugin: astm
            requirements:
              - id: OTHER-1
                check: {rule: no-such-rule}
            """)
        let (rules, diagnostics) = TestSpecs.compile(specs)
        #expect(diagnostics.isEmpty)
        #expect(try #require(rules).requirements.isEmpty)
    }

    struct BadCheck: Sendable, CustomTestStringConvertible {
        var name: String
        /// The requirement's check (a flow mapping), or a block of extra spec text.
        var check: String
        var extra: String = ""
        var line: Int
        var column: Int
        var words: [String]
        var testDescription: String { name }
    }

    /// Requirement checks sit on line 6 of the fixture document (see `document`).
    static let badChecks: [BadCheck] = [
        BadCheck(name: "unknown rule with did-you-mean", check: "{rule: requried-fields, segment: PID, fields: [3]}",
                 line: 6, column: 19, words: ["unknown rule 'requried-fields'", "did you mean 'required-fields'?"]),
        BadCheck(name: "missing rule", check: "{segment: PID, fields: [3]}",
                 line: 6, column: 12, words: ["missing the required key 'rule'"]),
        BadCheck(name: "unknown key with did-you-mean", check: "{rule: value, fields: [MSH-9], equals: x, mesages: [ORU]}",
                 line: 6, column: 54, words: ["unknown key 'mesages'", "did you mean 'messages'?"]),
        BadCheck(name: "missing key", check: "{rule: required-fields, fields: [3]}",
                 line: 6, column: 12, words: ["missing the required key 'segment'"]),
        BadCheck(name: "bad HL7 path", check: "{rule: value, fields: [MSH9], equals: x}",
                 line: 6, column: 35, words: ["'MSH9' in 'fields' is not an HL7 path", "'PID-3'"]),
        BadCheck(name: "path with component where a field is needed", check: "{rule: mdc-coding, field: OBX-3.1}",
                 line: 6, column: 38, words: ["must name a whole field"]),
        BadCheck(name: "bad regular expression", check: "{rule: pattern, segment: OBX, field: 4, pattern: \"^[0-9+$\"}",
                 line: 6, column: 61, words: ["'^[0-9+$' is not a valid regular expression"]),
        BadCheck(name: "no condition in a value check", check: "{rule: value, fields: [MSH-9]}",
                 line: 6, column: 12, words: ["exactly one of 'equals', 'in' or 'empty'", "found none"]),
        BadCheck(name: "two conditions in a value check", check: "{rule: value, fields: [MSH-9], equals: a, in: [b]}",
                 line: 6, column: 12, words: ["found 'equals', 'in'"]),
        BadCheck(name: "bad segment ID", check: "{rule: required-fields, segment: pid, fields: [3]}",
                 line: 6, column: 45, words: ["'pid' in 'segment' is not a segment ID"]),
        BadCheck(name: "bad field number", check: "{rule: required-fields, segment: PID, fields: [3, x]}",
                 line: 6, column: 62, words: ["'x' in 'fields' is not a field number"]),
        BadCheck(name: "bad message code", check: "{rule: parse, messages: [oru]}",
                 line: 6, column: 37, words: ["'oru' in 'messages' is not a message code"]),
        BadCheck(name: "unknown table with did-you-mean", check: "{rule: mdc-code-match, field: OBX-3, table: mdc-code}",
                 extra: tableText, line: 6, column: 56, words: ["table 'mdc-code'", "did you mean 'mdc-codes'?"]),
        BadCheck(name: "unknown structure", check: "{rule: structure, structure: ORU_R02}",
                 extra: structureText, line: 6, column: 41, words: ["structure 'ORU_R02'", "did you mean 'ORU_R01'?"]),
        BadCheck(name: "bad expected message type", check: "{rule: reporter-message-type, expect: ORU-R01}",
                 line: 6, column: 50, words: ["'ORU-R01' in 'expect' is not a message type"]),
        BadCheck(name: "bad offset choice", check: "{rule: timestamp, fields: [MSH-7], offset: requird}",
                 line: 6, column: 55, words: ["'offset'", "did you mean 'required'?"]),
        BadCheck(name: "check that is not a mapping", check: "parse",
                 line: 6, column: 12, words: ["must be a mapping"]),
        BadCheck(name: "table row whose code is not partition * 65536 + term",
                 check: "{rule: mdc-code-match, field: OBX-3, table: mdc-codes}",
                 extra: """
                 tables:
                   mdc-codes:
                     - {refid: MDC_PULS_OXIM_SAT_O2, partition: 2, term: 19384, code: 150457}
                 """,
                 line: 9, column: 70, words: ["code 150457 of 'MDC_PULS_OXIM_SAT_O2'", "2 * 65536 + 19384 = 150456"]),
        BadCheck(name: "table row with an unknown key", check: "{rule: units, field: OBX-6, table: mdc-codes}",
                 extra: """
                 tables:
                   mdc-codes:
                     - {refid: MDC_DIM_MMHG, partition: 4, term: 3872, code: 266016, knd: unit}
                 """,
                 line: 9, column: 69, words: ["unknown key 'knd'", "did you mean 'kind'?"]),
        BadCheck(name: "structure with a bad usage", check: "{rule: structure, structure: X_01}",
                 extra: """
                 structures:
                   X_01:
                     - {segment: MSH, usage: RR}
                 """,
                 line: 9, column: 29, words: ["usage 'RR'", "did you mean"]),
        BadCheck(name: "structure group without children", check: "{rule: structure, structure: X_01}",
                 extra: """
                 structures:
                   X_01:
                     - {segment: MSH, usage: R}
                     - {group: G, usage: R, max: "*"}
                 """,
                 line: 10, column: 7, words: ["missing the required key 'children'"]),
        BadCheck(name: "units on a field that is not OBX", check: "{rule: units, field: OBR-6, table: mdc-codes}",
                 extra: tableText, line: 6, column: 33, words: ["must be a field of OBX"]),
    ]

    static let tableText = """
        tables:
          mdc-codes:
            - {refid: MDC_DIM_MMHG, partition: 4, term: 3872, code: 266016, kind: unit}
        """

    static let structureText = """
        structures:
          ORU_R01:
            - {segment: MSH, usage: R, max: 1}
        """

    static func document(_ bad: BadCheck) -> String {
        """
        spec: fixture
        plugin: hl7v2
        requirements:
          - id: FIX-1
            title: A check under test
            check: \(bad.check)
        \(bad.extra)
        """
    }

    @Test("a bad check is reported at its position", arguments: badChecks)
    func badCheckIsPositioned(_ bad: BadCheck) throws {
        let specs = SpecSet(specs: [try TestSpecs.spec(Self.document(bad), path: "fixture.yaml")])
        let (rules, diagnostics) = TestSpecs.compile(specs)
        #expect(rules == nil)
        let errors = diagnostics.filter { $0.severity == .error }
        let first = try #require(errors.first, "no error for \(bad.name)")
        for word in bad.words {
            #expect(errors.contains { $0.message.contains(word) }, "'\(word)' not in \(errors.map(\.description))")
        }
        let located = errors.first { $0.message.contains(bad.words[0]) } ?? first
        #expect(located.location?.file == "fixture.yaml")
        #expect(located.location?.line == bad.line, "\(located)")
        #expect(located.location?.column == bad.column, "\(located)")
    }

    @Test("every error in a spec is reported in one pass")
    func allErrorsAtOnce() throws {
        let specs = try TestSpecs.set("""
            spec: fixture
            plugin: hl7v2
            requirements:
              - id: FIX-1
                check: {rule: parze}
              - id: FIX-2
                check: {rule: value, fields: [PID-x], equals: a}
              - id: FIX-3
                title: no check, skipped
              - id: FIX-4
                check: {rule: pattern, segment: OBX, field: 4, pattern: "("}
            """)
        let (rules, diagnostics) = TestSpecs.compile(specs)
        #expect(rules == nil)
        #expect(diagnostics.count == 3, "\(diagnostics)")
        #expect(diagnostics.map { $0.location?.line ?? 0 } == [5, 7, 11])
    }
}
