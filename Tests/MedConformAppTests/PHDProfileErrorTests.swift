import Foundation
import MedConformApp
import MedConformCore
import Testing

@Suite("IEEE 11073 profile mistakes")
struct PHDProfileErrorTests {
    @Test func everyMistakeIsReportedAtItsPositionAndNothingRuns() async {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let profile = folder.write("phd.yaml", """
            medconform: 1
            id: phd-mistakes
            title: mistakes
            specs: [ieee-11073-10404]
            device: {manufacturer: x, model: y}
            target: {simulator: phd-pulse-oximeter}
            suites:
              - {id: a, plugin: phd11073, role: manager, specialization: scale, measurements: 0}
              - {id: b, plugin: phd11073, role: agent, association-answer: accepted, target: {simulator: phd-manager, transport: tcp}}
              - {id: c, plugin: phd11073, role: manager, requirements: [P10404-UNIT], target: {simulator: phd-manager, transport: tcp}}
            """)
        let captured = CapturedOutput()
        let status = await RunCommand.main(RunCommand.Options(profile: profile, specs: Repository.specs), environment: captured.environment())
        #expect(status == .usage)
        let errors = captured.standardError
        // The default transport is MLLP, which 20601 does not use.
        #expect(errors.contains { $0.hasPrefix("\(profile):6:") && $0.contains("transport: tcp") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("\(profile):8:") && $0.contains("scale") && $0.contains("weighing-scale") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("\(profile):8:") && $0.contains("measurements") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("\(profile):9:") && $0.contains("association-answer") && $0.contains("manager role only") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("\(profile):10:") && $0.contains("P10404-UNIT") && $0.contains("did you mean 'P10404-UNITS'") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("\(profile):10:") && $0.contains("tests an agent") }, "\(errors)")
        #expect(captured.standardOutput.isEmpty, "nothing ran")
    }

    @Test func aBadSpecCheckIsReportedInTheSpec() async {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let specs = folder.path + "/Specs"
        try? FileManager.default.createDirectory(atPath: specs + "/terminology", withIntermediateDirectories: true)
        try? FileManager.default.copyItem(atPath: Repository.specs + "/terminology/mdc.yaml", toPath: specs + "/terminology/mdc.yaml")
        _ = folder.write("Specs/lab.yaml", """
            spec: lab
            title: a lab's own 20601 rules
            plugin: phd11073
            uses: [terminology/mdc]
            status: example
            sources:
              - {id: lab, document: lab notes}
            requirements:
              - {id: LAB-1, title: t, strength: shall, source: lab, check: {rule: unit, units: []}}
              - {id: LAB-2, title: t, strength: shall, source: lab, check: {rule: config-objects, types: [MDC_PULS_OXIM_SAT_02]}}
            """)
        let capture = folder.write("rlrq.hex", "e400 0002 0000\n")
        let captured = CapturedOutput()
        let options = CheckCommand.Options(files: [capture], specIDs: ["lab"], specs: specs)
        #expect(CheckCommand.judge(options, environment: captured.environment()) == nil)
        let errors = captured.standardError
        #expect(errors.contains { $0.contains("lab.yaml:9:") && $0.contains("'unit'") && $0.contains("did you mean 'units'") }, "\(errors)")
        #expect(errors.contains { $0.contains("lab.yaml:10:") && $0.contains("MDC_PULS_OXIM_SAT_02") && $0.contains("MDC_PULS_OXIM_SAT_O2") }, "\(errors)")
    }
}
