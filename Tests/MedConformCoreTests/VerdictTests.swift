import Foundation
@testable import MedConformCore
import Testing

@Suite("Verdicts, exit status and timestamps")
struct VerdictTests {
    @Test func aggregation() {
        #expect(Outcome.aggregate([.pass, .fail, .error]) == .fail)
        #expect(Outcome.aggregate([.pass, .error]) == .error)
        #expect(Outcome.aggregate([.pass, .notApplicable]) == .pass)
        #expect(Outcome.aggregate([.notApplicable, .notApplicable]) == .notApplicable)
        #expect(Outcome.aggregate([Outcome]()) == .inconclusive)
    }

    @Test func aCheckThatSawNoDataNeverPasses() {
        let check = CheckResult.judged(id: "R-1", title: "t", requirements: [], observations: [])
        #expect(check.outcome == .inconclusive)
        #expect(check.kind == .noData)
    }

    @Test func judgedReasonNamesTheFirstFailureAndCountsTheRest() {
        let observations = [
            Observation(.pass, subject: "message 1", reason: "ok"),
            Observation(.fail, subject: "message 2", reason: "OBX-3 code 150457 is not MDC_PULS_OXIM_PULS_RATE", kind: .protocolViolation),
            Observation(.fail, subject: "message 3", reason: "same"),
        ]
        let check = CheckResult.judged(id: "R-1", title: "t", requirements: [], observations: observations)
        #expect(check.outcome == .fail)
        #expect(check.reason == "message 2: OBX-3 code 150457 is not MDC_PULS_OXIM_PULS_RATE (and 1 more)")
        #expect(check.kind == .protocolViolation)
    }

    private func run(_ outcomes: [Outcome], partial: Bool = false) -> RunResult {
        let checks = outcomes.enumerated().map { CheckResult(id: "c\($0.offset)", title: "", requirements: [], outcome: $0.element, reason: "", observations: []) }
        return RunResult(runID: "r", started: "", hostname: "h", duration: .zero,
                         profile: ProfileSummary(path: "p", id: "p", title: "", sha256: "", device: DeviceInfo(manufacturer: "m", model: "x"), capabilities: []),
                         specs: [], suites: [SuiteResult(id: "s", title: "", plugin: "x", checks: checks)], coverage: [],
                         partial: partial, interruption: nil)
    }

    @Test func exitStatus() {
        #expect(run([.pass, .notApplicable, .inconclusive]).exitStatus == .conforms)
        #expect(run([.pass, .fail, .error]).exitStatus == .nonConformance)
        #expect(run([.pass, .error]).exitStatus == .noVerdict)
        #expect(run([]).exitStatus == .noVerdict)
        #expect(run([.pass], partial: true).exitStatus == .interrupted)
    }

    @Test func timestampsAreLocaleFree() {
        let date = Date(timeIntervalSince1970: 1_795_300_205.123)  // 2026-11-21T22:30:05.123Z
        #expect(UTCTimestamp.iso8601(date) == "2026-11-21T22:30:05.123Z")
        #expect(UTCTimestamp.junit(date) == "2026-11-21T22:30:05")
        #expect(UTCTimestamp.compact(date) == "20261121T223005Z")
        #expect(UTCTimestamp.iso8601(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        #expect(UTCTimestamp.iso8601(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
    }

    @Test func durationFormatting() {
        #expect(Duration.milliseconds(1234).secondsWithMilliseconds == "1.234")
        #expect(Duration.milliseconds(5).secondsWithMilliseconds == "0.005")
        #expect(Duration.seconds(2).secondsWithMilliseconds == "2.000")
    }
}
