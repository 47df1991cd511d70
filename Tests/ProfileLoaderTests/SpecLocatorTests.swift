import ProfileLoader
import Testing

@Suite("Finding the Specs folder")
struct SpecLocatorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var explicit: String?
        var profile: String?
        var environment: [String: String] = [:]
        var executable: String?
        var currentDirectory = "/work/project"
        var directories: Set<String>
        var expected: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "--specs wins", explicit: "my/specs", profile: "Profiles/demo.yaml",
             environment: ["MEDCONFORM_SPECS": "/env/specs"], directories: ["/work/project/Specs"], expected: "my/specs"),
        Case(name: "then the environment", profile: "Profiles/demo.yaml",
             environment: ["MEDCONFORM_SPECS": "/env/specs"], directories: ["/work/project/Specs"], expected: "/env/specs"),
        Case(name: "an empty environment variable is ignored", profile: "Profiles/demo.yaml",
             environment: ["MEDCONFORM_SPECS": ""], directories: ["/work/project/Specs"], expected: "Specs"),
        Case(name: "then walking up from the profile", profile: "Profiles/national/demo.yaml",
             directories: ["/work/project/Specs", "/work/project/Profiles/Specs"], expected: "Profiles/Specs"),
        Case(name: "walking up from a profile outside the current directory", profile: "/elsewhere/lab/p.yaml",
             directories: ["/elsewhere/Specs", "/work/project/Specs"], expected: "/elsewhere/Specs"),
        Case(name: "a relative profile path with ..", profile: "../other/p.yaml",
             directories: ["/work/other/Specs"], expected: "/work/other/Specs"),
        Case(name: "then walking up from the current directory", profile: "/tmp/p.yaml", currentDirectory: "/work/project/sub/dir",
             directories: ["/work/project/Specs"], expected: "/work/project/Specs"),
        Case(name: "then walking up from the executable", profile: nil, executable: "/opt/medconform/bin/medconform",
             currentDirectory: "/home/user", directories: ["/opt/medconform/Specs"], expected: "/opt/medconform/Specs"),
        Case(name: "a Specs folder at the root", profile: nil, currentDirectory: "/a/b", directories: ["/Specs"], expected: "/Specs"),
        Case(name: "nothing found", profile: "Profiles/demo.yaml", executable: "/usr/bin/medconform", directories: [], expected: nil),
    ]

    @Test(arguments: cases)
    func findsTheFolder(_ testCase: Case) {
        let found = SpecLocator.find(
            explicit: testCase.explicit, profilePath: testCase.profile, environment: testCase.environment,
            executablePath: testCase.executable, currentDirectory: testCase.currentDirectory,
            isDirectory: { testCase.directories.contains($0) })
        #expect(found == testCase.expected)
    }
}
