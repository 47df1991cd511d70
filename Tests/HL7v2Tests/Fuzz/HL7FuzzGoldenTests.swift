import FuzzCore
import MedConformCore
import Testing

@testable import HL7v2

/// Invariants I1 and I2 of fuzzing.md §9.4 for the HL7 v2 case space: golden SHA-256 digests
/// of fixed cases, and case N alone equals case N of a sequential run and of shard layouts.
///
/// The golden values pin the whole chain (key schedule, streams, operator tables, model
/// builder, renderer). If one changes on purpose, bump ``generatorVersion`` and re-record;
/// if it changes by accident on some platform, that platform would produce other cases.
@Suite struct HL7FuzzGoldenTests {
    static let generatorVersion = "medconform-fuzz/1"
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
    /// modulo the tier size (123456 → 123456 mod 12444).
    static let golden: [(FuzzTier, UInt64, String)] = [
        (.enumerated, 0, "b9becb6fa79372dcabd1caeefc0abccee9c34d00da5a08b318d958c510ac8b2b"),
        (.enumerated, 1, "deb4765fd6bb31fe6374805c35434ba740120d445bf0574a358c6629f96d73bb"),
        (.enumerated, 2, "ec4c4b05c01697a59f5200f80b594ab4bafe71bcef6599827d3328bdc7fa63ce"),
        (.enumerated, 17, "d99433c29f9fdc73f0757e3723fa378d7f4089a5dd2c7ec161c4e3933f050bcb"),
        (.enumerated, 1000, "e69aae0a5213270cc2ab2e9338df6cbe55e82a4d15d789fcf401b73772e222f3"),
        (.enumerated, 123456, "b49e0fbbd82704e38b2790ee2ef5557732066ba82e090fe7b545d353413ea389"),
        (.random, 0, "f6a6bae98d02170a17dbd573183df43bb728c2d2c62997c27a239bdbc9a01b52"),
        (.random, 1, "965e04155547f8e6db6d40af46e0bfedaa60a7fa157eee3bd7c62833245d6dd6"),
        (.random, 2, "dd2968f0d78c925fa77ba9e000335d20831febd31b9417ead95f662f2b2f17d8"),
        (.random, 17, "8e66a6c0f7a4023138a47daab9c255cdd06a44c2be0b528567a8bf8c17238b7c"),
        (.random, 1000, "e9be86228ee25d6797fb3d4b89028bd09a863ad4e9eaa22f61bf7827a24dbbcd"),
        (.random, 123456, "9973e66c41363d0c9b063b42cae7c148a6b2f9bc14fe96a358f1bad1781cb35e"),
    ]

    static let indices: [UInt64] = [0, 1, 2, 17, 1000, 123_456]

    @Test func modelDigestAndEnumeratedSizeArePinned() throws {
        let space = try Self.space()
        #expect(Hex.encode(space.modelDigest) == Self.modelDigest)
        #expect(space.enumeratedCount == Self.enumeratedCount)
    }

    static let modelDigest = "5695697201e9d94c44c379f180aab21bbb3a3701233db72cbffa50b2fe2fb87d"
    static let enumeratedCount: UInt64 = 12_444

    @Test func goldenCaseDigests() throws {
        let space = try Self.space()
        var lines: [String] = []
        for tier in [FuzzTier.enumerated, .random] {
            for index in Self.indices {
                let built = tier == .enumerated ? space.enumeratedCase(index % space.enumeratedCount) : space.randomCase(index)
                lines.append("(.\(tier), \(index), \"\(built.digestHex)\"),")
            }
        }
        let expected = Self.golden.map { "(.\($0.0), \($0.1), \"\($0.2)\")," }
        let report = "\n" + lines.joined(separator: "\n") + "\nmodel \(Hex.encode(space.modelDigest)) count \(space.enumeratedCount)"
        #expect(lines == expected, Comment(rawValue: report))
    }

    @Test func caseAloneEqualsSequentialAndShardedRuns() throws {
        let space = try Self.space()
        let e = space.enumeratedCount
        // A window straddling the tier boundary plus a window deep in the random tier.
        let windows: [Range<UInt64>] = [(e - 40)..<(e + 40), (e + 123_400)..<(e + 123_460), 990..<1010]
        for window in windows {
            let sequential = window.map { space.case(at: $0).digest }
            for shards: UInt64 in [1, 2, 3, 7] {
                var merged = [[UInt8]](repeating: [], count: window.count)
                for shard in 0..<shards {
                    for built in space.shard(shard, of: shards, in: window) {
                        merged[Int(built.address.index - window.lowerBound)] = built.digest
                    }
                }
                #expect(merged == sequential, "shards \(shards)")
            }
            // Computed alone, in reverse order, in a fresh case space.
            let fresh = try Self.space()
            for n in window.reversed() {
                #expect(fresh.case(at: n).digest == sequential[Int(n - window.lowerBound)])
            }
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
