import Foundation
import MedConformApp
import MedConformCore
import Testing

private let phdVectors = (Repository.shared as NSString).appendingPathComponent("vectors/ieee11073_20601")
private let hasPHDVectors = FileManager.default.fileExists(atPath: (phdVectors as NSString).appendingPathComponent("manifest.json"))

/// The files of the shared manifest, in its order.
private func manifestFiles() throws -> [(file: String, note: String)] {
    let data = try #require(FileManager.default.contents(atPath: (phdVectors as NSString).appendingPathComponent("manifest.json")))
    let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    return entries.compactMap { entry in
        guard let file = entry["file"] as? String else { return nil }
        return (file, entry["note"] as? String ?? "")
    }
}

@Suite("medconform check on IEEE 11073-20601 captures", .enabled(if: hasPHDVectors, "shared/vectors/ieee11073_20601 not found"))
struct PHDCheckTests {
    private func check(_ files: [String], spec: String = "ieee-11073-20601") -> (RunResult?, [String]) {
        let captured = CapturedOutput()
        let options = CheckCommand.Options(files: files.map { (phdVectors as NSString).appendingPathComponent($0) }, specIDs: [spec],
                                           specs: Repository.specs, describe: true)
        let result = CheckCommand.judge(options, environment: captured.environment())
        return (result, result?.suites.flatMap(\.log) ?? [])
    }

    @Test("every vector of the manifest is a well-formed APDU of the kind the manifest names")
    func everyVectorDecodes() throws {
        let files = try manifestFiles()
        #expect(files.count >= 30)
        var lines: [String] = []
        // Each alone: the vectors come from different captures, not one exchange.
        for entry in files {
            let (result, log) = check([entry.file])
            lines += log
            let wellformed = result?.suites.first?.checks.first { $0.id == "PHD-APDU-WELLFORMED" }
            #expect(wellformed?.outcome == .pass, "\(entry.file): \(wellformed?.reason ?? "no check")")
        }
        // The manifest's labels, including the two it corrects.
        let text = lines.joined(separator: "\n")
        #expect(text.contains("ABRT response-timeout"))          // blood_pressure__rlre.hex is an abort
        #expect(text.contains("accepted-unknown-config"))       // …aare_accept_known_conf.hex says unknown
    }

    @Test("the values the manifest states: AARQ fields, FLOATs, SFLOATs and times")
    func manifestValues() throws {
        let (_, aarq) = check(["H211.hex"])
        let aarqText = aarq.joined(separator: "\n")
        for fragment in ["0x80000000", "0xA000", "8877665544332211", "dev-config-id 0x4000 (extended)"] {
            #expect(aarqText.contains(fragment), "H211 lacks \(fragment):\n\(aarqText)")
        }
        let (_, fixed) = check(["H221.hex", "H241.hex"])
        let fixedText = fixed.joined(separator: "\n")
        #expect(fixedText.contains("62.4") && fixedText.contains("25.6") && fixedText.contains("2007-02-01 12:10:00.00"), "\(fixedText)")
        let (result, bp) = check(["blood_pressure__roiv_mdc_noti_config.hex", "blood_pressure__roiv_mds_note_scan_report_mp_fixed.hex"], spec: "ieee-11073-10407")
        let bpText = bp.joined(separator: "\n")
        #expect(bpText.contains("113, 71, 85") && bpText.contains("person-id 0x0042"), "\(bpText)")
        // The report's values are judged with the configuration of the file before it.
        let ranges = result?.suites.last?.checks.first { $0.id == "P10407-RANGES" }
        #expect(ranges?.outcome == .pass, "\(ranges?.reason ?? "no check")")
    }

    @Test("a corrupted capture fails with the offset of the first inconsistency")
    func corruptedCapture() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        // H241 with the first obs-val-data length raised by one.
        let path = folder.write("bad.hex", "e700003a00384321010100320000000000000d1d0028f0000000000200200001000dff00027020070201121000000002000cff0001002007020112100000\n")
        let captured = CapturedOutput()
        let result = CheckCommand.judge(CheckCommand.Options(files: [path], specIDs: ["ieee-11073-20601"], specs: Repository.specs), environment: captured.environment())
        let check = try #require(result?.suites.first?.checks.first { $0.id == "PHD-APDU-WELLFORMED" })
        #expect(check.outcome == .fail)
        #expect(check.reason.contains("offset"), "\(check.reason)")
    }
}
