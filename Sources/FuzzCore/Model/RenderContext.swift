/// What one render writes with: the delimiter table in force and its escape table, and the
/// relation values that replace leaves of the tree.
///
/// Relation values are kept beside the tree instead of being written into it: writing them
/// in would copy every array on the way to each target (the MSH spine, the frame) per case.
struct RenderContext {
    /// The delimiter bytes per role.
    var delimiters: [[UInt8]]
    /// Per byte, its escape sequence under ``delimiters`` (nil: written as is).
    var escapeTable: [[UInt8]?]
    /// Per byte, whether ``escapeTable`` has an entry (one load instead of an optional test).
    var needsEscape: [Bool]
    /// Whether untouched base subtrees may be copied from ``FuzzModel/splices``: only with
    /// the model's own delimiters, which those bytes were rendered with.
    var splices = false
    /// Set when an anomaly re-declared the delimiters: wire leaves hold bytes written for
    /// the model's table, so they are translated to this one (``FuzzModel/appendTranslated``).
    var translatesWire = false
    /// The model's escape byte, which opens and closes escape sequences in wire leaves.
    var modelEscape: UInt8?
    /// The escape byte under ``delimiters``.
    var escape: UInt8?
    /// The model's escape codes that stand for a delimiter, with the model's byte for it
    /// (`F` for `|`): a translated sequence names a role, and the role's byte changed.
    var modelCodes: [(code: [UInt8], byte: UInt8)] = []

    /// One relation value: it replaces the leaf with `id` found at index path `path`.
    struct Override {
        var id: Int32
        var path: [Int]
        var value: [UInt8]
    }

    /// Relation values in the order they were computed; a later one for the same leaf wins.
    var overrides: [Override] = []

    /// The value to write for the leaf `id` at `path`, if a relation replaced it.
    func override(for id: Int32, at path: [Int]) -> [UInt8]? {
        var index = overrides.count - 1
        while index >= 0 {
            if overrides[index].id == id && overrides[index].path == path { return overrides[index].value }
            index -= 1
        }
        return nil
    }
}
