/// What the command line changes in a run's fuzz campaigns, without touching the profile:
/// the number of cases and the shard. Neither changes any case's bytes: case N is the same
/// whatever the count or the shard layout.
public struct FuzzRunOptions: Sendable, Hashable {
    /// `--cases N`: replaces each campaign's case count (and its time budget).
    public var cases: UInt64?
    /// `--shard K/N`: only the cases with `index mod N == K` run.
    public var shard: FuzzShard?

    public init(cases: UInt64? = nil, shard: FuzzShard? = nil) {
        self.cases = cases
        self.shard = shard
    }
}
