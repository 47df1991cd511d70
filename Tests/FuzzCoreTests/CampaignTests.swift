import MedConformCore
import Testing

@testable import FuzzCore

/// A pretend device over the TLV model, with bugs switched on by name. It keeps state the way
/// a real device does (down after a crash, a counter that stalls it) until it is restarted.
final class FakeDevice: FuzzTarget {
    var crashOnFF = false
    /// Crashes on a run of 300 bytes 0x07: only one operator value writes it, so the defect
    /// has one signature whatever the shard layout.
    var crashOnLongRun = false
    var stallAfterThreeLong = false
    var flakyOnNine = false
    /// A crash that no restart repairs (a device that needs a person to power-cycle it).
    var neverRecovers = false
    private var down = false
    private var longSeen = 0
    private var flakyToggle = false
    private(set) var restarts = 0
    private(set) var casesSeen = 0
    /// Runs the caller's `meanwhile` work while "the device works", as a socket target does.
    var overlaps = false
    private var inFlight: UInt64?
    /// Each case the campaign announced with `prepare`, and the case in flight at the time.
    private(set) var announced: [(index: UInt64, during: UInt64?)] = []

    func prepare(_ anomalies: [Anomaly], bytes: [UInt8], index: UInt64) {
        announced.append((index, inFlight))
    }

    func run(_ anomalies: [Anomaly], bytes: [UInt8], index: UInt64, meanwhile: () -> Void) async -> CaseRun {
        casesSeen += 1
        if overlaps {
            inFlight = index
            meanwhile()
            inFlight = nil
        }
        if down { return CaseRun(failure: .refused, detail: "down", state: "ready", written: [bytes]) }
        if crashOnFF && bytes.contains(0xFF) {
            down = true
            return CaseRun(failure: .reset, detail: "crashed on 0xFF", state: "ready", written: [bytes])
        }
        if crashOnLongRun && Self.hasRun(bytes) {
            down = true
            return CaseRun(failure: .reset, detail: "crashed on a long run", state: "ready", written: [bytes])
        }
        if stallAfterThreeLong && bytes.count > 20 { longSeen += 1 }
        if flakyOnNine && bytes.contains(9) {
            flakyToggle.toggle()
            if flakyToggle { return CaseRun(failure: .timeout, detail: "sometimes slow", state: "ready", written: [bytes]) }
        }
        return CaseRun(failure: nil, detail: "ok", state: "ready", written: [bytes], read: [[0x06]])
    }

    static func hasRun(_ bytes: [UInt8]) -> Bool {
        var length = 0
        for byte in bytes {
            length = byte == 7 ? length + 1 : 0
            if length >= 300 { return true }
        }
        return false
    }

    func probe() async -> CaseRun {
        if down { return CaseRun(failure: .refused, detail: "down", state: "probe") }
        if stallAfterThreeLong && longSeen >= 3 { return CaseRun(failure: .timeout, detail: "stalled", state: "probe") }
        return CaseRun(failure: nil, detail: "ok", state: "probe")
    }

    func restart() async -> String? {
        restarts += 1
        if !neverRecovers { down = false }
        longSeen = 0
        return nil
    }

    func close() async {}
}

@Suite struct CampaignTests {
    static func campaign(cases: UInt64 = 400, shard: FuzzShard? = nil, probeEvery: Int = 10, seed: UInt64 = 42,
                         backsearch: Int = 16) throws -> Campaign {
        let model = try TLVFixture.model()
        let space = CaseSpace(model: model, operators: TLVFixture.operators(model), profileDigest: Array(repeating: 7, count: 32),
                              generatorVersion: "test/1", seed: seed)
        let settings = CampaignSettings(caseCount: cases, shard: shard, probeEvery: probeEvery, confirmRuns: 2, confirmRequired: 2,
                                        backsearch: backsearch, shrinkTests: 100, maxFindings: 20)
        return Campaign(space: space, settings: settings, direction: "to-device", messageType: "TLV", optionalNodes: [],
                        clock: .system())
    }

    /// The record without its timing, for comparisons.
    static func timeless(_ record: FuzzCampaignRecord) -> FuzzCampaignRecord {
        var copy = record
        copy.durationNanoseconds = 0
        return copy
    }

