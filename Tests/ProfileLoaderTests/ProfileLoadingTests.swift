import Foundation
import MedConformCore
import ProfileLoader
import Testing

@Suite("Loading valid profiles")
struct ProfileLoadingTests {
    static let fullProfile = """
        # yaml-language-server: $schema=medconform-profile.schema.json
        medconform: 1
        id: demo-vitals.v1
        title: Demo vitals monitor
        description: Exercises every key of the profile language.
        variables:
          host: 127.0.0.1
          base-port: "25"
        specs: [overlay/example-nid, base-proto]
        device:
          manufacturer: Example Medical
          model: VS-1
          firmware: "2.10"
          serial: SN-0001
        capabilities: [spo2, nibp]
        target:
          simulator: fake-monitor
          faults: [wrong-code, missing-pid3, wrong-code]
          seed: 0x10
          max-frame: 64KiB
          timeouts: {connect: 1.5s, response: 250ms, idle: 1m}
        suites:
          - id: observations
            title: Observations
            plugin: fake
            role: receiver
            messages: 20
          - id: pump
            plugin: fake
            role: sender
            target:
              simulator: fake-pump
          - id: network
            plugin: fake
            role: receiver
            target:
              connect: ${host}:${base-port}75
              transport: mllp
              timeouts: {response: 3s}
          - id: lab
            plugin: fake-lab
            analyzer: "${env:ANALYZER}"
            target:
              listen: "[::1]:0"

        """

