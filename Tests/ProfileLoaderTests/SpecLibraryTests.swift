import Foundation
import MedConformCore
import ProfileLoader
import Testing

@Suite("Spec library")
struct SpecLibraryTests {
    @Test func readsEverySpecWithItsRequirements() throws {
        let directory = try TemporaryDirectory()
        let root = try SpecFixtures.write(into: directory)
        let collector = DiagnosticCollector()
        let library = SpecLibrary.load(root: root, collector: collector)
        #expect(collector.diagnostics.isEmpty)
        #expect(library.specs.map(\.id) == ["base-proto", "codes/units", "device-profile", "overlay/example-nid"])
        #expect(library.unusableSpecIDs.isEmpty)

        let base = try #require(library.spec("base-proto"))
        #expect(base.title == "Base protocol")
        #expect(base.version == "1.0")
        #expect(base.plugin == "fake")
        #expect(base.status == .derived)
        #expect(base.path == root + "/base-proto.yaml")
        let bytes = try #require(FileManager.default.contents(atPath: base.path))
        #expect(base.sha256 == SHA256.hex([UInt8](bytes)))
        #expect(base.requirements.map(\.id) == ["BASE-FRAMING", "BASE-ACK"])
        let framing = base.requirements[0]
        #expect(framing.specID == "base-proto")
        #expect(framing.strength == .shall)
        #expect(framing.status == .derived)
        #expect(framing.source == RequirementSource(document: "A public implementation of the base protocol", reference: "framing.c"))
        #expect(framing.check?["rule"]?.scalar == "framing")
        #expect(framing.location == MedConformCore.SourceLocation(file: base.path, line: 11, column: 5))
        #expect(base.requirements[1].source == RequirementSource(document: "Base protocol text", clause: "4.2"))
        #expect(base.requirements[1].strength == .should)

        let device = try #require(library.spec("device-profile"))
        #expect(device.extends == "base-proto")
        #expect(device.uses == ["codes/units"])
        #expect(device.isOverlay)
        #expect(device.requirements.map(\.status) == [.normative, .derived])
        #expect(device.structures.map(\.key) == ["report"])

        let units = try #require(library.spec("codes/units"))
        #expect(units.plugin == nil)
        #expect(units.tables.map(\.key) == ["units"])
        #expect(units.tables.first?.value.items?.count == 2)

        let overlay = try #require(library.spec("overlay/example-nid"))
        #expect(overlay.status == .example)
        #expect(overlay.requirements.first?.status == .example)
        #expect(overlay.requirements.first?.tightens == "DEV-PID-3")
        #expect(overlay.path == root + "/overlay/example-nid.yaml")
    }

    struct ResolutionCase: Sendable, CustomTestStringConvertible {
        var references: [String]
        var expected: [String]
        var testDescription: String { references.joined(separator: ", ") }
    }

    @Test(arguments: [
        ResolutionCase(references: ["base-proto"], expected: ["base-proto"]),
        ResolutionCase(references: ["codes/units"], expected: ["codes/units"]),
        ResolutionCase(references: ["device-profile"], expected: ["codes/units", "base-proto", "device-profile"]),
        ResolutionCase(references: ["overlay/example-nid"], expected: ["codes/units", "base-proto", "device-profile", "overlay/example-nid"]),
        ResolutionCase(references: ["base-proto", "overlay/example-nid", "base-proto"],
                       expected: ["codes/units", "base-proto", "device-profile", "overlay/example-nid"]),
    ])
    func resolvesBasesAndDataFirst(_ testCase: ResolutionCase) throws {
        let directory = try TemporaryDirectory()
        let library = SpecLibrary.load(root: try SpecFixtures.write(into: directory), collector: DiagnosticCollector())
        let collector = DiagnosticCollector()
        let references = testCase.references.map { SpecReference(id: $0, location: .file("profile.yaml")) }
        let set = try #require(library.resolve(references, collector: collector))
        #expect(collector.diagnostics.isEmpty)
        #expect(set.specs.map(\.id) == testCase.expected)
    }

