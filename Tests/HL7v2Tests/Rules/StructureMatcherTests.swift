import MedConformCore
import Testing

@testable import HL7v2

/// The structure matcher on small grammars written for the test, and on adversarial input.
@Suite("HL7 v2 rules: structure matching")
struct StructureMatcherTests {
    /// A grammar with every usage, a nested repeating group and a segment used in two places.
    static let grammarText = """
        spec: grammar
        plugin: hl7v2
        requirements:
          - id: G-1
            check: {rule: structure, structure: T_01}
        structures:
          T_01:
            - {segment: MSH, usage: R, max: 1}
            - {segment: SFT, usage: X}
            - {segment: EVN, usage: RE, max: 1}
            - group: ORDER
              usage: R
              max: "*"
              children:
                - {segment: ORC, usage: O, max: 1}
                - {segment: OBR, usage: R, max: 1}
                - {segment: NTE, usage: O, max: 2}
                - group: RESULT
                  usage: O
                  max: "*"
                  children:
                    - {segment: OBX, usage: R, max: 1}
                    - {segment: NTE, usage: O, max: "*"}
            - {segment: DSC, usage: C, max: 1}
        """

    static let grammar: SegmentGrammar? = {
        guard let spec = try? TestSpecs.spec(grammarText), let entry = spec.structures.first else { return nil }
        return SegmentGrammar.read(entry, collector: DiagnosticCollector())
    }()

    struct Case: Sendable, CustomTestStringConvertible {
        var segments: String
        var problem: String?
        var testDescription: String { segments }
    }

    static let cases: [Case] = [
        Case(segments: "MSH OBR", problem: nil),
        Case(segments: "MSH EVN ORC OBR NTE NTE OBX NTE NTE NTE OBX OBR OBX DSC", problem: nil),
        Case(segments: "MSH OBR OBX OBX NTE OBR", problem: nil),
        Case(segments: "MSH", problem: "required group ORDER (starting with OBR) missing in T_01 at the end of the message (after segment 1 'MSH')"),
        Case(segments: "MSH ORC OBX", problem: "segment 3 'OBX' is not allowed here (expected OBR): required segment OBR missing in ORDER after segment 2 'ORC'"),
        Case(segments: "MSH SFT OBR", problem: "segment 2 'SFT' is marked X (not supported) in T_01"),
        Case(segments: "MSH OBR SFT", problem: "segment 3 'SFT' is marked X (not supported) in T_01"),
        Case(segments: "MSH OBR NTE NTE NTE", problem: "segment 5 'NTE': too many 'NTE' (max 2) in ORDER"),
        Case(segments: "MSH EVN EVN OBR", problem: "segment 3 'EVN': too many 'EVN' (max 1) in T_01"),
        Case(segments: "MSH OBR ZZ1 OBX", problem: "segment 3 'ZZ1' is not part of structure T_01 (unknown segment)"),
        Case(segments: "MSH OBR DSC OBX", problem: "segment 4 'OBX' is not allowed here (expected the end of the message)"),
        Case(segments: "MSH OBR MSH", problem: "segment 3 'MSH' is not allowed here (expected NTE, OBX, ORC, OBR or DSC)"),
        Case(segments: "EVN MSH OBR", problem: "segment 1 'EVN' is not allowed here (expected MSH): required segment MSH missing in T_01 at the start of the message"),
    ]

    @Test("first deviation, worded", arguments: cases)
    func deviation(_ testCase: Case) throws {
        let grammar = try #require(Self.grammar)
        let ids = testCase.segments.split(separator: " ").compactMap { SegmentCodes.pack(String($0)) }
        let found = SegmentGrammarMatcher(grammar: grammar).firstDeviation(ids)
        #expect(found.map { StructureRule.reason($0, grammar, ids: ids) } == testCase.problem)
    }

    @Test("adversarial sequences cost time linear in their length")
    func boundedWork() throws {
        let grammar = try #require(Self.grammar)
        let matcher = SegmentGrammarMatcher(grammar: grammar)
        let codes = ["MSH", "OBR", "OBX", "NTE", "ORC", "EVN"].compactMap(SegmentCodes.pack)
        var random = TestRandom(seed: 7)
        for _ in 0..<200 {
            let ids = (0..<random.below(400)).map { _ in random.pick(codes) }
            _ = matcher.firstDeviation(ids)
        }
        // 200,000 segments of a valid repeating shape: one forward pass.
        let long = [codes[0]] + Array(repeating: [codes[1], codes[2], codes[3]], count: 66_666).flatMap { $0 }
        #expect(matcher.firstDeviation(long) == nil)
    }
}
