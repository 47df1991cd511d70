import Foundation
import MedConformCore
@testable import ProfileLoader
import Testing

@Suite("Profile JSON Schema")
struct ProfileSchemaTests {
    private func parse(_ json: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func isDraft2020JSONWithEveryKeyTheLoaderReads() throws {
        let json = ProfileSchema.json(registry: FakeRegistry.registry)
        let schema = try parse(json)
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["additionalProperties"] as? Bool == false)
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(ProfileKeys.names(ProfileKeys.topLevel)))
        #expect(schema["required"] as? [String] == ["medconform", "id", "title", "specs", "device", "suites"])

        let definitions = try #require(schema["$defs"] as? [String: Any])
        let target = try #require(definitions["target"] as? [String: Any])
        #expect(Set(try #require(target["properties"] as? [String: Any]).keys) == Set(ProfileKeys.names(ProfileKeys.target)))
        let timeouts = try #require(definitions["timeouts"] as? [String: Any])
        #expect(Set(try #require(timeouts["properties"] as? [String: Any]).keys) == ["connect", "response", "idle"])
        let device = try #require(definitions["device"] as? [String: Any])
        #expect(device["required"] as? [String] == ["manufacturer", "model"])
    }

    @Test func suitesAllowEachPluginsKeysWithTheirSummaries() throws {
        let schema = try parse(ProfileSchema.json(registry: FakeRegistry.registry))
        let suite = try #require((schema["$defs"] as? [String: Any])?["suite"] as? [String: Any])
        #expect(suite["unevaluatedProperties"] as? Bool == false)
        let common = try #require(suite["properties"] as? [String: Any])
        #expect(Set(common.keys) == ["id", "title", "plugin", "target"])
        #expect((common["plugin"] as? [String: Any])?["enum"] as? [String] == ["fake", "fake-lab"])

        let branches = try #require(suite["allOf"] as? [[String: Any]])
        let byPlugin = Dictionary(uniqueKeysWithValues: try branches.map { branch -> (String, [String: Any]) in
            let condition = try #require(branch["if"] as? [String: Any])
            let plugin = try #require(((condition["properties"] as? [String: Any])?["plugin"] as? [String: Any])?["const"] as? String)
            let keys = try #require((branch["then"] as? [String: Any])?["properties"] as? [String: Any])
            return (plugin, keys)
        })
        #expect(Set(byPlugin.keys) == ["fake", "fake-lab"])
        #expect(Set(try #require(byPlugin["fake"]).keys) == ["role", "messages"])
        #expect((byPlugin["fake"]?["role"] as? [String: Any])?["description"] as? String == "Which side of the exchange the harness plays.")
        #expect(Set(try #require(byPlugin["fake-lab"]).keys) == ["analyzer"])
    }

    @Test func isTheSameEveryTime() {
        let first = ProfileSchema.json(registry: FakeRegistry.registry)
        let again = ProfileSchema.json(registry: PluginRegistry([AnyProtocolPlugin(FakeLabPlugin()), AnyProtocolPlugin(FakePlugin())]))
        #expect(first == again)
        #expect(first.hasSuffix("}\n"))
    }

    @Test func anEmptyRegistryStillGivesAValidSchema() throws {
        let schema = try parse(ProfileSchema.json(registry: PluginRegistry([])))
        let suite = try #require((schema["$defs"] as? [String: Any])?["suite"] as? [String: Any])
        #expect(suite["allOf"] == nil)
        #expect((suite["properties"] as? [String: Any])?["plugin"] != nil)
    }

    @Test func stringsAreEscaped() {
        let value = JSONValue.object([("a\"b", .string("line\nnext\u{1}\\ é"))])
        #expect(value.rendered() == "{\n  \"a\\\"b\": \"line\\nnext\\u0001\\\\ é\"\n}\n")
    }
}
