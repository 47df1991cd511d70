import FuzzCore
import Foundation
import Testing

@testable import PHD11073

/// Generation rate of the MDER case space, printed; runs only when `PHD_FUZZ_RATE` is set
/// (measure it in a release build: `PHD_FUZZ_RATE=1 swift test -c release -Xswiftc
/// -enable-testing --filter PHDFuzzRateTests`).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PHD_FUZZ_RATE"] != nil, "set PHD_FUZZ_RATE to measure"))
struct PHDFuzzRateTests {
    @Test(arguments: ["to-manager/roiv-scan-report-fixed", "to-manager/roiv-config-report", "to-agent/aare-accepted-unknown-config"])
    func generationRate(_ name: String) throws {
        let fuzz = try PHDFuzzModel(baseNamed: name, profileDigest: Array(0..<32), seed: 7)
        let clock = ContinuousClock()
        for (tier, range) in [("enumerated", 0..<fuzz.space.enumeratedCount), ("random", fuzz.space.enumeratedCount..<(fuzz.space.enumeratedCount + 20_000))] {
            var bytes = 0
            var count = 0
            let start = clock.now
            var pass = 0
            while pass < (tier == "enumerated" ? 20 : 1) {
                for n in range {
                    bytes &+= fuzz.case(index: n).bytes.count
                    count += 1
                }
                pass += 1
            }
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("rate \(name) \(tier): \(count) cases in \(seconds) s = \(Int(Double(count) / seconds)) cases/s, mean \(bytes / max(count, 1)) bytes")
        }
    }
}
