import MedConformCore

/// What a value of a profile key looks like, for the JSON Schema.
enum ValueShape: Sendable {
    case string
    /// A string that must match an ECMA-262 pattern.
    case pattern(String)
    case languageVersion
    /// A string, or a list of strings.
    case stringList
    case choice([String])
    case duration
    case address
    case byteSize(ClosedRange<Int>)
    case seed
    /// Another definition of the schema, by name.
    case reference(String)
    case variables
    case suites
    case simulatorName
    case faultNames
    case pluginID
}

/// One key a mapping of a profile may hold, documented.
struct ProfileKey: Sendable {
    var name: String
    var summary: String
    var shape: ValueShape
    var required: Bool

    init(_ name: String, _ summary: String, _ shape: ValueShape, required: Bool = false) {
        self.name = name
        self.summary = summary
        self.shape = shape
        self.required = required
    }
}

/// The keys of every mapping of a profile. The loader takes the allowed keys from these lists
/// and the JSON Schema takes names, descriptions and value shapes from them, so the editor's
/// completion and the loader's "unknown key" can never disagree.
enum ProfileKeys {
    static let topLevel: [ProfileKey] = [
        ProfileKey("medconform", "The profile language version; this harness reads version 1.", .languageVersion, required: true),
        ProfileKey("id", "A stable identifier for the profile: lowercase letters, digits, '.', '_' and '-'.", .pattern(ProfileRules.idPattern), required: true),
        ProfileKey("title", "A one-line title shown in reports.", .string, required: true),
        ProfileKey("description", "What the profile tests and why.", .string),
        ProfileKey("variables", "Values the rest of the profile uses as ${name}; ${env:NAME} reads the environment.", .variables),
        ProfileKey("specs", "The specs the device is tested against, by id (for example 'ihe-pcd-01').", .stringList, required: true),
        ProfileKey("device", "The device under test, copied into every report.", .reference("device"), required: true),
        ProfileKey("capabilities", "What the device claims to support; plugins use it to scope their checks.", .stringList),
        ProfileKey("target", "How the harness reaches the device; required unless every suite has its own target.", .reference("target")),
        ProfileKey("suites", "The suites to run, in order.", .suites, required: true),
    ]

    static let device: [ProfileKey] = [
        ProfileKey("manufacturer", "Who makes the device.", .string, required: true),
        ProfileKey("model", "The device model.", .string, required: true),
        ProfileKey("firmware", "The firmware or software version tested.", .string),
        ProfileKey("serial", "The serial number of the unit tested.", .string),
    ]

    static let target: [ProfileKey] = [
        ProfileKey("simulator", "Test a built-in reference simulator instead of a device.", .simulatorName),
        ProfileKey("faults", "Named faults the simulator is told to have (simulator targets only).", .faultNames),
        ProfileKey("seed", "The simulator's seed, decimal or 0x hexadecimal (simulator targets only; default 1).", .seed),
        ProfileKey("connect", "The harness connects to the device at host:port.", .address),
        ProfileKey("listen", "The harness listens at host:port and the device connects.", .address),
        ProfileKey("transport", "How messages are framed on the connection (default 'mllp').", .choice(ProfileRules.transports)),
        ProfileKey("max-frame", "The largest frame accepted from the device, such as '64KiB' (default 1MiB).", .byteSize(ProfileRules.maxFrameRange)),
        ProfileKey("timeouts", "Time limits for connecting, for each answer, and for silence.", .reference("timeouts")),
    ]

    static let timeouts: [ProfileKey] = [
        ProfileKey("connect", "Establishing a connection, such as '5s' (default 5s).", .duration),
        ProfileKey("response", "Waiting for the answer to one message, such as '2s' (default 2s).", .duration),
        ProfileKey("idle", "Waiting for the device's next message when it is the one that talks (default 10s).", .duration),
    ]

    static let suiteCommon: [ProfileKey] = [
        ProfileKey("id", "A stable identifier for the suite, unique in the profile.", .pattern(ProfileRules.idPattern), required: true),
        ProfileKey("title", "A one-line title shown in reports.", .string),
        ProfileKey("plugin", "The protocol plugin that runs the suite.", .pluginID, required: true),
        ProfileKey("target", "A target for this suite only, instead of the profile's.", .reference("target")),
    ]

    static func names(_ keys: [ProfileKey]) -> [String] { keys.map(\.name) }
}

/// Rules profile values follow, shared by the loader and the JSON Schema.
enum ProfileRules {
    /// Profile and suite identifiers: they name result files and JUnit suites.
    static let idPattern = "^[a-z0-9][a-z0-9._-]*$"
    static let transports = ["mllp", "tcp"]
    static let maxFrameRange = 256...(64 << 20)

    static func isValidID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isLowerAlphanumeric(first) else { return false }
        return text.unicodeScalars.allSatisfy { isLowerAlphanumeric($0) || $0 == "." || $0 == "_" || $0 == "-" }
    }

    private static func isLowerAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    static let idRule = "lowercase letters, digits, '.', '_' and '-', starting with a letter or digit"

    /// `'a', 'b', 'c'`, for messages that list what is allowed.
    static func quotedList(_ names: [String]) -> String {
        names.map { "'\($0)'" }.joined(separator: ", ")
    }

    /// "; did you mean 'x'?" when a candidate is close, otherwise "; <what> are 'a', 'b'" so the
    /// user still learns what to write.
    static func suggestion(for word: String, among candidates: [String], listing what: String) -> String {
        let close = Suggestion.didYouMean(word, among: candidates)
        if !close.isEmpty { return close }
        if candidates.isEmpty { return "" }
        return "; \(what) \(candidates.count == 1 ? "is" : "are") \(quotedList(candidates))"
    }
}
