import MedConformCore

extension Mutation {
    /// The change in words, with bytes in hex (they are often not printable).
    var text: String {
        func hex(_ bytes: [UInt8]) -> String {
            let shown = Hex.encode(bytes.prefix(48), separator: " ")
            return bytes.count > 48 ? shown + " … (\(bytes.count) bytes)" : (bytes.isEmpty ? "nothing" : shown)
        }
        func encoding(_ encoding: LeafEncoding) -> String { encoding == .text ? "text" : "wire" }
        switch self {
        case .replace(let bytes, let e): return "replace with \(hex(bytes)) (\(encoding(e)))"
        case .insert(let bytes, let position, let e):
            let at: String
            switch position {
            case .start: at = "start"
            case .end: at = "end"
            case .offset(let offset): at = "offset \(offset)"
            }
            return "insert \(hex(bytes)) at \(at) (\(encoding(e)))"
        case .truncate(let keep): return "truncate to \(keep) bytes"
        case .delete: return "delete"
        case .duplicate(let copies): return "duplicate \(copies) time\(copies == 1 ? "" : "s")"
        case .insertSiblingAfter(let node): return "insert after it: \(hex(node.bytes))"
        case .swapWithNext: return "swap with the next sibling"
        case .glueToNext: return "leave out the delimiter after it"
        case .redeclare(let changes):
            return "re-declare delimiters: " + changes.map { "role \($0.role) → \(hex($0.bytes))" }.joined(separator: ", ")
        case .setChild(let index, let node, _):
            return "set child \(index + 1) to \(hex(node.isLeaf ? node.bytes : []))\(node.isLeaf ? "" : " (a branch)")"
        case .lie(let lie):
            switch lie {
            case .offset(let delta): return "lie: true value \(delta >= 0 ? "+" : "")\(delta)"
            case .absolute(let value): return "lie: \(value)"
            case .bytes(let bytes): return "lie: \(hex(bytes))"
            }
        }
    }
}

extension Anomaly {
    /// The anomaly as a record.
    public var record: FuzzAnomalyRecord {
        FuzzAnomalyRecord(path: path, operatorName: operatorName, libraryIndex: libraryIndex, change: mutation.text, lie: lie)
    }
}

/// Repetition and occurrence numbers left out: `OBX[2].5[1].1.1` → `OBX.5.1.1`, so that the
/// same defect met in another OBX or another repetition is the same finding.
public func normalizedFuzzPath(_ path: String) -> String {
    var out = ""
    var inBrackets = false
    for character in path {
        if character == "[" {
            inBrackets = true
        } else if character == "]" {
            inBrackets = false
        } else if !inBrackets {
            out.append(character)
        }
    }
    return out
}
