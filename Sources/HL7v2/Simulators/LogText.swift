/// Text from a peer made safe for a log line.
enum LogText {
    /// `text` with every character outside printable ASCII replaced by `?`, at most 120 long.
    static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(120) {
            out.unicodeScalars.append(scalar.value >= 0x20 && scalar.value < 0x7F ? scalar : "?")
        }
        return out
    }
}
