// HL7 v2 throughput of medconform: parse, and parse + full IHE PCD-01 validation, over the
// messages of the files given. Prints one JSON object for Scripts/bench to set beside the peers.
// `--phase fuzz-ceiling` instead measures the raw MLLP client against the gateway simulator;
// `--phase fuzz-generate` measures fuzz case generation (no files needed); `--phase phd-decode`
// the IEEE 11073-20601 codec over the shared vectors or the capture files given; `--phase
// phd-cycle [profile]` full 20601 manager-role cycles against a simulated agent over loopback.
import Foundation
import HL7v2
import MedConformCore
import ProfileLoader

struct Figures: Encodable {
    var messages_per_second: Double
    var megabytes_per_second: Double
    var messages: Int
}

/// Runs `work` over every message repeatedly for `seconds`, and reports the rate.
func measure(_ payloads: [[UInt8]], seconds: Double, _ work: ([UInt8]) -> Int) -> Figures {
    let clock = ContinuousClock()
    let budget = Duration.milliseconds(Int64(seconds * 1000))
    let start = clock.now
    var count = 0, bytes = 0, sink = 0
    while clock.now - start < budget {
        for payload in payloads {
            sink &+= work(payload)
            bytes += payload.count
            count += 1
        }
    }
    let elapsed = Double((clock.now - start).nanosecondsClamped) / 1e9
    if sink == Int.min { print("") }  // keeps the work observable to the optimiser
    return Figures(messages_per_second: Double(count) / elapsed, megabytes_per_second: Double(bytes) / elapsed / 1e6, messages: count)
}

var arguments = Array(CommandLine.arguments.dropFirst())

// `--phase valid-oru`: writes the valid ORU^R01 the ceiling sends (segments end in CR, no
// framing), for the boofuzz peer to build its request from the same message.
if arguments.count >= 2, arguments[0] == "--phase", arguments[1] == "valid-oru" {
    FileHandle.standardOutput.write(Data(HL7Simulators.validObservationReport(seed: 1, index: 0)))
    exit(0)
}
// `--phase fuzz-ceiling …`: the raw-client ceiling of a fuzzing campaign (FuzzCeiling.swift).
if arguments.count >= 2, arguments[0] == "--phase", arguments[1] == "fuzz-ceiling" {
    do {
        let figures = try await runFuzzCeiling(Array(arguments.dropFirst(2)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(figures), as: UTF8.self))
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("fuzz-ceiling: \(error)\n".utf8))
        exit(2)
    }
}
var seconds = 3.0
var specsRoot = "Specs"
var files: [String] = []
/// `parse`, `validate` or both: one phase alone is easier to profile; `fuzz-generate` and `phd-decode` alone.
var phases = ["parse", "validate"]
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--seconds": seconds = Double(arguments.isEmpty ? "3" : arguments.removeFirst()) ?? 3
    case "--specs": specsRoot = arguments.isEmpty ? specsRoot : arguments.removeFirst()
    case "--phase": phases = arguments.isEmpty ? phases : [arguments.removeFirst()]
    default: files.append(argument)
    }
}

let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
if phases == ["phd-cycle"] {
    let profile = files.first ?? "Profiles/phd-pulse-oximeter.yaml"
    guard let figures = await PHDCycleBench.run(profile: profile, specsRoot: specsRoot, seconds: seconds) else { exit(2) }
    print(String(decoding: try encoder.encode(["phd cycle": figures]), as: UTF8.self))
    exit(0)
}
if phases == ["phd-decode"] {
    guard let figures = PHDDecodeBench.run(files: files, seconds: seconds) else {
        FileHandle.standardError.write(Data("phd-decode: no APDUs that all decode (shared/vectors/ieee11073_20601 not found, or the files given hold none)\n".utf8))
        exit(2)
    }
    print(String(decoding: try encoder.encode(figures), as: UTF8.self))
    exit(0)
}
if phases == ["fuzz-generate"] {
    let generation = try FuzzGenerateBench.run(seconds: seconds)
    print(String(decoding: try encoder.encode(generation), as: UTF8.self))
    exit(0)
}

let collector = DiagnosticCollector()
let library = SpecLibrary.load(root: specsRoot, collector: collector)
let here = SourceLocation.file("<bench>")
guard let specs = library.resolve([SpecReference(id: "ihe-pcd-01", location: here)], collector: collector),
      let rules = HL7RuleSet.compile(specs: specs, collector: collector)
else {
    for diagnostic in collector.sorted { FileHandle.standardError.write(Data("\(diagnostic)\n".utf8)) }
    exit(2)
}
var payloads: [[UInt8]] = []
for path in files {
    guard let data = FileManager.default.contents(atPath: path) else { continue }
    payloads += HL7FileSplitter.split(Array(data)).map(\.bytes)
}
guard !payloads.isEmpty else {
    FileHandle.standardError.write(Data("no messages in the files given\n".utf8))
    exit(2)
}
var figures: [String: Figures] = [:]
if phases.contains("parse") {
    figures["medconform parse"] = measure(payloads, seconds: seconds) { payload in
        (try? HL7Message.parse(payload))?.segmentCount ?? 0
    }
}
if phases.contains("validate") {
    figures["medconform parse+validate PCD-01"] = measure(payloads, seconds: seconds) { payload in
        rules.judgeMessage(payload, subject: "bench").observations.count
    }
}
let output = try encoder.encode(figures)
print(String(decoding: output, as: UTF8.self))
