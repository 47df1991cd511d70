import MedConformCore
import ProfileLoader
import Testing

@Suite("YAML to ConfigNode")
struct YAMLSourceTests {
    private func parse(_ marked: MarkedText) -> (ConfigNode?, [Diagnostic]) {
        let collector = DiagnosticCollector()
        let node = YAMLSource.parse(text: marked.text, path: "doc.yaml", collector: collector)
        return (node, collector.diagnostics)
    }

    private func position(_ location: MedConformCore.SourceLocation?) -> String {
        location.map { "\($0.line):\($0.column)" } ?? "none"
    }

    @Test func scalarsKeepTheirStyleAndPosition() throws {
        let marked = MarkedText("""
            ⟨1⟩plain: ⟨2⟩text with spaces
            single: ⟨3⟩'2'
            double: ⟨4⟩"é\\t"
            number: ⟨5⟩42
            unicode-é: ⟨6⟩ü
            block: ⟨7⟩|
              two
              lines
            list:
              ⟨8⟩- ⟨9⟩a
              - ⟨10⟩[x, ⟨11⟩"y"]
            nested: ⟨12⟩{⟨13⟩k: v}
            """)
        let (parsed, diagnostics) = parse(marked)
        #expect(diagnostics.isEmpty)
        let root = try #require(parsed)
        let entries = try #require(root.entries)
        #expect(entries.map(\.key) == ["plain", "single", "double", "number", "unicode-é", "block", "list", "nested"])
        #expect(position(entries.first?.keyLocation) == marked.position(1))
        #expect(root["plain"]?.kind == .scalar("text with spaces", quoted: false))
        #expect(position(root["plain"]?.location) == marked.position(2))
        #expect(root["single"]?.kind == .scalar("2", quoted: true))
        #expect(position(root["single"]?.location) == marked.position(3))
        #expect(root["double"]?.kind == .scalar("é\t", quoted: true))
        #expect(position(root["double"]?.location) == marked.position(4))
        #expect(root["number"]?.kind == .scalar("42", quoted: false))
        #expect(position(root["number"]?.location) == marked.position(5))
        #expect(position(root["unicode-é"]?.location) == marked.position(6))
        #expect(root["block"]?.kind == .scalar("two\nlines\n", quoted: false))
        #expect(position(root["block"]?.location) == marked.position(7))
        let list = try #require(root["list"])
        #expect(position(list.location) == marked.position(8))
        #expect(position(list.items?[0].location) == marked.position(9))
        #expect(position(list.items?[1].location) == marked.position(10))
        #expect(position(list.items?[1].items?[1].location) == marked.position(11))
        #expect(list.items?[1].items?[1].kind == .scalar("y", quoted: true))
        #expect(position(root["nested"]?.location) == marked.position(12))
        #expect(position(root["nested"]?.entries?.first?.keyLocation) == marked.position(13))
    }

    @Test(arguments: ["~", "null", "Null", "NULL", "", "!!null whatever"])
    func nullForms(_ written: String) throws {
        let (parsed, diagnostics) = parse(MarkedText("key: \(written)\n"))
        #expect(diagnostics.isEmpty)
        #expect(try #require(parsed)["key"]?.kind == .null)
    }

    @Test(arguments: ["'null'", "\"~\"", "nothing", "'' "])
    func quotedNullsAreStrings(_ written: String) throws {
        let (parsed, _) = parse(MarkedText("key: \(written)\n"))
        #expect(try #require(parsed)["key"]?.scalar != nil)
    }

    @Test func aliasesAndMergeKeysAreResolved() throws {
        let marked = MarkedText("""
            defaults: &defaults {⟨1⟩connect: 5s, response: 2s}
            seed: ⟨2⟩&seed 7
            target:
              ⟨3⟩<<: *defaults
              ⟨4⟩response: 3s
              seed: *seed
            """)
        let (parsed, diagnostics) = parse(marked)
        #expect(diagnostics.isEmpty)
        let target = try #require(parsed?["target"])
        #expect(target.entries?.map(\.key) == ["response", "seed", "connect"])
        #expect(target["response"]?.scalar == "3s")
        #expect(position(target.entries?[0].keyLocation) == marked.position(4))
        #expect(target["connect"]?.scalar == "5s")
        #expect(position(target.entries?[2].keyLocation) == marked.position(1))
        #expect(target["seed"]?.scalar == "7")
        #expect(position(target["seed"]?.location) == marked.position(2))
    }

