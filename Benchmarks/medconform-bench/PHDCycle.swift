// Full IEEE 11073-20601 cycles per second over loopback: the harness as manager against the
// simulated agent of a profile (association, configuration, GET of the MDS, measurements,
// release), each cycle a fresh connection and a fresh simulator, judged as `medconform run`
// judges it. Wall-clock time: both sides run in this process, on their own tasks.
import Foundation
import MedConformCore
import PHD11073
import ProfileLoader

struct PHDCycleFigures: Encodable {
    var cycles_per_second: Double
    var apdus_per_second: Double
    var cycles: Int
    var failed_checks: Int
}

enum PHDCycleBench {
    static func run(profile: String, specsRoot: String, seconds: Double) async -> PHDCycleFigures? {
        let collector = DiagnosticCollector()
        let library = SpecLibrary.load(root: specsRoot, collector: collector)
        let loader = ProfileLoader(registry: PluginRegistry([AnyProtocolPlugin(PHD11073Plugin())]), specs: library)
        guard let plan = loader.load(path: profile, collector: collector), let suite = plan.suites.first else {
            for diagnostic in collector.sorted { FileHandle.standardError.write(Data("\(diagnostic.description)\n".utf8)) }
            return nil
        }
        let clock = ContinuousClock()
        let start = clock.now
        let budget = Duration.milliseconds(Int64(seconds * 1000))
        var cycles = 0, apdus = 0, failed = 0
        while clock.now - start < budget {
            let context = SuiteRunContext(suite: suite.definition, target: suite.target, specs: plan.specs, device: plan.profile.device,
                                          capabilities: plan.profile.capabilities, clock: .system(), observer: SilentObserver())
            let result = await suite.plugin.run(suite.configuration, context: context)
            cycles += 1
            apdus += result.transcript.count
            failed += result.checks.count { $0.outcome != .pass }
        }
        let elapsed = Double((clock.now - start).nanosecondsClamped) / 1e9
        return PHDCycleFigures(cycles_per_second: Double(cycles) / elapsed, apdus_per_second: Double(apdus) / elapsed,
                               cycles: cycles, failed_checks: failed)
    }
}
