import MedConformCore
import Testing
@testable import ProfileLoader

/// A malformed profile and every diagnostic it must produce, each at a marker.
struct ProfileErrorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    var expected: [ExpectedDiagnostic]

    var testDescription: String { name }

    init(_ name: String, _ yaml: String, _ expected: [ExpectedDiagnostic]) {
        self.name = name
        self.yaml = yaml
        self.expected = expected
    }
}

@Suite("Profile errors")
struct ProfileErrorTests {
    static let cases: [ProfileErrorCase] = syntaxCases + keyCases + valueCases + referenceCases + structureCases

    @Test(arguments: cases)
    func reportsEveryErrorAtItsPosition(_ testCase: ProfileErrorCase) throws {
        let fixture = try LoaderFixture()
        let marked = MarkedText(testCase.yaml)
        let (plan, diagnostics) = fixture.load(marked)
        #expect(plan == nil)
        expectDiagnostics(diagnostics, testCase.expected, in: marked, file: "profile.yaml")
    }

    static let syntaxCases: [ProfileErrorCase] = [
        ProfileErrorCase("a colon and space inside a plain value", """
            medconform: 1
            id: demo
            title: Demo⟨1⟩: the first
            """, [
            .error(1, "invalid YAML: a ':' followed by a space cannot appear in a plain value; put the value in quotes"),
        ]),
        ProfileErrorCase("an unclosed flow list", """
            medconform: 1
            specs: [base-proto
            device⟨1⟩: {manufacturer: A, model: B}
            """, [
            .error(1, "invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 2, column 8)"),
        ]),
        ProfileErrorCase("an unclosed quote", """
            medconform: 1
            title: "Demo
            ⟨1⟩
            """, [
            .error(1, "invalid YAML: the quoted value that starts at line 2, column 8 is never closed; add the closing quote"),
        ]),
        ProfileErrorCase("tab indentation", """
            medconform: 1
            device:
            ⟨1⟩\tmanufacturer: A
            """, [
            .error(1, "a tab character cannot indent YAML; indent with spaces"),
        ]),
        ProfileErrorCase("a second document", """
            medconform: 1
            id: demo
            ⟨1⟩---
            id: other
            """, [
            .error(1, "a second YAML document starts here; a profile or spec file holds one document, so move this one to a file of its own"),
        ]),
        ProfileErrorCase("an alias without anchor", """
            medconform: 1
            title: ⟨1⟩*name
            """, [
            .error(1, "alias '*name' names no anchor; write '&name' on a value above before using '*name'"),
        ]),
        ProfileErrorCase("duplicated keys, each reported, with the rest of the file still checked", """
            ⟨1⟩medconform: 1
            ⟨2⟩id: demo
            title: Demo
            ⟨3⟩id: again
            specs: [base-proto]
            device: {manufacturer: A, ⟨4⟩model: B, ⟨5⟩model: C}
            target: {simulator: fake-monitor, ⟨8⟩connect: ⟨6⟩nowhere}
            suites:
              - {id: obs, plugin: fake, role: receiver}
            ⟨7⟩medconform: 1
            """, [
            .error(3, "duplicate key 'id'; a key may appear only once in a mapping, so remove or rename one of them"),
            .note(2, "'id' is first written here"),
            .error(5, "duplicate key 'model'; a key may appear only once in a mapping, so remove or rename one of them"),
            .note(4, "'model' is first written here"),
            .error(8, "target can have only one of 'simulator', 'connect' or 'listen'; remove 'connect' or 'simulator'"),
            .error(6, "'connect' in target is not an address: found 'nowhere'; write host:port, such as '127.0.0.1:2575' or '[::1]:2575'"),
            .error(7, "duplicate key 'medconform'; a key may appear only once in a mapping, so remove or rename one of them"),
            .note(1, "'medconform' is first written here"),
        ]),
    ]

