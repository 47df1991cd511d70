import MedConformCore

/// A JSON Schema (draft 2020-12) for profiles, so that editors can complete and check them
/// (`# yaml-language-server: $schema=medconform-profile.schema.json`).
///
/// It is generated from the key lists the loader itself uses and from each plugin's
/// documented suite keys, so the two cannot drift apart. The loader remains the authority:
/// the schema cannot know which specs exist or what a plugin accepts as a value.
public enum ProfileSchema {
    /// The schema as pretty-printed JSON; the same registry always gives the same bytes.
    public static func json(registry: PluginRegistry) -> String {
        document(registry: registry).rendered()
    }

    /// Accepts `${name}` references where a typed value is expected: substitution happens
    /// before validation, so a schema that refused them would flag valid profiles.
    private static let reference: JSONValue = .object([("type", .string("string")), ("pattern", .string("\\$\\{"))])
    private static let durationPattern = "^(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)(?:ms|us|ns|s|m|h)$|\\$\\{"
    private static let addressPattern = "^(?:\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]*):[0-9]{1,5}$|\\$\\{"
    private static let sizePattern = "^[0-9_]+ *(?:B|KB|MB|GB|KiB|MiB|GiB)?$|\\$\\{"
    private static let seedPattern = "^(?:[0-9_]+|0[xX][0-9A-Fa-f_]+)$|\\$\\{"

    static func document(registry: PluginRegistry) -> JSONValue {
        .object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("title", .string("medconform test profile")),
            ("description", .string("A medconform test profile, language version \(Profile.languageVersion): the device under test, how to reach it, the specs that apply and the suites to run.")),
            ("type", .string("object")),
            ("required", .strings(ProfileKeys.topLevel.filter(\.required).map(\.name))),
            ("properties", properties(ProfileKeys.topLevel, registry: registry)),
            ("additionalProperties", .bool(false)),
            // A profile without a target of its own needs one on every suite.
            ("anyOf", .array([
                .object([("required", .strings(["target"]))]),
                .object([("properties", .object([
                    ("suites", .object([("items", .object([("required", .strings(["target"]))]))])),
                ]))]),
            ])),
            ("$defs", .object([
                ("device", mapping(ProfileKeys.device, registry: registry)),
                ("target", target(registry: registry)),
                ("timeouts", mapping(ProfileKeys.timeouts, registry: registry)),
                ("suite", suite(registry: registry)),
            ])),
        ])
    }

    private static func properties(_ keys: [ProfileKey], registry: PluginRegistry) -> JSONValue {
        .object(keys.map { key in (key.name, property(key, registry: registry)) })
    }

    private static func mapping(_ keys: [ProfileKey], registry: PluginRegistry) -> JSONValue {
        var members: [(String, JSONValue)] = [("type", .string("object"))]
        let required = keys.filter(\.required).map(\.name)
        if !required.isEmpty { members.append(("required", .strings(required))) }
        members.append(("properties", properties(keys, registry: registry)))
        members.append(("additionalProperties", .bool(false)))
        return .object(members)
    }

    private static func target(registry: PluginRegistry) -> JSONValue {
        guard case .object(var members) = mapping(ProfileKeys.target, registry: registry) else { return .object([]) }
        members.append(("oneOf", .array(["simulator", "connect", "listen"].map { .object([("required", .strings([$0]))]) })))
        members.append(("dependentRequired", .object([("faults", .strings(["simulator"])), ("seed", .strings(["simulator"]))])))
        return .object(members)
    }

    private static func suite(registry: PluginRegistry) -> JSONValue {
        let common = ProfileKeys.suiteCommon
        let perPlugin: [JSONValue] = registry.plugins.map { plugin in
            .object([
                ("if", .object([
                    ("properties", .object([("plugin", .object([("const", .string(plugin.id))]))])),
                    ("required", .strings(["plugin"])),
                ])),
                ("then", .object([
                    ("properties", .object(plugin.description.suiteKeys.map { key in
                        (key.name, .object([("description", .string(key.summary))]))
                    })),
                ])),
            ])
        }
        var members: [(String, JSONValue)] = [
            ("type", .string("object")),
            ("required", .strings(common.filter(\.required).map(\.name))),
            ("properties", properties(common, registry: registry)),
        ]
        if !perPlugin.isEmpty { members.append(("allOf", .array(perPlugin))) }
        // Unlike additionalProperties, this sees the keys the matching plugin's branch allows.
        members.append(("unevaluatedProperties", .bool(false)))
        return .object(members)
    }

    private static func property(_ key: ProfileKey, registry: PluginRegistry) -> JSONValue {
        var members: [(String, JSONValue)] = [("description", .string(key.summary))]
        switch key.shape {
        case .string:
            // The loader takes a plain number or boolean as its text (`firmware: 2.10`).
            members.append(("type", .strings(["string", "number", "boolean"])))
        case .pattern(let pattern):
            members += [("type", .string("string")), ("pattern", .string(pattern))]
        case .languageVersion:
            members.append(("const", .integer(Profile.languageVersion)))
        case .stringList:
            let text: JSONValue = .object([("type", .strings(["string", "number", "boolean"]))])
            members.append(("anyOf", .array([text, .object([("type", .string("array")), ("items", text)])])))
        case .choice(let values):
            members.append(("anyOf", .array([.object([("enum", .strings(values))]), reference])))
        case .duration:
            members += [("type", .string("string")), ("pattern", .string(durationPattern))]
        case .address:
            members += [("type", .string("string")), ("pattern", .string(addressPattern))]
        case .byteSize(let range):
            members.append(("anyOf", .array([
                .object([("type", .string("integer")), ("minimum", .integer(range.lowerBound)), ("maximum", .integer(range.upperBound))]),
                .object([("type", .string("string")), ("pattern", .string(sizePattern))]),
            ])))
        case .seed:
            members.append(("anyOf", .array([
                .object([("type", .string("integer")), ("minimum", .integer(0))]),
                .object([("type", .string("string")), ("pattern", .string(seedPattern))]),
            ])))
        case .reference(let name):
            members.append(("$ref", .string("#/$defs/\(name)")))
        case .variables:
            members += [
                ("type", .string("object")),
                ("propertyNames", .object([("pattern", .string("^[A-Za-z_][A-Za-z0-9_.-]*$"))])),
                ("additionalProperties", .object([("type", .strings(["string", "number", "boolean", "null"]))])),
            ]
        case .suites:
            members += [("type", .string("array")), ("minItems", .integer(1)), ("items", .object([("$ref", .string("#/$defs/suite"))]))]
        case .simulatorName:
            members.append(("anyOf", .array([oneOfStrings(registry.simulatorNames.sorted()), reference])))
        case .faultNames:
            let faults = Set(registry.plugins.flatMap { $0.description.simulators.flatMap { $0.faults.map(\.name) } }).sorted()
            members.append(("anyOf", .array([
                oneOfStrings(faults),
                .object([("type", .string("array")), ("items", oneOfStrings(faults))]),
            ])))
        case .pluginID:
            members.append(contentsOf: objectMembers(oneOfStrings(registry.ids)))
        }
        return .object(members)
    }

    /// `enum` of `values`, or any string when there are none (an empty `enum` matches nothing).
    private static func oneOfStrings(_ values: [String]) -> JSONValue {
        values.isEmpty ? .object([("type", .string("string"))]) : .object([("enum", .strings(values))])
    }

    private static func objectMembers(_ value: JSONValue) -> [(String, JSONValue)] {
        if case .object(let members) = value { return members }
        return []
    }
}
