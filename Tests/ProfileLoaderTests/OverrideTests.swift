import MedConformCore
import ProfileLoader
import Testing

@Suite("Command-line overrides")
struct OverrideTests {
    static let profile = """
        medconform: 1
        id: demo
        title: Demo
        specs: [base-proto]
        device: {manufacturer: A, model: B}
        target: {simulator: fake-monitor, faults: [missing-pid3], seed: 5}
        suites:
          - {id: monitor, plugin: fake, role: receiver}
          - {id: pump, plugin: fake, role: receiver, target: {simulator: fake-pump}}
          - {id: network, plugin: fake, role: receiver, target: {connect: "127.0.0.1:2575"}}
        """

    struct Case: Sendable, CustomTestStringConvertible {
        var faults: [String]
        var seed: UInt64?
        var monitor: SimulatorSelection
        var pump: SimulatorSelection
        var testDescription: String { "--fault \(faults) --seed \(seed.map(String.init) ?? "-")" }
    }

    static let cases: [Case] = [
        Case(faults: [], seed: nil,
             monitor: SimulatorSelection(name: "fake-monitor", faults: ["missing-pid3"], seed: 5),
             pump: SimulatorSelection(name: "fake-pump", faults: [], seed: 1)),
        Case(faults: ["slow-ack"], seed: nil,
             monitor: SimulatorSelection(name: "fake-monitor", faults: ["missing-pid3"], seed: 5),
             pump: SimulatorSelection(name: "fake-pump", faults: ["slow-ack"], seed: 1)),
        Case(faults: ["wrong-code"], seed: 42,
             monitor: SimulatorSelection(name: "fake-monitor", faults: ["missing-pid3", "wrong-code"], seed: 42),
             pump: SimulatorSelection(name: "fake-pump", faults: ["wrong-code"], seed: 42)),
        Case(faults: ["missing-pid3", "slow-ack"], seed: 0,
             monitor: SimulatorSelection(name: "fake-monitor", faults: ["missing-pid3"], seed: 0),
             pump: SimulatorSelection(name: "fake-pump", faults: ["slow-ack"], seed: 0)),
    ]

    @Test(arguments: cases)
    func faultsGoToTheSimulatorsThatHaveThem(_ testCase: Case) throws {
        let fixture = try LoaderFixture()
        let (plan, diagnostics) = fixture.load(MarkedText(Self.profile), overrides: LoadOverrides(faults: testCase.faults, seed: testCase.seed, environment: [:]))
        #expect(diagnostics.isEmpty)
        let loaded = try #require(plan)
        #expect(loaded.profile.target.endpoint == .simulator(testCase.monitor))
        #expect(loaded.suites.map(\.target.endpoint) == [
            .simulator(testCase.monitor),
            .simulator(testCase.pump),
            .connect(NetworkAddress(host: "127.0.0.1", port: 2575)),
        ])
        // The plugin is configured with the target as overridden.
        #expect((loaded.suites[1].configuration as? FakeConfiguration)?.target.endpoint == .simulator(testCase.pump))
    }

    @Test func aFaultNoSimulatorKnowsIsAnError() throws {
        let fixture = try LoaderFixture()
        let (plan, diagnostics) = fixture.load(MarkedText(Self.profile), overrides: LoadOverrides(faults: ["slow-ak", "explode", "slow-ak"], environment: [:]))
        #expect(plan == nil)
        #expect(diagnostics.map(\.description) == [
            "profile.yaml:1:1: error: --fault 'slow-ak' names no fault of the simulators this profile tests ('fake-monitor', 'fake-pump'); did you mean 'slow-ack'?",
            "profile.yaml:1:1: error: --fault 'explode' names no fault of the simulators this profile tests ('fake-monitor', 'fake-pump'); their faults are 'missing-pid3', 'slow-ack', 'wrong-code'",
        ])
    }

    @Test func aFaultNeedsASimulator() throws {
        let fixture = try LoaderFixture()
        let text = """
            medconform: 1
            id: demo
            title: Demo
            specs: [base-proto]
            device: {manufacturer: A, model: B}
            target: {connect: "127.0.0.1:2575"}
            suites: [{id: obs, plugin: fake, role: receiver}]
            """
        let (plan, diagnostics) = fixture.load(MarkedText(text), overrides: LoadOverrides(faults: ["wrong-code"], environment: [:]))
        #expect(plan == nil)
        #expect(diagnostics.map(\.description) == [
            "profile.yaml:1:1: error: --fault 'wrong-code' needs a simulator target, and 'profile.yaml' tests no simulator; remove --fault or test a simulator",
        ])
    }
}