    static let keyCases: [ProfileErrorCase] = [
        ProfileErrorCase("unknown keys with did-you-mean at every level", """
            medconform: 1
            id: demo
            title: Demo
            ⟨1⟩capabilites: [spo2]
            specs: [base-proto]
            device: {manufacturer: A, model: B}
            target:
              simulator: fake-monitor
              ⟨2⟩timeout:
                response: 2s
            suites:
              - id: obs
                plugin: fake
                role: receiver
                target:
                  simulator: fake-pump
                  timeouts:
                    ⟨3⟩respone: 2s
                ⟨4⟩mesages: 5
                ⟨5⟩tittle: Observations
                ⟨6⟩colour: blue
            """, [
            .error(1, "unknown key 'capabilites' in profile; did you mean 'capabilities'?"),
            .error(2, "unknown key 'timeout' in target; did you mean 'timeouts'?"),
            .error(3, "unknown key 'respone' in timeouts of suite 'obs'; did you mean 'response'?"),
            .error(4, "unknown key 'mesages' in suite 'obs'; did you mean 'messages'?"),
            .error(5, "unknown key 'tittle' in suite 'obs'; did you mean 'title'?"),
            .error(6, "unknown key 'colour' in suite 'obs'"),
        ]),
        ProfileErrorCase("missing required keys", """
            ⟨1⟩medconform: 1
            specs: [base-proto]
            device:
              ⟨2⟩manufacturer: A
            target: {simulator: fake-monitor}
            suites:
              - ⟨3⟩id: obs
                plugin: fake
              - ⟨4⟩title: No id
                plugin: fake
                role: sender
            """, [
            .error(1, "profile is missing the required key 'id'"),
            .error(1, "profile is missing the required key 'title'"),
            .error(2, "device is missing the required key 'model'"),
            .error(3, "suite 'obs' is missing the required key 'role'"),
            .error(4, "suite 2 is missing the required key 'id'"),
        ]),
        ProfileErrorCase("no version", """
            ⟨1⟩id: demo
            title: Demo
            specs: [base-proto]
            device: {manufacturer: A, model: B}
            target: {simulator: fake-monitor}
            suites: [{id: obs, plugin: fake, role: receiver}]
            """, [
            .error(1, "profile is missing the required key 'medconform'; write 'medconform: 1' as its first line"),
        ]),
        ProfileErrorCase("a newer language version stops at the version", """
            medconform: ⟨1⟩2
            id: demo
            fancy-new-key: true
            """, [
            .error(1, "this version of medconform reads profile language version 1; 'profile.yaml' declares version 2"),
        ]),
        ProfileErrorCase("an older language version", """
            medconform: ⟨1⟩0
            id: demo
            title: Demo
            specs: [base-proto]
            device: {manufacturer: A, model: B}
            target: {simulator: fake-monitor}
            suites: [{id: obs, plugin: fake, role: receiver}]
            """, [
            .error(1, "'medconform' in profile must be 1, the profile language version; found '0'"),
        ]),
        ProfileErrorCase("no target for a suite", """
            ⟨1⟩medconform: 1
            id: demo
            title: Demo
            specs: [base-proto]
            device: {manufacturer: A, model: B}
            suites:
              - {id: obs, plugin: fake, role: receiver}
              - {id: own, plugin: fake, role: receiver, target: {connect: "127.0.0.1:2575"}}
              - {id: lab, plugin: fake-lab, analyzer: X}
            """, [
            .error(1, "profile is missing the required key 'target'; suites 'obs', 'lab' have no target of their own, so add 'target' to the profile or to each suite"),
        ]),
    ]

