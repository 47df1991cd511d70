/// Line and column arithmetic the way libyaml counts, so that positions we compute ourselves
/// (invalid bytes, reader errors, duplicate-key rewriting) agree with the marks Yams reports:
/// both 1-based, columns in Unicode scalars, lines broken by LF, CR, CRLF, NEL, LS and PS.
enum TextPosition {
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// The line and column just after `scalars`, that is, of the scalar that would follow them.
    static func end<S: Sequence>(of scalars: S) -> (line: Int, column: Int) where S.Element == Unicode.Scalar {
        var line = 1, column = 1
        var previousWasCR = false
        for scalar in scalars {
            if scalar == "\n", previousWasCR {
                // CRLF is one break, already counted at the CR.
                previousWasCR = false
                continue
            }
            if isLineBreak(scalar) {
                line += 1
                column = 1
            } else {
                column += 1
            }
            previousWasCR = scalar == "\r"
        }
        return (line, column)
    }

    /// The index in `scalars` of the scalar at `line`:`column`, if the text has one there.
    static func offset(line: Int, column: Int, in scalars: [Unicode.Scalar]) -> Int? {
        var currentLine = 1, currentColumn = 1
        var index = 0
        while index < scalars.count {
            if currentLine == line, currentColumn == column { return index }
            let scalar = scalars[index]
            if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" {
                index += 2
                currentLine += 1
                currentColumn = 1
                continue
            }
            if isLineBreak(scalar) {
                currentLine += 1
                currentColumn = 1
            } else {
                currentColumn += 1
            }
            index += 1
        }
        return nil
    }
}