    @Test func everyDuplicatedKeyIsReportedAndTheFirstKept() throws {
        let marked = MarkedText("""
            ⟨1⟩name: first
            ⟨2⟩"name": second
            nested:
              ⟨3⟩a: 1
              b: 2
              ⟨4⟩a: 3
            ⟨5⟩name: third
            list:
              - {⟨6⟩x: 1, ⟨7⟩'x': 2}
            """)
        let (parsed, diagnostics) = parse(marked)
        let root = try #require(parsed)
        #expect(root.entries?.map(\.key) == ["name", "nested", "list"])
        #expect(root["name"]?.scalar == "first")
        #expect(root["nested"]?.entries?.map(\.key) == ["a", "b"])
        #expect(root["nested"]?["a"]?.scalar == "1")
        let duplicate = "; a key may appear only once in a mapping, so remove or rename one of them"
        expectDiagnostics(diagnostics, [
            .error(2, "duplicate key 'name'\(duplicate)"),
            .note(1, "'name' is first written here"),
            .error(4, "duplicate key 'a'\(duplicate)"),
            .note(3, "'a' is first written here"),
            .error(5, "duplicate key 'name'\(duplicate)"),
            .note(1, "'name' is first written here"),
            .error(7, "duplicate key 'x'\(duplicate)"),
            .note(6, "'x' is first written here"),
        ], in: marked, file: "doc.yaml")
    }

    @Test func aDuplicateThroughAnAliasIsStillReported() throws {
        let marked = MarkedText("""
            a: ⟨1⟩&k x
            *k : 1
            x: 2
            """)
        let (parsed, diagnostics) = parse(marked)
        #expect(parsed == nil)
        expectDiagnostics(diagnostics, [
            .error(1, "duplicate key 'x'; a key may appear only once in a mapping, so remove or rename one of them"),
        ], in: marked, file: "doc.yaml")
    }

    @Test func aKeyThatIsNotTextIsAnError() throws {
        let marked = MarkedText("""
            ? ⟨1⟩[a, b]
            : value
            ok: 1
            """)
        let (parsed, diagnostics) = parse(marked)
        #expect(parsed?.entries?.map(\.key) == ["ok"])
        expectDiagnostics(diagnostics, [
            .error(1, "a key must be text, found a list; write the key as a plain or quoted word"),
        ], in: marked, file: "doc.yaml")
    }

    @Test func anEmptyDocumentIsNull() throws {
        for text in ["", "# only a comment\n", "---\n"] {
            let (parsed, diagnostics) = parse(MarkedText(text))
            #expect(diagnostics.isEmpty)
            #expect(parsed?.kind == .null)
        }
    }

    @Test func controlCharactersAreReportedAtTheirPosition() throws {
        let marked = MarkedText("a: 1\nb: x⟨1⟩\u{7}y\n")
        let (parsed, diagnostics) = parse(marked)
        #expect(parsed == nil)
        expectDiagnostics(diagnostics, [
            .error(1, "invalid YAML text: control characters are not allowed (U+0007); remove the character, or write it as an escape inside double quotes"),
        ], in: marked, file: "doc.yaml")
    }

    @Test func aliasesCannotExpandWithoutBound() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [\(Array(repeating: previous, count: 10).joined(separator: ", "))]\n"
        }
        let collector = DiagnosticCollector()
        #expect(YAMLSource.parse(text: text, path: "bomb.yaml", collector: collector) == nil)
        #expect(collector.diagnostics.map(\.message) == [
            "the document expands to more than 1000000 values through its aliases; write the values out or use fewer aliases",
        ])
    }

    @Test func filesThatAreNotUTF8() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("latin1.yaml", bytes: Array("a: 1\nname: Ren".utf8) + [0xE9] + Array("\n".utf8))
        let collector = DiagnosticCollector()
        #expect(YAMLSource.load(path: path, collector: collector) == nil)
        #expect(collector.diagnostics.map(\.description) == [
            "\(path):2:10: error: '\(path)' is not UTF-8 text: byte 0xE9 cannot start or continue a UTF-8 character; save the file as UTF-8",
        ])
    }

    @Test func byteOrderMarksAndWindowsLineEndings() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("windows.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array("a: 1\r\nb: x\r\nc: \"\r\n".utf8))
        let collector = DiagnosticCollector()
        #expect(YAMLSource.load(path: path, collector: collector) == nil)
        #expect(collector.diagnostics.map(\.description) == [
            "\(path):4:1: error: invalid YAML: the quoted value that starts at line 3, column 4 is never closed; add the closing quote",
        ])
        let fixed = try directory.write("fixed.yaml", bytes: [0xEF, 0xBB, 0xBF] + Array("a: 1\r\nb: x\r\n".utf8))
        let node = try #require(YAMLSource.load(path: fixed, collector: DiagnosticCollector()))
        #expect(node["a"]?.location == MedConformCore.SourceLocation(file: fixed, line: 1, column: 4))
        #expect(node["b"]?.location == MedConformCore.SourceLocation(file: fixed, line: 2, column: 4))
    }

    @Test func filesAreReadWithTheirPath() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("ok.yaml", "key: value\n")
        let collector = DiagnosticCollector()
        let node = try #require(YAMLSource.load(path: path, collector: collector))
        #expect(node.location == MedConformCore.SourceLocation(file: path, line: 1, column: 1))
        #expect(node["key"]?.location == MedConformCore.SourceLocation(file: path, line: 1, column: 6))

        let missing = DiagnosticCollector()
        #expect(YAMLSource.load(path: directory.path + "/missing.yaml", collector: missing) == nil)
        #expect(missing.diagnostics.map(\.message) == ["cannot read '\(directory.path)/missing.yaml': no such file; check the path"])
    }
}