    @Test func unknownReferencesAreReportedAtTheReference() throws {
        let directory = try TemporaryDirectory()
        let library = SpecLibrary.load(root: try SpecFixtures.write(into: directory), collector: DiagnosticCollector())
        let collector = DiagnosticCollector()
        let here = MedConformCore.SourceLocation(file: "profile.yaml", line: 4, column: 9)
        #expect(library.resolve([SpecReference(id: "device-profil", location: here)], collector: collector) == nil)
        #expect(collector.diagnostics.map(\.description) == [
            "profile.yaml:4:9: error: unknown spec 'device-profil'; did you mean 'device-profile'?",
        ])
    }

    @Test func aMissingFolderIsReported() {
        let collector = DiagnosticCollector()
        let library = SpecLibrary.load(root: "/nonexistent/Specs", collector: collector)
        #expect(library.specs.isEmpty)
        #expect(collector.diagnostics.map(\.description) == [
            "/nonexistent/Specs:1:1: error: cannot read the spec library '/nonexistent/Specs': no such directory; give the Specs folder with '--specs' or MEDCONFORM_SPECS",
        ])
    }
}

/// Spec files with errors, and every diagnostic the library must report for them.
struct SpecErrorCase: Sendable, CustomTestStringConvertible {
    struct Expected: Sendable {
        var file: String
        var diagnostic: ExpectedDiagnostic
    }

    var name: String
    var files: [(path: String, text: String)]
    var expected: [Expected]
    /// Specs that must be left out of the library because of the errors.
    var unusable: [String]
    var testDescription: String { name }
}

private func at(_ file: String, _ diagnostic: ExpectedDiagnostic) -> SpecErrorCase.Expected {
    SpecErrorCase.Expected(file: file, diagnostic: diagnostic)
}

private let goodBase = """
    spec: base
    title: Base
    status: derived
    requirements:
      - {id: BASE-ONE, title: One, strength: shall, source: {document: D}}
      - {id: BASE-TWO, title: Two, strength: may, source: {document: D}}

    """

