import FuzzCore
import FuzzTestSupport
import MedConformCore
import Testing

@testable import HL7v2

/// Invariants I1 and I2 of fuzzing.md §9.4 for the HL7 v2 case space: golden SHA-256 digests
/// of fixed cases, and case N alone equals case N of a sequential run and of shard layouts.
///
/// The golden values pin the whole chain (key schedule, streams, operator tables, model
/// builder, renderer). If one changes on purpose, bump ``generatorVersion`` and re-record;
/// if it changes by accident on some platform, that platform would produce other cases.
///
/// Version history. `medconform-fuzz/1` → `/2`: three operators joined the table
/// (`hl7.delimiter.redeclare`, `hl7.charset`, `hl7.charset.utf16`) and the model always has
/// the truncation role (empty unless declared), so the model digest, the enumerated tier's
/// size and numbering after the first new entry, and every random case changed. Enumerated
/// cases 0–2 precede every change and kept their digests. The speed work before it (lazy
/// digest, spliced rendering) changed no byte: the digests of `/1` held throughout it.
@Suite struct HL7FuzzGoldenTests {
    static let generatorVersion = HL7FuzzModel.generatorVersion
    static let profileDigest: [UInt8] = Array(0..<32)
    static let seed: UInt64 = 0x00C0_FFEE

    /// The base message, written out here so that changes elsewhere (fixtures, simulators)
    /// cannot move the golden values. Synthetic: invented device and patient.
    static let baseSegments = [
        #"MSH|^~\&|SIMDEV^0011223344556677^EUI-64|MEDCONFORM|HARNESS||20240101120000+0000||ORU^R01^ORU_R01|MSG00001|P|2.6|||NE|AL"#,
        #"PID|||PAT001^^^Testhospital^PI~ALT002^^^Otherhospital^MR||Testpatient^Alpha^^^^^L||19800101|U"#,
        #"OBR|1|ORD1^SIMDEV|FIL1^SIMDEV|150020^MDC_PRESS_BLD_NONINV^MDC|||20240101115900+0000"#,
        #"OBX|1|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.0.1.1|120|266016^MDC_DIM_MMHG^MDC|||||R"#,
        #"OBX|2|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.0.1.2|80|266016^MDC_DIM_MMHG^MDC|||||R"#,
        #"OBX|3|ST|0^Note^LOCAL||Pipe \F\ caret \S\ hex \X41\|||||||F"#,
    ]

    static func baseMessage() throws -> HL7Message {
        try HL7Message.parse(Array(baseSegments.map { $0 + "\r" }.joined().utf8))
    }

    static func space() throws -> CaseSpace {
        let message = try baseMessage()
        return try HL7FuzzModel.caseSpace(
            of: message, framed: true, profileDigest: profileDigest, generatorVersion: generatorVersion, seed: seed)
    }

    /// (tier, index inside the tier, SHA-256 of the case bytes); enumerated indices are taken
    /// modulo the tier size (123456 → 123456 mod 12940).
    static let golden: [CaseSpaceInvariants.GoldenRow] = [
        (.enumerated, 0, "b9becb6fa79372dcabd1caeefc0abccee9c34d00da5a08b318d958c510ac8b2b"),
        (.enumerated, 1, "deb4765fd6bb31fe6374805c35434ba740120d445bf0574a358c6629f96d73bb"),
        (.enumerated, 2, "ec4c4b05c01697a59f5200f80b594ab4bafe71bcef6599827d3328bdc7fa63ce"),
        (.enumerated, 17, "bbd7e3b585ac61c74b6a082cd6a36f7e4f9ab9fc9c7ae1827f55203da0e69f4e"),
        (.enumerated, 1000, "d7649f838b2024a0f6edbdaad4d2e0a98e60115cbb68e2b9fee457f23816497d"),
        (.enumerated, 123456, "f05f49aa00da524f5e345773fafa3d756a54df8b2f0bcc2cbd7478bedce6b959"),
        (.random, 0, "71bbfcbaff6cb897f1e58c5580c0ea4978939eca34106237e9be7b1b28612387"),
        (.random, 1, "2f8390d8e916745db3fd0f8f88e912478ac8e84dfa64ab93638349708ceac02d"),
        (.random, 2, "6f4f645b12d37c818541297afd7d312c8c832590e09fd7c147e25cf2e8873375"),
        (.random, 17, "74fc1eb8294088807a0ec33fb78fc4c941ad4bd144bbce521b23bf0090208afb"),
        (.random, 1000, "5df0e1e0a368868d91a364a90ce6f523f0e87afd049f591301576deeedfa5b72"),
        (.random, 123456, "7f33c764ec053506fbbb9f830febd769286bbc5f8745cb738f356a64cd865c26"),
    ]

    static let indices: [UInt64] = [0, 1, 2, 17, 1000, 123_456]

    @Test func modelDigestAndEnumeratedSizeArePinned() throws {
        let space = try Self.space()
        #expect(Hex.encode(space.modelDigest) == Self.modelDigest)
        #expect(space.enumeratedCount == Self.enumeratedCount)
    }

    static let modelDigest = "cc760d86b04861d786c3bf5c5b3a247fded37881013f5f79b897c2a90cee2cce"
    static let enumeratedCount: UInt64 = 12_940

    @Test func goldenCaseDigests() throws {
        let space = try Self.space()
        let lines = CaseSpaceInvariants.lines(CaseSpaceInvariants.rows(space, indices: Self.indices))
        let report = "\n" + lines.joined(separator: "\n") + "\nmodel \(Hex.encode(space.modelDigest)) count \(space.enumeratedCount)"
        #expect(lines == CaseSpaceInvariants.lines(Self.golden), Comment(rawValue: report))
    }

    @Test func caseAloneEqualsSequentialAndShardedRuns() throws {
        let space = try Self.space()
        let e = space.enumeratedCount
        // A window straddling the tier boundary plus a window deep in the random tier.
        let windows: [Range<UInt64>] = [(e - 40)..<(e + 40), (e + 123_400)..<(e + 123_460), 990..<1010]
        for window in windows {
            #expect(CaseSpaceInvariants.shardCountsDisagreeing(space, window: window) == [], "window \(window)")
            // Computed alone, in reverse order, in a fresh case space.
            let fresh = try Self.space()
            #expect(CaseSpaceInvariants.casesDifferingAlone(space, window: window) { fresh.case(at: $0) } == [], "window \(window)")
        }
    }

    @Test func anotherSeedGivesOtherRandomCases() throws {
        let a = try Self.space()
        let message = try Self.baseMessage()
        let b = try HL7FuzzModel.caseSpace(
            of: message, framed: true, profileDigest: Self.profileDigest, generatorVersion: Self.generatorVersion, seed: Self.seed + 1)
        var differ = 0
        for n in 0..<20 as Range<UInt64> where a.randomCase(n).digest != b.randomCase(n).digest { differ += 1 }
        #expect(differ >= 15)
        // The enumerated tier does not depend on the seed.
        #expect(a.enumeratedCase(5).digest == b.enumeratedCase(5).digest)
    }
}