    @Test func faultFreeDeviceGivesNoFinding() async throws {
        let device = FakeDevice()
        let record = try await Self.campaign().run(device)
        #expect(record.casesRun == 400)
        #expect(record.detections == 0)
        #expect(record.findings.isEmpty)
        #expect(record.probes == 40)
        #expect(FuzzCampaignReport.checks(record, suiteID: "s").map(\.outcome) == [.pass])
    }

    @Test func crashIsFoundConfirmedAndShrunk() async throws {
        let device = FakeDevice()
        device.crashOnFF = true
        let record = try await Self.campaign().run(device)
        #expect(record.casesRun == 400)
        let finding = try #require(record.findings.first { $0.failureClass == .reset })
        #expect(finding.reproduced == "2/2")
        #expect(finding.sequence == nil)
        // Shrunk to the one anomaly that writes 0xFF.
        #expect(finding.shrunkAnomalies.count == 1)
        #expect(finding.occurrences >= 1 && finding.indices.first == finding.address.index)
        // Several operators write 0xFF (an inserted byte, a binary type, a lying length or
        // checksum): one finding per operator and path, each replay holding the byte.
        #expect(record.findings.contains { $0.operatorName == "insert" })
        #expect(record.findings.allSatisfy { $0.failureClass == .reset })
        for finding in record.findings {
            let replayed = try #require(finding.replaySteps.first.flatMap(Hex.decode))
            #expect(replayed.contains(0xFF))
        }
        let checks = FuzzCampaignReport.checks(record, suiteID: "s")
        #expect(checks.first?.outcome == .pass)
        #expect(checks.dropFirst().allSatisfy { $0.outcome == .fail && $0.kind == .connectionClosed })
    }

    @Test func sequenceFailureIsNarrowedToTheCasesItNeeds() async throws {
        let device = FakeDevice()
        device.stallAfterThreeLong = true
        // The long cases are far apart, so the search must reach back past earlier healthy probes.
        let record = try await Self.campaign(cases: 120, probeEvery: 10, backsearch: 128).run(device)
        let finding = try #require(record.findings.first)
        #expect(finding.failureClass == .probeFailed)
        #expect(finding.replayProbe)
        // Three long cases stall the device: the reduced sequence keeps exactly three long ones
        // (the last case is pinned, and may be short), and nothing else before the last.
        let steps = finding.replaySteps.compactMap(Hex.decode)
        #expect(steps.count == (finding.sequence?.count ?? 0) + 1)
        #expect(steps.filter { $0.count > 20 }.count == 3)
        #expect(steps.dropLast().allSatisfy { $0.count > 20 })
    }

    @Test func flakyFailureIsNotReported() async throws {
        let device = FakeDevice()
        device.flakyOnNine = true
        let record = try await Self.campaign(cases: 200).run(device)
        #expect(record.detections > 0)
        #expect(record.findings.isEmpty)
        #expect(!record.unconfirmed.isEmpty)
        #expect(FuzzCampaignReport.checks(record, suiteID: "s").count == 1)
    }

    @Test func secondRunWithTheSameSeedGivesTheSameRecord() async throws {
        let first = FakeDevice()
        first.crashOnFF = true
        let second = FakeDevice()
        second.crashOnFF = true
        let a = try await Self.campaign().run(first)
        let b = try await Self.campaign().run(second)
        #expect(Self.timeless(a) == Self.timeless(b))
        let other = FakeDevice()
        other.crashOnFF = true
        let c = try await Self.campaign(seed: 43).run(other)
        #expect(c.casesFingerprint != a.casesFingerprint)
    }

    /// A target that lets the campaign generate the next case while the device works on the
    /// current one sees the same cases, and the campaign records the same, as one that does not.
    @Test func nextCaseGeneratedDuringTheExchangeChangesNothing() async throws {
        let plain = FakeDevice()
        plain.crashOnFF = true
        let overlapping = FakeDevice()
        overlapping.crashOnFF = true
        overlapping.overlaps = true
        let a = try await Self.campaign().run(plain)
        let b = try await Self.campaign().run(overlapping)
        #expect(Self.timeless(a) == Self.timeless(b))
        #expect(a.findings.count > 0)
        // The fingerprint is pinned: generating ahead must not change what it covers.
        #expect(a.casesFingerprint == "31577461cf1547d9")
        // Every case after the first was announced once, by the campaign loop, while the case
        // before it was in flight at the overlapping device and after it at the other.
        #expect(overlapping.announced.map(\.index) == Array(1..<400))
        #expect(overlapping.announced.allSatisfy { $0.during == $0.index - 1 })
        #expect(plain.announced.map(\.index) == Array(1..<400))
        #expect(plain.announced.allSatisfy { $0.during == nil })
    }