@Suite("Spec library errors")
struct SpecLibraryErrorTests {
    static let cases: [SpecErrorCase] = [
        SpecErrorCase(name: "id and path disagree", files: [
            ("national/example-id.yaml", """
                spec: ⟨1⟩national/example
                title: Example
                status: example
                """),
        ], expected: [
            at("national/example-id.yaml", .error(1, "'spec' must be 'national/example-id', the file's path in the library without '.yaml', found 'national/example'; change the id or move the file")),
        ], unusable: ["national/example-id"]),
        SpecErrorCase(name: "a requirement id used twice in the library", files: [
            ("base.yaml", """
                spec: base
                title: Base
                status: derived
                requirements:
                  - id: ⟨1⟩SHARED-ID
                    title: One
                    strength: shall
                    source: {document: D}
                """),
            ("other.yaml", """
                spec: other
                title: Other
                status: derived
                requirements:
                  - {id: ⟨1⟩SHARED-ID, title: Two, strength: shall, source: {document: E}}
                  - {id: ⟨2⟩OTHER-1, title: Three, strength: shall, source: {document: E}}
                  - {id: ⟨3⟩OTHER-1, title: Four, strength: shall, source: {document: E}}
                """),
        ], expected: [
            at("other.yaml", .error(1, "duplicate requirement id 'SHARED-ID'; a requirement id is unique across the whole spec library, so rename one of them")),
            at("base.yaml", .note(1, "requirement 'SHARED-ID' is first defined here")),
            at("other.yaml", .error(3, "duplicate requirement id 'OTHER-1'; a requirement id is unique across the whole spec library, so rename one of them")),
            at("other.yaml", .note(2, "requirement 'OTHER-1' is first defined here")),
        ], unusable: ["other"]),
        SpecErrorCase(name: "bad strength, status and requirement id", files: [
            ("base.yaml", """
                spec: base
                title: Base
                status: ⟨1⟩official
                requirements:
                  - id: ⟨2⟩base-one
                    title: One
                    strength: ⟨3⟩must
                    status: ⟨4⟩normativ
                    source: {document: D}
                """),
        ], expected: [
            at("base.yaml", .error(1, "'status' in spec 'base' must be one of 'normative', 'derived', 'example'; found 'official'")),
            at("base.yaml", .error(2, "requirement id 'base-one' is not valid; write upper-case letters and digits in parts joined by '-', starting with a letter, such as 'PCD01-OBX-3'")),
            at("base.yaml", .error(3, "'strength' in requirement 'base-one' must be one of 'shall', 'should', 'may'; found 'must'")),
            at("base.yaml", .error(4, "'status' in requirement 'base-one' must be one of 'normative', 'derived', 'example'; found 'normativ'; did you mean 'normative'?")),
        ], unusable: ["base"]),
        SpecErrorCase(name: "an example spec presenting a requirement as normative", files: [
            ("base.yaml", goodBase),
            ("overlay.yaml", """
                spec: overlay
                title: Overlay
                extends: base
                status: example
                requirements:
                  - {id: OVL-ONE, title: One, strength: shall, status: ⟨1⟩normative, source: {document: D}}
                  - {id: OVL-TWO, title: Two, strength: shall, status: example, source: {document: D}}
                """),
        ], expected: [
            at("overlay.yaml", .error(1, "requirement 'OVL-ONE' is in the example spec 'overlay', so its status must be 'example', found 'normative'; an example is never presented as an official rule")),
        ], unusable: ["overlay"]),
        SpecErrorCase(name: "tightens naming nothing", files: [
            ("base.yaml", goodBase),
            ("middle.yaml", """
                spec: middle
                title: Middle
                extends: base
                status: derived
                requirements:
                  - {id: MID-ONE, title: One, strength: shall, source: {document: D}, tightens: BASE-TWO}
                """),
            ("overlay.yaml", """
                spec: overlay
                title: Overlay
                extends: middle
                status: derived
                requirements:
                  - {id: OVL-ONE, title: One, strength: shall, source: {document: D}, tightens: ⟨1⟩BASE-ONF}
                  - {id: OVL-TWO, title: Two, strength: shall, source: {document: D}, tightens: BASE-ONE}
                  - {id: OVL-THREE, title: Three, strength: shall, source: {document: D}, tightens: ⟨2⟩OVL-ONE}
                """),
            ("plain.yaml", """
                spec: plain
                title: Plain
                status: derived
                requirements:
                  - {id: PLAIN-ONE, title: One, strength: shall, source: {document: D}, tightens: ⟨1⟩BASE-ONE}
                """),
        ], expected: [
            at("overlay.yaml", .error(1, "requirement 'OVL-ONE' tightens 'BASE-ONF', which is not a requirement of 'middle' or the specs it extends; did you mean 'BASE-ONE'?")),
            at("overlay.yaml", .error(2, "requirement 'OVL-THREE' tightens 'OVL-ONE', which is not a requirement of 'middle' or the specs it extends")),
            at("plain.yaml", .error(1, "requirement 'PLAIN-ONE' tightens 'BASE-ONE', but spec 'plain' extends no other spec; add 'extends' naming the spec it tightens")),
        ], unusable: ["overlay", "plain"]),
        SpecErrorCase(name: "extends cycles", files: [
            ("a.yaml", "spec: a\ntitle: A\nstatus: derived\nextends: b\n"),
            ("b.yaml", "spec: b\ntitle: B\nstatus: derived\nextends: ⟨1⟩a\n"),
            ("c.yaml", "spec: c\ntitle: C\nstatus: derived\nextends: ⟨1⟩c\n"),
            ("d.yaml", "spec: d\ntitle: D\nstatus: derived\nextends: a\n"),
        ], expected: [
            at("b.yaml", .error(1, "spec 'b' extends 'a', which makes a cycle: 'a' → 'b' → 'a'; a spec cannot build on itself")),
            at("c.yaml", .error(1, "spec 'c' extends 'c', which makes a cycle: 'c' → 'c'; a spec cannot build on itself")),
        ], unusable: ["a", "b", "c"]),
        SpecErrorCase(name: "unknown extends and uses", files: [
            ("base.yaml", goodBase),
            ("codes.yaml", "spec: codes\ntitle: Codes\nstatus: derived\n"),
            ("overlay.yaml", """
                spec: overlay
                title: Overlay
                extends: ⟨1⟩bse
                uses: [codes, ⟨2⟩cdes, ⟨3⟩terminology/loinc]
                status: derived
                """),
        ], expected: [
            at("overlay.yaml", .error(1, "spec 'overlay' extends 'bse', which is not in '<specs>'; did you mean 'base'?")),
            at("overlay.yaml", .error(2, "spec 'overlay' uses 'cdes', which is not in '<specs>'; did you mean 'codes'?")),
            at("overlay.yaml", .error(3, "spec 'overlay' uses 'terminology/loinc', which is not in '<specs>'; the specs are 'base', 'codes'")),
        ], unusable: ["overlay"]),
        SpecErrorCase(name: "keys, sources and required values", files: [
            ("base.yaml", """
                ⟨1⟩spec: base
                status: derived
                ⟨2⟩requirments: []
                sources:
                  - {id: ⟨3⟩impl, document: An implementation}
                  - {id: ⟨4⟩impl, document: Another}
                  - ⟨5⟩{document: No id}
                requirements:
                  - ⟨6⟩id: BASE-ONE
                    title: One
                    strength: shall
                    source: ⟨7⟩impl2
                    ⟨8⟩chek: {rule: x}
                  - ⟨9⟩id: BASE-TWO
                    title: Two
                    strength: shall
                  - {id: BASE-THREE, title: Three, strength: shall, source: ⟨10⟩[impl]}
                tables: ⟨11⟩[units]
                """),
        ], expected: [
            at("base.yaml", .error(1, "spec 'base' is missing the required key 'title'")),
            at("base.yaml", .error(2, "unknown key 'requirments' in spec 'base'; did you mean 'requirements'?")),
            at("base.yaml", .error(4, "duplicate source id 'impl' in spec 'base'; give each source its own id")),
            at("base.yaml", .note(3, "source 'impl' is first defined here")),
            at("base.yaml", .error(5, "source 3 of spec 'base' is missing the required key 'id'")),
            at("base.yaml", .error(7, "requirement 'BASE-ONE' names the source 'impl2', which is not in 'sources'; did you mean 'impl'?")),
            at("base.yaml", .error(8, "unknown key 'chek' in requirement 'BASE-ONE'; did you mean 'check'?")),
            at("base.yaml", .error(9, "requirement 'BASE-TWO' is missing the required key 'source'")),
            at("base.yaml", .error(10, "'source' in requirement 'BASE-THREE' must be the id of an entry of 'sources' or a mapping with 'document', found a list")),
            at("base.yaml", .error(11, "'tables' in spec 'base' must be a mapping of names to their contents, found a list")),
        ], unusable: ["base"]),
        SpecErrorCase(name: "a syntax error in one file leaves the others", files: [
            ("base.yaml", goodBase),
            ("broken.yaml", "spec: broken\ntitle: \"Broken\n⟨1⟩"),
        ], expected: [
            at("broken.yaml", .error(1, "invalid YAML: the quoted value that starts at line 2, column 8 is never closed; add the closing quote")),
        ], unusable: ["broken"]),
    ]

