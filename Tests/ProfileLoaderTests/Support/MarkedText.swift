/// YAML written in a test with position markers: `⟨1⟩` right before the token a diagnostic
/// should point at. The markers are removed and their line:column remembered.
struct MarkedText {
    let text: String
    private let positions: [Int: (line: Int, column: Int)]

    init(_ marked: String) {
        var text = String.UnicodeScalarView()
        var positions: [Int: (line: Int, column: Int)] = [:]
        let scalars = Array(marked.unicodeScalars)
        var line = 1, column = 1
        var index = 0
        while index < scalars.count {
            if scalars[index] == "⟨", let close = scalars[index...].firstIndex(of: "⟩"),
               let number = Int(String(String.UnicodeScalarView(scalars[(index + 1)..<close]))) {
                precondition(positions[number] == nil, "marker ⟨\(number)⟩ is used twice")
                positions[number] = (line, column)
                index = close + 1
                continue
            }
            text.append(scalars[index])
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        self.text = String(text)
        self.positions = positions
    }

    /// `line:column` of marker `number`.
    func position(_ number: Int) -> String {
        guard let position = positions[number] else { return "<no marker ⟨\(number)⟩>" }
        return "\(position.line):\(position.column)"
    }
}
