/// File and directory names made from strings a profile or a device chose (run, suite and
/// check ids), so that none of them can leave the report directory or surprise a tool.
public enum SafeFileName {
    /// One path component: only `A-Z a-z 0-9 . _ -` survive, any other character becomes `_`;
    /// a leading dot and the second dot of `..` become `_` too, so the result is never `.`,
    /// `..`, a hidden file, or contains `/`; an empty result becomes `_`. At most `maxLength`
    /// characters (file systems refuse names over 255 bytes; the caller adds suffixes).
    public static func component(_ text: String, maxLength: Int = 100) -> String {
        var out: [UInt8] = []
        for scalar in text.unicodeScalars {
            if out.count >= max(1, maxLength) { break }
            var byte = UInt8(ascii: "_")
            if scalar.isASCII, let ascii = UInt8(exactly: scalar.value), isAllowed(ascii) { byte = ascii }
            if byte == UInt8(ascii: "."), out.isEmpty || out.last == UInt8(ascii: ".") { byte = UInt8(ascii: "_") }
            out.append(byte)
        }
        return out.isEmpty ? "_" : String(decoding: out, as: UTF8.self)
    }

    /// A relative path made of safe components (`/`-separated input; empty parts dropped).
    public static func relativePath(_ text: String) -> String {
        text.split(separator: "/", omittingEmptySubsequences: true).map { component(String($0)) }.joined(separator: "/")
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}

/// Picks names that are unique ignoring case (case-insensitive file systems would merge
/// `A.txt` and `a.txt`): the second `name` becomes `name-2`, and so on.
struct UniqueNames {
    private var taken: Set<String> = [] // membership only; never iterated

    mutating func claim(_ name: String) -> String {
        var candidate = name
        var counter = 2
        while taken.contains(candidate.lowercased()) {
            candidate = "\(name)-\(counter)"
            counter += 1
        }
        taken.insert(candidate.lowercased())
        return candidate
    }
}