    @Test(arguments: cases)
    func reportsEveryErrorAtItsPosition(_ testCase: SpecErrorCase) throws {
        let directory = try TemporaryDirectory()
        var marked: [String: MarkedText] = [:]
        for file in testCase.files {
            let text = MarkedText(file.text)
            marked[file.path] = text
            try directory.write("Specs/" + file.path, text.text)
        }
        let root = directory.path + "/Specs"
        let collector = DiagnosticCollector()
        let library = SpecLibrary.load(root: root, collector: collector)

        let got = collector.diagnostics.map { $0.description.replacingOccurrences(of: root, with: "<specs>") }
        let wanted = testCase.expected.map { expected in
            expected.diagnostic.rendered(in: marked[expected.file] ?? MarkedText(""), file: "<specs>/" + expected.file)
        }
        #expect(got == wanted, "\n--- expected\n\(wanted.joined(separator: "\n"))\n--- got\n\(got.joined(separator: "\n"))")
        #expect(library.unusableSpecIDs == testCase.unusable)
        let all = testCase.files.map { String($0.path.dropLast(".yaml".count)) }
        #expect(library.specs.map(\.id) == all.filter { !testCase.unusable.contains($0) }.sorted())
    }

    @Test func aProfileNamingASpecWithErrorsIsToldWhy() throws {
        let directory = try TemporaryDirectory()
        try directory.write("Specs/a.yaml", "spec: a\ntitle: A\nstatus: derived\nextends: b\n")
        try directory.write("Specs/b.yaml", "spec: b\ntitle: B\nstatus: derived\nextends: a\n")
        try directory.write("Specs/c.yaml", "spec: c\ntitle: C\nstatus: derived\nplugin: fake\nextends: a\n")
        let root = directory.path + "/Specs"
        let library = SpecLibrary.load(root: root, collector: DiagnosticCollector())
        let collector = DiagnosticCollector()
        let here = MedConformCore.SourceLocation(file: "profile.yaml", line: 3, column: 8)
        let references = ["a", "c"].map { SpecReference(id: $0, location: here) }
        #expect(library.resolve(references, collector: collector) == nil)
        #expect(collector.diagnostics.map(\.message) == [
            "spec 'a' cannot be used because '\(root)/a.yaml' has errors; fix them first",
            "spec 'c' cannot be used: it builds on 'a', and '\(root)/a.yaml' has errors; fix them first",
        ])
    }
}
