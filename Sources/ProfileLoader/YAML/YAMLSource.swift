import MedConformCore
import Yams

/// Reads YAML into a ``ConfigNode`` tree in which every node knows its `file:line:column`.
///
/// Positions are Yams' marks as they are: 1-based lines, 1-based columns counted in Unicode
/// scalars, which is what editors and terminals expect after `path:`. Anchors and aliases are
/// resolved, `<<` merge keys are applied, `~`, `null` and empty values become
/// ``ConfigNode/Kind/null``, and a quoted scalar is marked `quoted` so that `"2"` stays a string.
///
/// Every problem is reported to the collector as a positioned diagnostic: a syntax error as
/// one diagnostic with a short message (never the dumped document), each duplicated key at its
/// own position, a file that cannot be read or is not UTF-8 at the file.
public enum YAMLSource {
    /// Reads and parses the YAML file at `path`.
    ///
    /// - Returns: The document's root, a `.null` node for an empty document, or nil when the
    ///   file could not be read or parsed (the reason is in `collector`).
    public static func load(path: String, collector: DiagnosticCollector) -> ConfigNode? {
        guard let file = SourceFile.read(path, collector: collector) else { return nil }
        return parse(text: file.text, path: path, collector: collector)
    }

    /// Parses YAML `text` that was read from `path` (used for positions only).
    ///
    /// Duplicated keys are reported and the later value dropped, so the tree is still returned
    /// and the caller can go on to find the file's other errors.
    ///
    /// - Returns: The document's root, a `.null` node for an empty document, or nil when the
    ///   text is not well-formed YAML or holds more than one document.
    public static func parse(text: String, path: String, collector: DiagnosticCollector) -> ConfigNode? {
        guard let composed = YAMLComposer.compose(text, path: path, collector: collector) else { return nil }
        guard let root = composed.root else { return ConfigNode(.null, at: .file(path)) }
        var converter = NodeConverter(path: path, collector: collector, renamedKeys: composed.renamedKeys)
        return converter.convertDocument(root)
    }
}