    @Test func buildsThePlanFromEveryKey() throws {
        let fixture = try LoaderFixture()
        let path = try fixture.directory.write("demo.yaml", Self.fullProfile)
        let collector = DiagnosticCollector()
        let plan = try #require(fixture.loader.load(
            path: path, overrides: LoadOverrides(environment: ["ANALYZER": "AX-500"]), collector: collector))
        #expect(collector.diagnostics.isEmpty)

        #expect(plan.profileSHA256 == SHA256.hex(Array(Self.fullProfile.utf8)))
        let profile = plan.profile
        #expect(profile.path == path)
        #expect(profile.id == "demo-vitals.v1")
        #expect(profile.title == "Demo vitals monitor")
        #expect(profile.summary == "Exercises every key of the profile language.")
        #expect(profile.specs.map(\.id) == ["overlay/example-nid", "base-proto"])
        #expect(profile.specs.first?.location == MedConformCore.SourceLocation(file: path, line: 9, column: 9))
        #expect(profile.device == DeviceInfo(manufacturer: "Example Medical", model: "VS-1", firmware: "2.10", serial: "SN-0001"))
        #expect(profile.capabilities == ["spo2", "nibp"])

        let target = profile.target
        #expect(target.endpoint == .simulator(SimulatorSelection(name: "fake-monitor", faults: ["wrong-code", "missing-pid3"], seed: 16)))
        #expect(target.transport == "mllp")
        #expect(target.maxFrameBytes == 65536)
        #expect(target.timeouts == Timeouts(connect: .milliseconds(1500), response: .milliseconds(250), idle: .seconds(60)))
        #expect(target.location == MedConformCore.SourceLocation(file: path, line: 17, column: 3))

        // Bases come before what extends them, data-only specs first, each spec once.
        #expect(plan.specs.specs.map(\.id) == ["codes/units", "base-proto", "device-profile", "overlay/example-nid"])

        #expect(profile.suites.map(\.id) == ["observations", "pump", "network", "lab"])
        #expect(plan.suites.map(\.definition.id) == ["observations", "pump", "network", "lab"])
        #expect(plan.suites.map(\.plugin.id) == ["fake", "fake", "fake", "fake-lab"])

        let observations = try #require(plan.suites[0].configuration as? FakeConfiguration)
        #expect(observations.role == "receiver")
        #expect(observations.messages == 20)
        #expect(observations.specIDs == plan.specs.specs.map(\.id))
        #expect(plan.suites[0].definition.title == "Observations")
        #expect(plan.suites[0].definition.target == nil)
        #expect(plan.suites[0].target == target)

        let pump = try #require(plan.suites[1].configuration as? FakeConfiguration)
        #expect(pump.role == "sender")
        #expect(pump.messages == 10)
        #expect(plan.suites[1].target.endpoint == .simulator(SimulatorSelection(name: "fake-pump", faults: [], seed: 1)))
        #expect(plan.suites[1].target.timeouts == Timeouts())
        #expect(plan.suites[1].target.maxFrameBytes == TargetDefinition.defaultMaxFrameBytes)
        #expect(pump.target == plan.suites[1].target)

        #expect(plan.suites[2].target.endpoint == .connect(NetworkAddress(host: "127.0.0.1", port: 2575)))
        #expect(plan.suites[2].target.timeouts == Timeouts(response: .seconds(3)))
        #expect(plan.suites[2].definition.location == MedConformCore.SourceLocation(file: path, line: 33, column: 5))

        #expect(plan.suites[3].configuration as? String == "AX-500")
        #expect(plan.suites[3].target.endpoint == .listen(NetworkAddress(host: "::1", port: 0)))
    }

    @Test func suitesWithTargetsOfTheirOwnNeedNoProfileTarget() throws {
        let fixture = try LoaderFixture()
        let marked = MarkedText("""
            medconform: 1
            id: demo
            title: Demo
            specs: device-profile
            device: {manufacturer: A, model: B}
            suites:
              - {id: one, plugin: fake, role: receiver, target: {listen: ":2575"}}
              - {id: two, plugin: fake, role: receiver, target: {simulator: fake-pump}}
            """)
        let (plan, diagnostics) = fixture.load(marked)
        #expect(diagnostics.isEmpty)
        let loaded = try #require(plan)
        #expect(loaded.profile.specs.map(\.id) == ["device-profile"])
        #expect(loaded.specs.specs.map(\.id) == ["codes/units", "base-proto", "device-profile"])
        // The model needs a target; it is the first suite's.
        #expect(loaded.profile.target.endpoint == .listen(NetworkAddress(host: "0.0.0.0", port: 2575)))
        #expect(loaded.suites.map(\.target.endpoint) == [
            .listen(NetworkAddress(host: "0.0.0.0", port: 2575)),
            .simulator(SimulatorSelection(name: "fake-pump")),
        ])
    }

    @Test func variablesAreSubstitutedBeforeValidation() throws {
        let fixture = try LoaderFixture()
        let marked = MarkedText("""
            medconform: 1
            variables:
              model: VS-${env:GENERATION}
              messages: 7
              title: Literal $${not-a-variable}
            id: demo
            title: ${title}
            specs: [base-proto]
            device: {manufacturer: A, model: "${model}"}
            target: {simulator: fake-monitor, seed: "${env:SEED}"}
            suites:
              - id: obs
                plugin: fake
                role: receiver
                messages: ${messages}
            """)
        let (plan, diagnostics) = fixture.load(marked, overrides: LoadOverrides(environment: ["GENERATION": "2", "SEED": "99"]))
        #expect(diagnostics.isEmpty)
        let loaded = try #require(plan)
        #expect(loaded.profile.title == "Literal ${not-a-variable}")
        #expect(loaded.profile.device.model == "VS-2")
        #expect(loaded.profile.target.endpoint == .simulator(SimulatorSelection(name: "fake-monitor", seed: 99)))
        #expect((loaded.suites.first?.configuration as? FakeConfiguration)?.messages == 7)
    }

    @Test func aValueFromAVariableIsReportedWhereTheReferenceIsWritten() throws {
        let fixture = try LoaderFixture()
        let marked = MarkedText("""
            medconform: 1
            variables: {wait: 5 sec}
            id: demo
            title: Demo
            specs: [base-proto]
            device: {manufacturer: A, model: B}
            target:
              simulator: fake-monitor
              timeouts: {response: ⟨1⟩"${wait}"}
            suites: [{id: obs, plugin: fake, role: receiver}]
            """)
        let (plan, diagnostics) = fixture.load(marked)
        #expect(plan == nil)
        expectDiagnostics(diagnostics, [
            .error(1, "'response' in timeouts is not a duration: found '5 sec'; write a number followed by ms, s, m or h, such as '500ms' or '2s'"),
        ], in: marked, file: "profile.yaml")
    }

    @Test func theSameTextGivesTheSamePlan() throws {
        let fixture = try LoaderFixture()
        let environment = LoadOverrides(environment: ["ANALYZER": "AX"])
        let first = try #require(fixture.loader.load(text: Self.fullProfile, path: "p.yaml", overrides: environment, collector: DiagnosticCollector()))
        let second = try #require(fixture.loader.load(text: Self.fullProfile, path: "p.yaml", overrides: environment, collector: DiagnosticCollector()))
        #expect(first.profileSHA256 == second.profileSHA256)
        #expect(first.specs.specs.map(\.sha256) == second.specs.specs.map(\.sha256))
        #expect(first.suites.map(\.target) == second.suites.map(\.target))
    }

    @Test func anUnreadableProfileIsReportedAtTheFile() throws {
        let fixture = try LoaderFixture()
        let missing = fixture.directory.path + "/nowhere.yaml"
        let collector = DiagnosticCollector()
        #expect(fixture.loader.load(path: missing, collector: collector) == nil)
        #expect(collector.diagnostics.map(\.description) == ["\(missing):1:1: error: cannot read '\(missing)': no such file; check the path"])

        let directoryCollector = DiagnosticCollector()
        #expect(fixture.loader.load(path: fixture.directory.path, collector: directoryCollector) == nil)
        #expect(directoryCollector.diagnostics.map(\.message) == [
            "cannot read '\(fixture.directory.path)': it is a directory; give the path of a YAML file",
        ])
    }

    @Test func anEmptyProfileSaysHowToStart() throws {
        let fixture = try LoaderFixture()
        let (plan, diagnostics) = fixture.load(MarkedText("# nothing yet\n"))
        #expect(plan == nil)
        #expect(diagnostics.map(\.description) == ["profile.yaml:1:1: error: 'profile.yaml' is empty; a profile starts with 'medconform: 1'"])
    }

    @Test func aProfileThatIsNotAMapping() throws {
        let fixture = try LoaderFixture()
        let (plan, diagnostics) = fixture.load(MarkedText("- medconform: 1\n"))
        #expect(plan == nil)
        #expect(diagnostics.map(\.description) == ["profile.yaml:1:1: error: profile must be a mapping, found a list"])
    }
}
