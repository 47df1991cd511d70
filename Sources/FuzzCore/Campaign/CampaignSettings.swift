import MedConformCore

/// How a campaign runs: which cases, how it checks the device's health, and how much work it
/// may spend confirming and shrinking a failure. Read from a profile's `fuzz:` block.
public struct CampaignSettings: Sendable, Equatable {
    /// The first case number.
    public var firstIndex: UInt64
    /// How many case numbers (before sharding) the campaign covers; nil when only a time
    /// budget is given.
    public var caseCount: UInt64?
    /// A time budget; the campaign stops at whichever of count and budget comes first.
    public var duration: Duration?
    /// Only the cases of this shard run.
    public var shard: FuzzShard?
    /// A probe after every this many cases (0: only at the end).
    public var probeEvery: Int
    /// A failure is confirmed when replaying it reproduces the class `confirmRequired` times
    /// out of `confirmRuns`.
    public var confirmRuns: Int
    public var confirmRequired: Int
    /// The longest run of preceding cases searched for a failure that one case alone does not cause.
    public var backsearch: Int
    /// The most replays the reducer may spend on one failure.
    public var shrinkTests: Int
    /// The most detections examined (confirmed and shrunk); later ones are only counted.
    public var maxFindings: Int

    public init(firstIndex: UInt64 = 0, caseCount: UInt64? = 1000, duration: Duration? = nil, shard: FuzzShard? = nil,
                probeEvery: Int = 100, confirmRuns: Int = 2, confirmRequired: Int = 2, backsearch: Int = 16,
                shrinkTests: Int = 150, maxFindings: Int = 20) {
        self.firstIndex = firstIndex
        self.caseCount = caseCount
        self.duration = duration
        self.shard = shard
        self.probeEvery = probeEvery
        self.confirmRuns = confirmRuns
        self.confirmRequired = confirmRequired
        self.backsearch = backsearch
        self.shrinkTests = shrinkTests
        self.maxFindings = maxFindings
    }
}
