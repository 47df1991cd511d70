import FuzzCore

/// The determinism invariants of fuzzing.md §9.4 (I1, I2) as every protocol's golden tests
/// check them on their own case space: the functions return what disagrees, and the tests
/// expect it to be nothing.
public enum CaseSpaceInvariants {
    /// A golden table row: tier, index inside the tier, SHA-256 of the case bytes.
    public typealias GoldenRow = (tier: FuzzTier, index: UInt64, sha256: String)

    /// The rows as source lines, the form a re-recording pastes back into the table.
    public static func lines(_ rows: [GoldenRow]) -> [String] {
        rows.map { "(.\($0.tier), \($0.index), \"\($0.sha256)\")," }
    }

    /// The rows the space gives now for `indices` in both tiers (enumerated indices taken
    /// modulo the tier size).
    public static func rows(_ space: CaseSpace, indices: [UInt64]) -> [GoldenRow] {
        [FuzzTier.enumerated, .random].flatMap { tier in
            indices.map { index in
                let built = tier == .enumerated ? space.enumeratedCase(index % space.enumeratedCount) : space.randomCase(index)
                return (tier, index, built.digestHex)
            }
        }
    }

    /// The shard counts for which the cases of `window`, generated shard by shard and put back
    /// in order, differ from the cases generated one after another.
    public static func shardCountsDisagreeing(_ space: CaseSpace, window: Range<UInt64>,
                                              shardCounts: [UInt64] = [1, 2, 3, 7]) -> [UInt64] {
        let sequential = window.map { space.case(at: $0).digest }
        return shardCounts.filter { shards in
            var merged = [[UInt8]](repeating: [], count: window.count)
            for shard in 0..<shards {
                for built in space.shard(shard, of: shards, in: window) {
                    merged[Int(built.address.index - window.lowerBound)] = built.digest
                }
            }
            return merged != sequential
        }
    }

    /// The case numbers of `window` whose case made alone by `alone` (asked in reverse order,
    /// typically of a freshly built space) differs from the case of a sequential run of `space`.
    public static func casesDifferingAlone(_ space: CaseSpace, window: Range<UInt64>, alone: (UInt64) -> FuzzCase) -> [UInt64] {
        let sequential = window.map { space.case(at: $0).digest }
        return window.reversed().filter { alone($0).digest != sequential[Int($0 - window.lowerBound)] }
    }
}
