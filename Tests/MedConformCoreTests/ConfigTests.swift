@testable import MedConformCore
import Testing

@Suite("Value parsers and the strict config reader")
struct ConfigTests {
    @Test(arguments: [
        ("500ms", Duration.milliseconds(500)), ("2s", .seconds(2)), ("1.5s", .milliseconds(1500)),
        ("3m", .seconds(180)), ("1h", .seconds(3600)), ("250us", .microseconds(250)), ("0.001s", .milliseconds(1)),
    ])
    func durations(text: String, expected: Duration) {
        #expect(ConfigValues.parseDuration(text) == expected)
    }

    @Test(arguments: ["5 sec", "s", "-1s", "1.2.3s", "", "10", "1e3s", "99999999999999999999h"])
    func badDurations(text: String) {
        #expect(ConfigValues.parseDuration(text) == nil)
    }

    @Test(arguments: [("65536", 65536), ("64KiB", 65536), ("1MiB", 1 << 20), ("10MB", 10_000_000), ("1_024", 1024)])
    func sizes(text: String, expected: Int) {
        #expect(ConfigValues.parseByteSize(text) == expected)
    }

    @Test(arguments: ["1 bytes", "KiB", "-5", "9999999999999999999GiB"])
    func badSizes(text: String) {
        #expect(ConfigValues.parseByteSize(text) == nil)
    }

    @Test func addresses() {
        #expect(NetworkAddress.parse("127.0.0.1:2575") == NetworkAddress(host: "127.0.0.1", port: 2575))
        #expect(NetworkAddress.parse("[::1]:80") == NetworkAddress(host: "::1", port: 80))
        #expect(NetworkAddress.parse(":2575") == NetworkAddress(host: "0.0.0.0", port: 2575))
        #expect(NetworkAddress.parse("[::1]:80")?.description == "[::1]:80")
        for bad in ["localhost", "host:99999", "host:", "a b:1", "::1:80", "[::1]80", "host:12x"] {
            #expect(NetworkAddress.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func suggestions() {
        #expect(Suggestion.closest(to: "sutes", among: ["suites", "specs", "target"]) == "suites")
        #expect(Suggestion.closest(to: "colour", among: ["suites", "specs"]) == nil)
        #expect(Suggestion.didYouMean("tagret", among: ["target"]) == "; did you mean 'target'?")
    }

    private func location(_ line: Int, _ column: Int) -> MedConformCore.SourceLocation {
        MedConformCore.SourceLocation(file: "p.yaml", line: line, column: column)
    }

    private func scalar(_ text: String, _ line: Int, _ column: Int) -> ConfigNode {
        ConfigNode(.scalar(text, quoted: false), at: location(line, column))
    }

    @Test func unknownAndDuplicateKeysAreReportedAtTheKey() {
        let node = ConfigNode(.mapping([
            ConfigEntry(key: "timeout", keyLocation: location(2, 3), value: scalar("2s", 2, 12)),
            ConfigEntry(key: "respons", keyLocation: location(3, 3), value: scalar("2s", 3, 12)),
            ConfigEntry(key: "timeout", keyLocation: location(4, 3), value: scalar("1s", 4, 12)),
        ]), at: location(2, 3))
        let collector = DiagnosticCollector()
        _ = ConfigMapping(node, context: "'timeouts'", keys: ["timeout", "response"], collector: collector)
        #expect(collector.sorted.map(\.description) == [
            "p.yaml:3:3: error: unknown key 'respons' in 'timeouts'; did you mean 'response'?",
            "p.yaml:4:3: error: duplicate key 'timeout' in 'timeouts'",
        ])
    }

    @Test func typedAccessorsReportAtTheValue() {
        let node = ConfigNode(.mapping([
            ConfigEntry(key: "count", keyLocation: location(1, 1), value: scalar("many", 1, 8)),
            ConfigEntry(key: "wait", keyLocation: location(2, 1), value: scalar("5 sec", 2, 7)),
            ConfigEntry(key: "mode", keyLocation: location(3, 1), value: scalar("recever", 3, 7)),
            ConfigEntry(key: "seed", keyLocation: location(4, 1), value: scalar("0x10", 4, 7)),
        ]), at: location(1, 1))
        let collector = DiagnosticCollector()
        let mapping = ConfigMapping(node, context: "suite 'x'", keys: ["count", "wait", "mode", "seed", "name"], collector: collector)
        #expect(mapping?.integer("count") == nil)
        #expect(mapping?.duration("wait") == nil)
        #expect(mapping?.choice("mode", ["receiver", "sender"]) == nil)
        #expect(mapping?.unsigned64("seed") == 16)
        #expect(mapping?.string("name", required: true) == nil)
        #expect(collector.diagnostics.map(\.description) == [
            "p.yaml:1:8: error: 'count' in suite 'x' must be a whole number, found 'many'",
            "p.yaml:2:7: error: 'wait' in suite 'x' is not a duration: found '5 sec'; write a number followed by ms, s, m or h, such as '500ms' or '2s'",
            "p.yaml:3:7: error: 'mode' in suite 'x' must be one of 'receiver', 'sender'; found 'recever'; did you mean 'receiver'?",
            "p.yaml:1:1: error: suite 'x' is missing the required key 'name'",
        ])
    }

    @Test func aMappingIsRequiredWhereOneIsExpected() {
        let collector = DiagnosticCollector()
        #expect(ConfigMapping(scalar("x", 5, 9), context: "target", keys: [], collector: collector) == nil)
        #expect(collector.diagnostics.first?.description == "p.yaml:5:9: error: target must be a mapping, found a scalar")
    }
}