    static let valueCases: [ProfileErrorCase] = [
        ProfileErrorCase("wrong types", """
            medconform: 1
            id: demo
            title: ⟨1⟩{text: Demo}
            specs: [base-proto]
            device: ⟨2⟩[A, B]
            capabilities: ⟨3⟩{spo2: true}
            target: {simulator: fake-monitor}
            suites: ⟨4⟩{id: obs}
            """, [
            .error(1, "'title' in profile must be a string, found a mapping"),
            .error(2, "device must be a mapping, found a list"),
            .error(3, "'capabilities' in profile must be a list of strings, found a mapping"),
            .error(4, "'suites' in profile must be a list, found a mapping"),
        ]),
        ProfileErrorCase("bad durations", """
            medconform: 1
            id: demo
            title: Demo
            specs: [base-proto]
            device: {manufacturer: A, model: B}
            target:
              simulator: fake-monitor
              timeouts:
                connect: ⟨1⟩5 sec
                response: ⟨2⟩-1s
                idle: ⟨3⟩0s
            suites: [{id: obs, plugin: fake, role: receiver}]
            """, [
            .error(1, "'connect' in timeouts is not a duration: found '5 sec'; write a number followed by ms, s, m or h, such as '500ms' or '2s'"),
            .error(2, "'response' in timeouts is not a duration: found '-1s'; write a number followed by ms, s, m or h, such as '500ms' or '2s'"),
            .error(3, "'idle' in timeouts must be longer than zero"),
        ]),
        ProfileErrorCase("bad addresses and sizes", """
            medconform: 1
            id: demo
            title: Demo
            specs: [base-proto]
            device: {manufacturer: A, model: B}
            target:
              connect: ⟨1⟩localhost
              max-frame: ⟨2⟩10 parsecs
            suites:
              - id: obs
                plugin: fake
                role: receiver
                target:
                  listen: ⟨3⟩host:99999
                  max-frame: ⟨4⟩100
                  transport: ⟨5⟩mlp
            """, [
            .error(1, "'connect' in target is not an address: found 'localhost'; write host:port, such as '127.0.0.1:2575' or '[::1]:2575'"),
            .error(2, "'max-frame' in target is not a size: found '10 parsecs'; write bytes or a number with KiB or MiB, such as '64KiB'"),
            .error(3, "'listen' in target of suite 'obs' is not an address: found 'host:99999'; write host:port, such as '127.0.0.1:2575' or '[::1]:2575'"),
            .error(4, "'max-frame' in target of suite 'obs' must be between 256 and 67108864 bytes, found 100"),
            .error(5, "'transport' in target of suite 'obs' must be one of 'mllp', 'tcp'; found 'mlp'; did you mean 'mllp'?"),
        ]),
        ProfileErrorCase("bad identifiers and plugin values", """
            medconform: 1
            id: ⟨1⟩Demo Profile
            title: Demo
            specs: [base-proto]
            device: {manufacturer: A, model: B}
            target: {simulator: fake-monitor}
            suites:
              - {id: ⟨3⟩Obs, plugin: fake, role: ⟨4⟩recever, messages: ⟨5⟩5000}
              - {id: seeded, plugin: fake, role: receiver, target: {simulator: fake-pump, seed: ⟨2⟩-5}}
            """, [
            .error(1, "profile id 'Demo Profile' is not valid; use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit"),
            .error(3, "suite id 'Obs' is not valid; use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit"),
            .error(4, "'role' in suite 'Obs' must be one of 'receiver', 'sender'; found 'recever'; did you mean 'receiver'?"),
            .error(5, "'messages' in suite 'Obs' must be between 1 and 1000, found 5000"),
            .error(2, "'seed' in target of suite 'seeded' must be a whole number from 0 to 18446744073709551615 (decimal or 0x…), found '-5'"),
        ]),
    ]

    static let referenceCases: [ProfileErrorCase] = [
        ProfileErrorCase("unknown spec, plugin, simulator and fault", """
            medconform: 1
            id: demo
            title: Demo
            specs: [⟨1⟩base-prot, device-profile, ⟨2⟩iso-99999]
            device: {manufacturer: A, model: B}
            target:
              simulator: ⟨3⟩fake-monitr
            suites:
              - id: obs
                plugin: ⟨4⟩fak
                role: receiver
              - id: pump
                plugin: fake
                role: receiver
                target:
                  simulator: fake-pump
                  faults: [⟨5⟩wrong-cod, slow-ack, ⟨6⟩missing-pid3]
              - id: other
                plugin: ⟨7⟩hl7
                target: {simulator: ⟨8⟩ventilator}
            """, [
            .error(1, "unknown spec 'base-prot'; did you mean 'base-proto'?"),
            .error(2, "unknown spec 'iso-99999'; the specs in '<specs>' are 'base-proto', 'codes/units', 'device-profile', 'overlay/example-nid'"),
            .error(3, "unknown simulator 'fake-monitr'; did you mean 'fake-monitor'?"),
            .error(4, "unknown plugin 'fak' in suite 'obs'; did you mean 'fake'?"),
            .error(5, "simulator 'fake-pump' has no fault 'wrong-cod'; did you mean 'wrong-code'?"),
            .error(6, "simulator 'fake-pump' has no fault 'missing-pid3'; its faults are 'slow-ack', 'wrong-code'"),
            .error(7, "unknown plugin 'hl7' in suite 'other'; the plugins are 'fake', 'fake-lab'"),
            .error(8, "unknown simulator 'ventilator'; the simulators are 'fake-monitor', 'fake-pump'"),
        ]),
        ProfileErrorCase("unknown variables", """
            medconform: 1
            variables:
              host: 127.0.0.1
              port: 2575
            id: demo
            title: Demo
            specs: [base-proto]
            device: {manufacturer: A, model: ⟨1⟩"${modle}"}
            target:
              connect: ⟨2⟩${hst}:${port}
            suites:
              - id: obs
                plugin: fake
                role: receiver
                messages: ⟨3⟩${env:MESSAGES}
              - id: lab
                plugin: fake-lab
                analyzer: ⟨4⟩${unclosed
            """, [
            .error(1, "unknown variable 'modle'; the variables are 'host', 'port'"),
            .error(2, "unknown variable 'hst'; did you mean 'host'?"),
            .error(3, "environment variable 'MESSAGES' is not set; set it, or define a value under 'variables' and use '${name}'"),
            .error(4, "'${' in '${unclosed' is never closed; end the reference with '}', or write '$${' for a literal '${'"),
        ]),
    ]

