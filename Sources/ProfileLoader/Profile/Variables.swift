import MedConformCore

/// `${name}` and `${env:NAME}` in profile scalars.
///
/// Substitution rewrites scalar text in the tree before anything is validated, and leaves
/// every node's position alone, so a bad value that came from a variable is still reported
/// where the user wrote `${…}`. `$${` stands for a literal `${`.
struct Variables {
    private var values: [String: String] = [:]
    /// Names in the order written, for "did you mean".
    private var names: [String] = []
    private let environment: [String: String]
    private let collector: DiagnosticCollector
    /// Positions of scalars whose substitution failed. Whatever is later found wrong at the same
    /// position is a consequence, not a second mistake, and is not reported again.
    private(set) var failedLocations: Set<SourceLocation> = []

    init(environment: [String: String], collector: DiagnosticCollector) {
        self.environment = environment
        self.collector = collector
    }

    /// Reads the `variables:` mapping. A value may use `${env:…}` and variables defined above it.
    mutating func define(from node: ConfigNode?) {
        guard let node else { return }
        if case .null = node.kind { return }
        guard let entries = node.entries else {
            collector.error("'variables' in profile must be a mapping of names to values, found \(node.typeName)", at: node.location)
            return
        }
        for entry in entries {
            guard Self.isValidName(entry.key) else {
                collector.error(
                    "variable name '\(entry.key)' is not valid; use letters, digits, '_', '.' and '-', starting with a letter or '_'",
                    at: entry.keyLocation)
                continue
            }
            let value: String
            switch entry.value.kind {
            case .scalar(let text, _):
                guard let expanded = expand(text, at: entry.value.location) else { continue }
                value = expanded
            case .null:
                value = ""
            default:
                collector.error(
                    "variable '\(entry.key)' must be a single value (text or a number), found \(entry.value.typeName)",
                    at: entry.value.location)
                continue
            }
            values[entry.key] = value
            names.append(entry.key)
        }
    }

    /// `node` with every `${…}` in its scalars (not its keys) replaced.
    mutating func substitute(_ node: ConfigNode) -> ConfigNode {
        var result = node
        switch node.kind {
        case .scalar(let text, let quoted):
            if text.contains("$"), let expanded = expand(text, at: node.location) {
                result.kind = .scalar(expanded, quoted: quoted)
            }
        case .sequence(let items):
            result.kind = .sequence(items.map { substitute($0) })
        case .mapping(let entries):
            result.kind = .mapping(entries.map { ConfigEntry(key: $0.key, keyLocation: $0.keyLocation, value: substitute($0.value)) })
        case .null:
            break
        }
        return result
    }

    /// `text` with its references replaced, or nil (reported) when one cannot be resolved.
    private mutating func expand(_ text: String, at location: SourceLocation) -> String? {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        var failed = false
        while index < scalars.count {
            if scalars[index] == "$", index + 2 < scalars.count, scalars[index + 1] == "$", scalars[index + 2] == "{" {
                output.append(contentsOf: "${".unicodeScalars)
                index += 3
                continue
            }
            guard scalars[index] == "$", index + 1 < scalars.count, scalars[index + 1] == "{" else {
                output.append(scalars[index])
                index += 1
                continue
            }
            guard let close = scalars[(index + 2)...].firstIndex(of: "}") else {
                collector.error("'${' in '\(text)' is never closed; end the reference with '}', or write '$${' for a literal '${'", at: location)
                failed = true
                break
            }
            var reference = String()
            reference.unicodeScalars.append(contentsOf: scalars[(index + 2)..<close])
            if let value = resolve(reference, at: location) {
                output.append(contentsOf: value.unicodeScalars)
            } else {
                failed = true
            }
            index = close + 1
        }
        if failed {
            failedLocations.insert(location)
            return nil
        }
        return String(output)
    }

    private func resolve(_ reference: String, at location: SourceLocation) -> String? {
        if reference.hasPrefix("env:") {
            let name = String(reference.dropFirst(4))
            if let value = environment[name] { return value }
            collector.error(
                "environment variable '\(name)' is not set; set it, or define a value under 'variables' and use '${name}'",
                at: location)
            return nil
        }
        if let value = values[reference] { return value }
        var message = "unknown variable '\(reference)'"
        let close = Suggestion.didYouMean(reference, among: names)
        if !close.isEmpty {
            message += close
        } else if names.isEmpty {
            message += "; define it under 'variables', or use '${env:NAME}' for an environment variable"
        } else {
            message += "; the variables are \(ProfileRules.quotedList(names))"
        }
        collector.error(message, at: location)
        return nil
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first,
              first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first)
        else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "." || $0 == "-"
        }
    }
}
