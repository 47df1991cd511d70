import FuzzCore
import FuzzTestSupport
import MedConformCore
import Testing

@testable import PHD11073

/// Invariants I1 and I2 of fuzzing.md §9.4 for the MDER case space: golden SHA-256 digests
/// of fixed cases of both tiers, and case N alone equals case N of a sequential walk and of
/// shard layouts. Plus robustness of the codec itself: decoding any case never traps.
///
/// The golden values pin the whole chain (key schedule, streams, the model builder, the
/// operator table and its libraries, the built-in base). If one changes on purpose, bump
/// ``PHDFuzzModel/generatorVersion`` and re-record (the failure message prints the lines).
///
/// Version history: `medconform-phd-fuzz/1` is the first.
@Suite struct PHDFuzzGoldenTests {
    static let profileDigest: [UInt8] = Array(0..<32)
    static let seed: UInt64 = 0x00C0_FFEE
    static let baseName = "to-manager/roiv-scan-report-fixed"

    static func fuzz(seed: UInt64 = seed) throws -> PHDFuzzModel {
        try PHDFuzzModel(baseNamed: baseName, profileDigest: profileDigest, seed: seed)
    }

    static let indices: [UInt64] = [0, 1, 2, 17, 100, 123_456]

    /// (tier, index inside the tier, SHA-256 of the case bytes); enumerated indices are taken
    /// modulo the tier size.
    static let golden: [CaseSpaceInvariants.GoldenRow] = [
        (.enumerated, 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (.enumerated, 1, "d0752b60adb148ca0b3b4d2591874e2dabd346373e731c27463d65b449cc234c"),
        (.enumerated, 2, "5e47a90a060a509cffd8bd78028e9b7fc179d9a30af296aac3989fce226e3c11"),
        (.enumerated, 17, "9f014dda8503107ad3fd6eb88c393cc05219a2b5cb821fad70fb9176154d1235"),
        (.enumerated, 100, "6f0b0de5ef1be26196717d3e29268518212277cb849e65379e186a6c8a8c2d79"),
        (.enumerated, 123456, "af626f8c01face41ac24f46f195048e1efb9f542f93cc039db6564c441ee6118"),
        (.random, 0, "d33f99a8f7e25414ba5bad8bb05e76c70f7a096f990bf93215953f6861238d27"),
        (.random, 1, "0dd4094670ca283c42a7af2be1327319ed8284ebce259204c43da2124ce02842"),
        (.random, 2, "57cdcafe009366ea63f1a9d73510be3d9af71fa305151a2d987aa0d3af83065e"),
        (.random, 17, "b549a40c29a91ffe1615417f8304b2402ce2064d7cb8fd810bc02886e2090379"),
        (.random, 100, "9d6186ec06d7e8e3ddcea8ad798d4bd65d11a6744f1339e8f5b34e743fe3ca17"),
        (.random, 123456, "fbcc1a6ddceb348c6019daf1d3346a1a16dceb9c69df8b48d7de951b7098a213"),
    ]

    static let modelDigest = "bd3ca76f53fa6b938fd0f2359c85ce4aab262a152541d0b8c32349ae711d42aa"
    static let enumeratedCount: UInt64 = 483

    @Test func enumeratedCaseZeroIsTheEmptyMessage() throws {
        // The root comes first in pre-order and truncation's first cut is at offset 0, so the
        // golden enumerated case 0 is the SHA-256 of no bytes.
        let built = try Self.fuzz().case(index: 0)
        #expect(built.bytes.isEmpty && built.anomalies.map(\.operatorName) == ["mder.truncate"])
    }

    @Test func generatorVersion() {
        #expect(PHDFuzzModel.generatorVersion == "medconform-phd-fuzz/1")
    }

    @Test func modelDigestAndEnumeratedSizeArePinned() throws {
        let fuzz = try Self.fuzz()
        #expect(Hex.encode(fuzz.space.modelDigest) == Self.modelDigest)
        #expect(fuzz.space.enumeratedCount == Self.enumeratedCount)
        #expect(fuzz.space.runKey.generatorVersion == PHDFuzzModel.generatorVersion)
    }

    @Test func goldenCaseDigests() throws {
        let fuzz = try Self.fuzz()
        let space = fuzz.space
        let lines = CaseSpaceInvariants.lines(CaseSpaceInvariants.rows(space, indices: Self.indices))
        let report = "\n" + lines.joined(separator: "\n") + "\nmodel \(Hex.encode(space.modelDigest)) count \(space.enumeratedCount)"
        #expect(lines == CaseSpaceInvariants.lines(Self.golden), Comment(rawValue: report))
    }

    @Test func caseAloneEqualsSequentialAndShardedRuns() throws {
        let fuzz = try Self.fuzz()
        let space = fuzz.space
        let e = space.enumeratedCount
        let windows: [Range<UInt64>] = [(e - 40)..<(e + 40), (e + 123_400)..<(e + 123_460), 0..<30]
        for window in windows {
            #expect(CaseSpaceInvariants.shardCountsDisagreeing(space, window: window) == [], "window \(window)")
            // Computed alone, in reverse order, through a fresh model.
            let fresh = try Self.fuzz()
            #expect(CaseSpaceInvariants.casesDifferingAlone(space, window: window) { fresh.case(index: $0) } == [], "window \(window)")
        }
    }

    @Test func anotherSeedGivesOtherRandomCasesAndTheSameEnumeratedOnes() throws {
        let a = try Self.fuzz()
        let b = try Self.fuzz(seed: Self.seed + 1)
        var differ = 0
        for n in 0..<20 as Range<UInt64> where a.space.randomCase(n).digest != b.space.randomCase(n).digest { differ += 1 }
        #expect(differ >= 15)
        #expect(a.space.enumeratedCase(5).digest == b.space.enumeratedCase(5).digest)
    }

    @Test func theRandomTierStacksAnomalies() throws {
        let fuzz = try Self.fuzz()
        var depths: [Int] = []
        var operators: [String] = []
        for n in 0..<400 as Range<UInt64> {
            let built = fuzz.space.randomCase(n)
            depths.append(built.anomalies.count)
            for anomaly in built.anomalies where !operators.contains(anomaly.operatorName) { operators.append(anomaly.operatorName) }
            #expect(built == fuzz.space.randomCase(n))
        }
        #expect(depths.contains(1) && depths.contains(2) && depths.allSatisfy { (1...8).contains($0) })
        // Every operator that applies to some node of this base is drawn (mder.octets has no
        // target here: its observations are all typed by the value map).
        let applicable = fuzz.space.operators.filter { op in fuzz.model.nodes.contains { op.librarySize($0) > 0 } }.map(\.name)
        #expect(operators.count == applicable.count, "\(operators) of \(applicable)")
    }

    /// Every case of the first few thousand of every base goes through ``APDU/decode(_:)``:
    /// errors are expected, a trap would end the test process.
    @Test(arguments: PHDFuzzBase.all.map(\.name))
    func decodingCasesNeverTraps(_ name: String) throws {
        let fuzz = try PHDFuzzModel(baseNamed: name, profileDigest: Self.profileDigest, seed: Self.seed)
        var decoded = 0
        var failed = 0
        let end = fuzz.space.enumeratedCount + 1000
        for n in 0..<end {
            if (try? APDU.decode(fuzz.case(index: n).bytes)) != nil { decoded += 1 } else { failed += 1 }
        }
        #expect(decoded > 0 && failed > 0)
    }
}
