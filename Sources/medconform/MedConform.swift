import ArgumentParser
import MedConformApp
import MedConformCore

/// The command line: parses arguments and calls the library. No logic lives here.
@main
struct MedConformCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "medconform",
        abstract: "Conformance test harness for medical devices.",
        discussion: """
        Runs YAML test profiles against a device (or a built-in simulator), judges every \
        requirement of the selected specs, and writes JUnit XML, a JSON result log and an HTML report.

        Exit codes: 0 conforms, 1 non-conformance found, 2 usage or profile error, \
        3 no verdict (harness or transport problem), 130 interrupted.
        """,
        version: MedConform.version,
        subcommands: [Run.self, Lint.self, Check.self, Simulate.self, Case.self, Replay.self, Merge.self, Specs.self, Schema.self])
}

/// Options shared by the commands that read specs.
struct SpecsOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The Specs folder.", discussion: "Default: $MEDCONFORM_SPECS, else the nearest Specs/ above the profile, the current folder or the executable.", valueName: "dir"))
    var specs: String?
}

extension ExitStatus {
    var exitCode: ExitCode { ExitCode(rawValue) }
}

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a profile against its device and write the reports.",
        discussion: """
        Example: medconform run Profiles/demo-pcd01-monitor.yaml
        With --fault, a built-in simulator misbehaves on purpose, to see a requirement fail:
          medconform run Profiles/demo-pcd01-monitor.yaml --fault wrong-refid-code
        """)

    @Argument(help: ArgumentHelp("The YAML profile to run.", valueName: "profile"))
    var profile: String

    @OptionGroup var specsOption: SpecsOption

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the reports (default: Results/<run-id>).", valueName: "dir"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Switch on a named simulator fault (repeatable).", valueName: "name"))
    var fault: [String] = []

    @Option(name: .long, help: ArgumentHelp("Seed for the built-in simulators.", valueName: "n"))
    var seed: UInt64?

    @Option(name: .long, help: ArgumentHelp("Fuzz suites: run this many cases instead of the profile's count or duration.", valueName: "n"))
    var cases: UInt64?

    @Option(name: .long, help: ArgumentHelp("Fuzz suites: run only the cases with index mod N == K; combine shards with 'medconform merge'.", valueName: "K/N"))
    var shard: String?

    func validate() throws {
        if let shard, FuzzShard(parsing: shard) == nil {
            throw ValidationError("--shard must be K/N with 0 <= K < N, such as 0/4; found '\(shard)'")
        }
    }

    func run() async throws {
        let fuzz = FuzzRunOptions(cases: cases, shard: shard.flatMap(FuzzShard.init(parsing:)))
        let options = RunCommand.Options(profile: profile, specs: specsOption.specs, output: output, faults: fault, seed: seed, fuzz: fuzz)
        throw await RunCommand.main(options, environment: .process()).exitCode
    }
}

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check profiles and the specs they use, without running anything.")

    @Argument(help: ArgumentHelp("Profiles to check.", valueName: "profile"))
    var profiles: [String]

    @OptionGroup var specsOption: SpecsOption

    func run() throws {
        throw LintCommand.main(profiles: profiles, specs: specsOption.specs, environment: .process()).exitCode
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Judge captured files offline against specs.",
        discussion: """
        HL7 v2 files may hold one or several messages, plain (CR, LF or CRLF segment ends) or
        MLLP-framed. IEEE 11073-20601 files hold APDUs as hex text (white space, # comments) or
        binary, one or many per file; name a 20601 spec to judge them.
        Examples:
          medconform check capture.hl7 --spec national/example-id --output Results/capture
          medconform check aarq.hex config.hex scan.hex --spec ieee-11073-10404 --describe
        """)

    @Argument(help: ArgumentHelp("Captured files.", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("A spec to judge against (repeatable; default ihe-pcd-01).", valueName: "id"))
    var spec: [String] = []

    @OptionGroup var specsOption: SpecsOption

    @Option(name: .shortAndLong, help: ArgumentHelp("Also write JUnit, JSON and HTML reports here.", valueName: "dir"))
    var output: String?

    @Flag(name: .long, help: "Print what each file decodes to (IEEE 11073 APDUs) before the verdicts.")
    var describe = false

    func run() throws {
        let options = CheckCommand.Options(files: files, specIDs: spec, specs: specsOption.specs, output: output, describe: describe)
        throw CheckCommand.main(options, environment: .process()).exitCode
    }
}

struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a built-in reference simulator on its own.",
        discussion: """
        Examples:
          medconform simulate hl7-gateway --listen 127.0.0.1:2575
          medconform simulate hl7-monitor --connect 127.0.0.1:2575 --count 5 --fault duplicate-obx4

        """ + SimulateCommand.catalogue)

    @Argument(help: ArgumentHelp("hl7-monitor or hl7-gateway.", valueName: "simulator"))
    var simulator: String

    @Option(name: .long, help: ArgumentHelp("Switch on a named fault (repeatable).", valueName: "name"))
    var fault: [String] = []

    @Option(name: .long, help: ArgumentHelp("Seed for the simulated values.", valueName: "n"))
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Connect to this address.", valueName: "host:port"))
    var connect: String?

    @Option(name: .long, help: ArgumentHelp("Listen on this address.", valueName: "host:port"))
    var listen: String?

    @Option(name: .long, help: ArgumentHelp("How many messages a sending simulator sends.", valueName: "n"))
    var count: Int?

    func run() async throws {
        let options = SimulateCommand.Options(simulator: simulator, faults: fault, seed: seed, connect: connect, listen: listen, count: count)
        throw await SimulateCommand.main(options, environment: .process()).exitCode
    }
}

struct Case: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print case N of a fuzz campaign without running anything.",
        discussion: """
        Case N is a pure function of the profile's campaign (model, operators, seed) and N: any \
        machine prints the same bytes.
        Example: medconform case Profiles/fuzz-gateway.yaml --suite gateway-fuzz --index 17
        """)

    @Argument(help: ArgumentHelp("The YAML profile.", valueName: "profile"))
    var profile: String

    @Option(name: .long, help: ArgumentHelp("The fuzz suite (default: the profile's only one).", valueName: "id"))
    var suite: String?

    @Option(name: .long, help: ArgumentHelp("The case number.", valueName: "n"))
    var index: UInt64

    @Option(name: .long, help: ArgumentHelp("hex (address, anomalies and a hex dump) or raw (the bytes only).", valueName: "format"))
    var format: String = "hex"

    @OptionGroup var specsOption: SpecsOption

    func validate() throws {
        if CaseCommand.Format(rawValue: format) == nil { throw ValidationError("--format must be hex or raw") }
    }

    func run() throws {
        let options = CaseCommand.Options(profile: profile, specs: specsOption.specs, suite: suite, index: index,
                                          format: CaseCommand.Format(rawValue: format) ?? .hex)
        throw CaseCommand.main(options, environment: .process()).exitCode
    }
}

struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay a fuzz finding's recorded bytes against the device and say whether it still fails.",
        discussion: """
        Exit 1 when the recorded failure comes back, 0 when it does not.
        Example: medconform replay Results/<run>/fuzz/gateway-fuzz/reset-0123456789abcdef.json
        """)

    @Argument(help: ArgumentHelp("A replay file from a run's fuzz/ folder.", valueName: "record"))
    var record: String

    @Option(name: .long, help: ArgumentHelp("The profile whose target to use (default: the one the record names).", valueName: "profile"))
    var profile: String?

    @OptionGroup var specsOption: SpecsOption

    func run() async throws {
        throw await ReplayCommand.main(ReplayCommand.Options(record: record, profile: profile, specs: specsOption.specs),
                                       environment: .process()).exitCode
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the results of 'run --shard K/N' into the reports of one run.",
        discussion: "Example: medconform merge Results/shard-0 Results/shard-1 --output Results/merged")

    @Argument(help: ArgumentHelp("Result folders of the shards (each with result.json).", valueName: "dir"))
    var directories: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the merged reports.", valueName: "dir"))
    var output: String?

    func run() throws {
        throw MergeCommand.main(MergeCommand.Options(directories: directories, output: output), environment: .process()).exitCode
    }
}

struct Specs: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List specs and their requirements.")

    @Argument(help: ArgumentHelp("Spec ids to list with everything they extend (default: all).", valueName: "id"))
    var ids: [String] = []

    @OptionGroup var specsOption: SpecsOption

    func run() throws {
        throw SpecsCommand.main(ids: ids, specs: specsOption.specs, environment: .process()).exitCode
    }
}

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the JSON Schema of profiles (for editors).",
        discussion: "Profiles/medconform-profile.schema.json holds the same; name it in a profile with\n# yaml-language-server: $schema=medconform-profile.schema.json")

    func run() throws {
        throw ExitCode(SchemaCommand.main(environment: .process()))
    }
}
