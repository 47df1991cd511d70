import ProfileLoader

/// `medconform schema`: the JSON Schema of profiles, generated from the same key lists the
/// loader enforces, so editors can complete and check profiles as they are written.
public enum SchemaCommand {
    /// The schema for the plugins of this build.
    public static var text: String { ProfileSchema.json(registry: BuiltInPlugins.registry) }

    /// Where the schema is committed, beside the profiles that name it.
    public static let committedPath = "Profiles/medconform-profile.schema.json"

    public static func main(environment: AppEnvironment) -> Int32 {
        environment.standardOutput(text)
        return 0
    }
}