    static let structureCases: [ProfileErrorCase] = [
        ProfileErrorCase("target endpoints", """
            medconform: 1
            id: demo
            title: Demo
            specs: [base-proto]
            device: {manufacturer: A, model: B}
            target:
              simulator: fake-monitor
              ⟨1⟩connect: 127.0.0.1:2575
            suites:
              - id: obs
                plugin: fake
                role: receiver
                target:
                  ⟨2⟩transport: mllp
              - id: net
                plugin: fake
                role: receiver
                target:
                  listen: :2575
                  ⟨3⟩faults: [wrong-code]
                  ⟨4⟩seed: 7
            """, [
            .error(1, "target can have only one of 'simulator', 'connect' or 'listen'; remove 'connect' or 'simulator'"),
            .error(2, "target of suite 'obs' needs one of 'simulator', 'connect' or 'listen' to say how the device is reached"),
            .error(3, "'faults' in target of suite 'net' applies only to a simulator; remove it, or test a simulator with 'simulator'"),
            .error(4, "'seed' in target of suite 'net' applies only to a simulator; remove it, or test a simulator with 'simulator'"),
        ]),
        ProfileErrorCase("duplicate suite ids", """
            medconform: 1
            id: demo
            title: Demo
            specs: [base-proto]
            device: {manufacturer: A, model: B}
            target: {simulator: fake-monitor}
            suites:
              - id: ⟨1⟩obs
                plugin: fake
                role: receiver
              - id: ⟨2⟩obs
                plugin: fake
                role: sender
            """, [
            .error(2, "duplicate suite id 'obs'; give each suite its own id"),
            .note(1, "suite 'obs' is first defined here"),
        ]),
        ProfileErrorCase("empty lists", """
            medconform: 1
            id: demo
            title: Demo
            specs: ⟨1⟩[]
            device: {manufacturer: A, model: B}
            target: {simulator: fake-monitor}
            suites: ⟨2⟩[]
            """, [
            .error(1, "'specs' in profile must name at least one spec, such as 'ihe-pcd-01'"),
            .error(2, "'suites' in profile must list at least one suite"),
        ]),
        ProfileErrorCase("several errors in one file, reported in the order of the file", """
            medconform: 1
            id: demo
            ⟨1⟩tittle: Demo
            specs: [⟨2⟩device-profil]
            device: {manufacturer: A, model: B}
            target:
              simulator: fake-monitor
              faults: [⟨3⟩wrong-cde]
              timeouts: {response: ⟨4⟩2 s}
            suites:
              - id: obs
                plugin: fake
                role: ⟨5⟩listener
              - ⟨7⟩id: lab
                plugin: fake-lab
                ⟨6⟩analyser: X
            """, [
            .error(nil, "profile is missing the required key 'title'"),
            .error(1, "unknown key 'tittle' in profile; did you mean 'title'?"),
            .error(2, "unknown spec 'device-profil'; did you mean 'device-profile'?"),
            .error(3, "simulator 'fake-monitor' has no fault 'wrong-cde'; did you mean 'wrong-code'?"),
            .error(4, "'response' in timeouts is not a duration: found '2 s'; write a number followed by ms, s, m or h, such as '500ms' or '2s'"),
            .error(5, "'role' in suite 'obs' must be one of 'receiver', 'sender'; found 'listener'"),
            .error(7, "suite 'lab' is missing the required key 'analyzer'"),
            .error(6, "unknown key 'analyser' in suite 'lab'; did you mean 'analyzer'?"),
        ]),
    ]
}
