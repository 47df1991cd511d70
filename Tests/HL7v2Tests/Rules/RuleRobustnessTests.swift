import MedConformCore
import Testing

@testable import HL7v2

/// Mutated messages through every rule: nothing traps, every message gets observations, and no
/// reason or evidence value carries a raw control character from the input.
@Suite("HL7 v2 rules: adversarial messages", .enabled(if: RuleFixtures.nationalRules != nil, "Specs folder not found"))
struct RuleRobustnessTests {
    static let cases = 5_000

    static let corpus: [[UInt8]] = {
        var inputs = [RuleFixtures.bytes(RuleFixtures.oru), RuleFixtures.bytes(RuleFixtures.ack)]
        for name in VectorRuleTests.conformant + ["pcd01_bp_hapi_negative_withdrawn_pid13.hl7"] {
            if let bytes = Vectors.bytes(name) { inputs.append(bytes) }
        }
        return inputs
    }()

    static let insertions: [[UInt8]] = [
        "|", "^", "~", "\\", "&", "\r", "\n", "\"\"", "\\X", "\\X0\\", "\\XZZ\\", "\\.br\\", "\\F\\", "\\Q\\", "\\L\\",
        "\rPID|", "\rOBX|", "\rZZZ|", "\rMSH|^~\\&|", "\u{0B}", "\u{1C}", "\u{00}", "\u{7F}", "\u{1B}[2J", "\u{FF}",
        "\u{E2}\u{80}\u{AE}", "+9999", "-", ".", "MDC_", "^MDC", "^UCUM", "NM", "~~~~", "99999999999999999999",
    ].map { Array($0.utf8) }

    /// One mutation of a corpus message, chosen and placed by `random`.
    static func mutate(_ random: inout TestRandom) -> [UInt8] {
        var bytes = random.pick(corpus)
        let rounds = 1 + random.below(4)
        for _ in 0..<rounds {
            let position = bytes.isEmpty ? 0 : random.below(bytes.count + 1)
            switch random.below(8) {
            case 0:  // truncate
                bytes = Array(bytes.prefix(position))
            case 1:  // flip bytes
                for _ in 0..<(1 + random.below(8)) where !bytes.isEmpty {
                    bytes[random.below(bytes.count)] = random.byte()
                }
            case 2, 3:  // insert a delimiter, escape or structure fragment
                bytes.insert(contentsOf: random.pick(insertions), at: position)
            case 4:  // huge repetition of a fragment
                bytes.insert(contentsOf: repeated(random.pick(insertions), 200 + random.below(3_000)), at: position)
            case 5:  // duplicate a segment many times
                let segments = bytes.split(separator: 0x0D, omittingEmptySubsequences: true)
                if segments.count > 1 {
                    let segment = Array(segments[1 + random.below(segments.count - 1)]) + [0x0D]
                    bytes += repeated(segment, 50 + random.below(500))
                }
            case 6:  // delete a range
                let end = min(bytes.count, position + random.below(40))
                if position < end { bytes.removeSubrange(position..<end) }
            default:  // swap two segments
                var segments = bytes.split(separator: 0x0D).map(Array.init)
                if segments.count > 2 {
                    segments.swapAt(1 + random.below(segments.count - 1), 1 + random.below(segments.count - 1))
                    bytes = Array(segments.map { $0 + [0x0D] }.joined())
                }
            }
        }
        return bytes
    }

    private static func repeated(_ fragment: [UInt8], _ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(fragment.count * count)
        for _ in 0..<count { out.append(contentsOf: fragment) }
        return out
    }

    @Test("5,000 mutated messages never trap and always produce observations")
    func mutatedMessages() async throws {
        let rules = try #require(RuleFixtures.nationalRules).rules
        var random = TestRandom(seed: 0x5255_4C45_5300_0001)
        var parsed = 0
        var failures: [String] = []
        for index in 0..<Self.cases {
            // Long CPU loops hand the cooperative pool back now and then, so that tests
            // doing loopback I/O in parallel are not starved past their timeouts.
            if index % 50 == 0 { await Task.yield() }
            let input = Self.mutate(&random)
            let verdicts = rules.judgeMessage(input, subject: "case \(index)")
            if verdicts.message != nil { parsed += 1 }
            if verdicts.observations.isEmpty { failures.append("case \(index): no observation") }
            if verdicts.message == nil, verdicts.conforms { failures.append("case \(index): unparsed but conforms") }
            for item in verdicts.observations {
                let observation = item.observation
                let texts = [observation.reason] + observation.evidence.items.map(\.value)
                if texts.contains(where: { $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } }) {
                    failures.append("case \(index): \(item.requirementID) reason holds a control character")
                }
                if observation.outcome != .pass, observation.reason.isEmpty {
                    failures.append("case \(index): \(item.requirementID) without a reason")
                }
            }
            if failures.count > 10 { break }
        }
        #expect(failures.isEmpty, "\(failures)")
        // The mutations must reach the rules, not only the parser.
        #expect(parsed > Self.cases / 4, "only \(parsed) of \(Self.cases) parsed")
    }

    @Test("mutated files through the offline checker")
    func mutatedFiles() async throws {
        let (specs, rules) = try #require(RuleFixtures.nationalRules)
        var random = TestRandom(seed: 0x4F46_464C_494E_4501)
        for round in 0..<100 {
            await Task.yield()
            let files = (0..<(1 + random.below(3))).map { number in
                var bytes: [UInt8] = []
                for _ in 0..<(1 + random.below(3)) {
                    let message = Self.mutate(&random)
                    bytes += random.below(2) == 0 ? [0x0B] + message + [0x1C, 0x0D] : message + [0x0A]
                }
                return CapturedFile(path: "mutated/\(round)/file \(number).hl7", bytes: bytes)
            }
            let suites = HL7OfflineChecker.check(files, rules: rules, specs: specs)
            #expect(suites.count == files.count)
            for suite in suites { #expect(suite.checks.count == rules.requirements.count) }
        }
    }
}
