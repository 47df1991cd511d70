import MedConformCore
import Yams

/// The position of a mapping key as Yams marks it.
struct KeyPosition: Hashable {
    var line: Int
    var column: Int
}

/// Composes YAML with Yams and works around its handling of duplicated keys.
///
/// Yams refuses a mapping with a duplicated key by throwing, with the position of only one of
/// them and the whole document as context, and gives no tree. A user fixing a profile wants
/// every duplicate at its own position and the rest of the file's errors too. So each time
/// Yams refuses, the first character of the key it names is replaced by a private-use
/// character (one Unicode scalar for one, so every position stays the same) and the text is
/// parsed again; the converter puts the original characters back and reports the duplicates
/// itself, with the position of each.
enum YAMLComposer {
    struct Composed {
        var root: Node?
        /// Keys whose first scalar was replaced, with the scalar that was there.
        var renamedKeys: [KeyPosition: Unicode.Scalar]
    }

    /// More duplicated keys than this in one file is not a typo; stop and report one.
    private static let renameLimit = 1_000
    private static let firstPrivateUse: UInt32 = 0xE000

    static func compose(_ text: String, path: String, collector: DiagnosticCollector) -> Composed? {
        var working = text
        var scalars: [Unicode.Scalar]?
        var renamed: [KeyPosition: Unicode.Scalar] = [:]
        while true {
            do {
                // The basic resolver makes every plain scalar a string; types are the reader's job.
                let parser = try Parser(yaml: working, resolver: .basic, encoding: .utf8)
                return Composed(root: try parser.singleRoot(), renamedKeys: renamed)
            } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
                var current = scalars ?? Array(working.unicodeScalars)
                let position = KeyPosition(line: context.mark.line, column: context.mark.column)
                if renamed.count < renameLimit, renamed[position] == nil,
                   let original = rename(at: position, in: &current, with: firstPrivateUse + UInt32(renamed.count)) {
                    renamed[position] = original
                    scalars = current
                    var next = String()
                    next.unicodeScalars.append(contentsOf: current)
                    working = next
                    continue
                }
                // A key Yams cannot tell apart this way (an alias, a list used as a key):
                // report the one it names and stop.
                let key = duplicates.sorted().first ?? ""
                collector.error(
                    "duplicate key '\(key)'; a key may appear only once in a mapping, so remove or rename one of them",
                    at: SourceLocation(file: path, line: context.mark.line, column: context.mark.column))
                return nil
            } catch let error as YamlError {
                YAMLSyntaxError.report(error, path: path, text: working, collector: collector)
                return nil
            } catch {
                collector.error("cannot parse YAML: \(error)", at: .file(path))
                return nil
            }
        }
    }

    /// Replaces the first character of the scalar key at `position` with `replacement` and
    /// returns the character it replaced, or nil when the key is not a simple scalar.
    private static func rename(at position: KeyPosition, in scalars: inout [Unicode.Scalar], with replacement: UInt32) -> Unicode.Scalar? {
        guard let start = TextPosition.offset(line: position.line, column: position.column, in: scalars),
              let substitute = Unicode.Scalar(replacement)
        else { return nil }
        var target = start
        let first = scalars[start]
        if first == "\"" || first == "'" {
            target += 1
            // An empty quoted key or one starting with an escape cannot be renamed in place.
            guard target < scalars.count, scalars[target] != first, scalars[target] != "\\",
                  !TextPosition.isLineBreak(scalars[target])
            else { return nil }
        } else if "-?:,[]{}#&*!|>%@`".unicodeScalars.contains(first) || first == " " || first == "\t"
                    || TextPosition.isLineBreak(first) {
            return nil
        }
        let original = scalars[target]
        scalars[target] = substitute
        return original
    }
}
