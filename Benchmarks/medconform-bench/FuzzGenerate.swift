// Fuzz case generation throughput: how many cases per second one core produces from the
// HL7 v2 case space, per tier. The base message mirrors the golden test's (synthetic), so the
// figures describe the same case space that test pins.
import Foundation
import FuzzCore
import HL7v2

struct GenerationFigures: Encodable {
    var cases_per_second: Double
    var megabytes_per_second: Double
    var cases: Int
}

enum FuzzGenerateBench {
    /// Synthetic: invented device and patient, the same segments as HL7FuzzGoldenTests.
    static let baseSegments = [
        #"MSH|^~\&|SIMDEV^0011223344556677^EUI-64|MEDCONFORM|HARNESS||20240101120000+0000||ORU^R01^ORU_R01|MSG00001|P|2.6|||NE|AL"#,
        #"PID|||PAT001^^^Testhospital^PI~ALT002^^^Otherhospital^MR||Testpatient^Alpha^^^^^L||19800101|U"#,
        #"OBR|1|ORD1^SIMDEV|FIL1^SIMDEV|150020^MDC_PRESS_BLD_NONINV^MDC|||20240101115900+0000"#,
        #"OBX|1|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.0.1.1|120|266016^MDC_DIM_MMHG^MDC|||||R"#,
        #"OBX|2|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.0.1.2|80|266016^MDC_DIM_MMHG^MDC|||||R"#,
        #"OBX|3|ST|0^Note^LOCAL||Pipe \F\ caret \S\ hex \X41\|||||||F"#,
    ]

    /// CPU seconds used by this thread: the figure is per core, and on a shared machine
    /// wall-clock time would also count the time other processes held the core.
    static func threadSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Generates cases of one tier back to back for `seconds`; the enumerated tier wraps
    /// around, so its figure averages over the whole tier (long values included).
    static func measure(_ space: CaseSpace, random: Bool, seconds: Double) -> GenerationFigures {
        let clock = ContinuousClock()
        let budget = Duration.milliseconds(Int64(seconds * 1000))
        let start = clock.now
        let cpuStart = threadSeconds()
        var count = 0, bytes = 0
        var n: UInt64 = 0
        while clock.now - start < budget {
            // Check the clock every 256 cases: reading it costs more than a small case.
            for _ in 0..<256 {
                let built = random ? space.randomCase(n) : space.enumeratedCase(n % space.enumeratedCount)
                bytes += built.bytes.count
                count += 1
                n += 1
            }
        }
        let elapsed = threadSeconds() - cpuStart
        return GenerationFigures(
            cases_per_second: Double(count) / elapsed, megabytes_per_second: Double(bytes) / elapsed / 1e6, cases: count)
    }

    static func run(seconds: Double) throws -> [String: GenerationFigures] {
        let message = try HL7Message.parse(Array(baseSegments.map { $0 + "\r" }.joined().utf8))
        let space = try HL7FuzzModel.caseSpace(
            of: message, framed: true, profileDigest: Array(0..<32), generatorVersion: "medconform-bench", seed: 0x00C0_FFEE)
        return [
            "enumerated": measure(space, random: false, seconds: seconds),
            "random": measure(space, random: true, seconds: seconds),
        ]
    }
}