    @Test func shardsMergeIntoTheUnshardedRecord() async throws {
        let whole = FakeDevice()
        whole.crashOnLongRun = true
        let unsharded = try await Self.campaign(cases: 300).run(whole)
        var parts: [FuzzCampaignRecord] = []
        for k in 0..<3 {
            let device = FakeDevice()
            device.crashOnLongRun = true
            let part = try await Self.campaign(cases: 300, shard: FuzzShard(index: UInt64(k), count: 3)).run(device)
            #expect(part.casesRun == 100)
            parts.append(part)
        }
        var merged = try #require(FuzzCampaignReport.merge(parts))
        merged.durationNanoseconds = 0
        var expected = Self.timeless(unsharded)
        // Probes run per shard on their own schedule; everything else must agree.
        merged.probes = 0
        expected.probes = 0
        #expect(unsharded.findings.count == 1)
        #expect(merged == expected)
        #expect(FuzzCampaignReport.checks(merged, suiteID: "s") == FuzzCampaignReport.checks(unsharded, suiteID: "s"))
    }

    @Test func deviceThatStaysDownEndsTheCampaign() async throws {
        let device = FakeDevice()
        device.crashOnFF = true
        device.neverRecovers = true
        let record = try await Self.campaign().run(device)
        #expect(record.stopped?.hasPrefix("the device did not recover") == true)
        #expect(record.casesRun < 400)
        // Replays met a device that refuses everything: nothing is confirmed against it.
        #expect(record.findings.isEmpty)
        #expect(record.unconfirmed.count == 1)
        #expect(FuzzCampaignReport.checks(record, suiteID: "s").first?.outcome == .error)
    }

    @Test func timeBudgetEndsTheCampaign() async throws {
        let model = try TLVFixture.model()
        let space = CaseSpace(model: model, operators: TLVFixture.operators(model), profileDigest: [], generatorVersion: "test/1", seed: 1)
        // A fake clock that advances 1 ms per reading: the 50 ms budget ends the campaign
        // after a bounded number of cases, whatever the machine's speed.
        final class Ticks: @unchecked Sendable {
            var now = Duration.zero
        }
        let ticks = Ticks()
        let clock = MonotonicClock(now: {
            ticks.now += .milliseconds(1)
            return ticks.now
        }, sleep: { _ in })
        let campaign = Campaign(space: space, settings: CampaignSettings(caseCount: nil, duration: .milliseconds(50), probeEvery: 0),
                                direction: "to-device", messageType: "TLV", optionalNodes: [], clock: clock)
        let record = await campaign.run(FakeDevice())
        #expect(record.casesRun > 10 && record.casesRun < 60)
        #expect(record.requestedCases == nil)
        #expect(record.stopped == nil)
    }

    @Test func cancellationStopsTheCampaignAndSaysSo() async throws {
        let campaign = try Self.campaign(cases: 10_000_000)
        let task = Task { await campaign.run(FakeDevice()) }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        let record = await task.value
        #expect(record.stopped?.hasPrefix("interrupted") == true)
        #expect(record.casesRun < 10_000_000)
        #expect(FuzzCampaignReport.checks(record, suiteID: "s").first?.outcome == .error)
    }

    @Test func listReductionFindsTheMinimalSubset() async {
        var budget = 1000
        let items = Array(0..<40)
        let reduced = await reduceList(items, budget: &budget) { candidate in candidate.contains(7) && candidate.contains(31) }
        #expect(reduced == [7, 31])
        var small = 3
        let bounded = await reduceList(items, budget: &small) { _ in false }
        #expect(bounded == items)
        #expect(small == 0)
    }

    @Test func shardParsing() {
        #expect(FuzzShard(parsing: "1/4") == FuzzShard(index: 1, count: 4))
        #expect(FuzzShard(parsing: "4/4") == nil)
        #expect(FuzzShard(parsing: "x/2") == nil)
        #expect(FuzzShard(parsing: "0/0") == nil)
    }
}
