/// The one gate every string passes before it reaches a report (JUnit, HTML, attachments).
///
/// Strings in a run come partly from the device, which is untrusted: a reason may quote a
/// field the device sent, a log line may hold what a peer wrote. Two rules make such text
/// safe to file and safe to show:
///
/// 1. **Terminal escape sequences are removed.** ANSI CSI sequences (`ESC [` parameters,
///    intermediates, final byte `0x40...0x7E`, or the one-character C1 form `U+009B`) and OSC
///    sequences (`ESC ]` or `U+009D`, up to BEL, `ESC \` or `U+009C`) are dropped whole, so
///    colour codes don't show up as noise and an OSC can't retitle the reader's terminal.
///    A sequence that is not complete (no final byte, no terminator within 4096 scalars) is
///    left in place and its ESC becomes visible by rule 2: nothing is hidden by guessing.
/// 2. **Characters that must not appear are shown as visible escapes** of the form
///    `\u{1B}`: a backslash, `u`, and the scalar's value as at least two upper-case hex
///    digits in braces (`\u{00}`, `\u{0B}`, `\u{7F}`, `\u{FFFE}`), the way Swift writes them.
///    This covers what XML 1.0 forbids even as a character reference (U+0000–U+0008, U+000B,
///    U+000C, U+000E–U+001F, U+FFFE, U+FFFF; lone surrogates cannot occur in a Swift
///    `String`), and also DEL and the C1 controls (U+007F–U+009F), which XML allows but
///    terminals obey, and the bidirectional embedding, override and isolate controls
///    (U+202A–U+202E, U+2066–U+2069), which could make a report show text in an order the
///    device never sent. A visible escape was chosen over dropping the character (Ant,
///    Robot Framework) so that a reader sees that the device sent it; it was chosen over
///    `&#27;`-as-text (Surefire) because it reads the same in XML, HTML and a terminal.
///
/// The escape is for people, not for machines: a literal backslash is not doubled, so the
/// text `\u{1B}` sent by a device reads the same as an ESC. The JSON result log keeps every
/// string exactly, and device bytes only ever appear as hex dumps.
///
/// TAB and LF are kept in multi-line text; CR LF and a lone CR become LF (XML parsers
/// would normalise them anyway). In single-line text TAB, LF, CR and CR LF become one space.
public enum Sanitizer {
    /// Multi-line text with every rule applied, at most `limit` scalars long: when the text
    /// is longer, it is cut and ends with a note saying how many input characters were left
    /// out (the note counts against the limit; limits below ~40 may be exceeded by the note).
    public static func text(_ text: String, limit: Int = Int.max) -> String {
        sanitize(text, singleLine: false, limit: limit)
    }

    /// One line (for attribute values, table cells, messages), at most `limit` scalars of
    /// output, with the same rules as ``text(_:limit:)``.
    public static func line(_ text: String, limit: Int = Int.max) -> String {
        sanitize(text, singleLine: true, limit: limit)
    }

    /// True when `scalar` is never written as itself but as a visible escape.
    public static func needsVisibleEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F: true // XML 1.0 forbids these, even as references
        case 0x7F...0x9F: true // DEL and C1 controls: legal in XML, but terminals act on them
        case 0x202A...0x202E, 0x2066...0x2069: true // bidirectional controls reorder what is shown
        case 0xFFFE, 0xFFFF: true // XML 1.0 forbids these
        default: false
        }
    }

    /// The visible escape for `scalar`: `\u{1B}`.
    public static func visibleEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u{" + (hex.count < 2 ? "0" + hex : hex) + "}"
    }

    // An OSC longer than this is not treated as one: a device must not be able to hide a
    // large stretch of its own text behind an unterminated `ESC ]`.
    private static let longestOSC = 4096

    private static func sanitize(_ text: String, singleLine: Bool, limit requested: Int) -> String {
        let limit = max(0, requested)
        // Only a window of the input can reach the output; a 1 MB reason cut to 500
        // characters should not cost a 1 MB copy. Escape sequences produce nothing, so the
        // window leaves room for one of the longest; a run of many just ends the text sooner.
        let bounded = limit < Int.max - longestOSC - 8
        let window = bounded ? Array(text.unicodeScalars.prefix(limit + longestOSC + 8)) : Array(text.unicodeScalars)
        let total = bounded && window.count == limit + longestOSC + 8 ? text.unicodeScalars.count : window.count
        let whole = render(window, singleLine: singleLine, budget: limit)
        if whole.stoppedAt == nil, window.count == total { return whole.text }
        // The note counts against the limit, so render again with room for the longest note.
        let room = truncationNote(omitted: total).unicodeScalars.count
        let cut = render(window, singleLine: singleLine, budget: max(0, limit - room))
        return cut.text + truncationNote(omitted: total - (cut.stoppedAt ?? window.count))
    }

    /// Renders until the output would exceed `budget` scalars; `stoppedAt` is the first input
    /// index left out, nil when everything fitted.
    private static func render(_ scalars: [Unicode.Scalar], singleLine: Bool, budget: Int) -> (text: String, stoppedAt: Int?) {
        var out = String.UnicodeScalarView()
        var written = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if let end = escapeSequenceEnd(scalars, at: index) {
                index = end
                continue
            }
            let piece: String
            switch scalar {
            case "\t": piece = singleLine ? " " : "\t"
            case "\n": piece = singleLine ? " " : "\n"
            case "\r":
                if index + 1 < scalars.count, scalars[index + 1] == "\n" {
                    index += 1 // CR LF is one line break; the LF stands for both
                    continue
                }
                piece = singleLine ? " " : "\n"
            default:
                piece = needsVisibleEscape(scalar) ? visibleEscape(scalar) : String(scalar)
            }
            let width = piece.unicodeScalars.count
            if written + width > budget { return (String(out), index) }
            out.append(contentsOf: piece.unicodeScalars)
            written += width
            index += 1
        }
        return (String(out), nil)
    }

    private static func truncationNote(omitted: Int) -> String {
        "… (\(omitted) more character\(omitted == 1 ? "" : "s"))"
    }

    /// The index just past a complete CSI or OSC sequence starting at `start`, or nil.
    private static func escapeSequenceEnd(_ scalars: [Unicode.Scalar], at start: Int) -> Int? {
        let first = scalars[start].value
        var index: Int
        let isCSI: Bool
        if first == 0x1B {
            guard start + 1 < scalars.count else { return nil }
            switch scalars[start + 1] {
            case "[": isCSI = true
            case "]": isCSI = false
            default: return nil
            }
            index = start + 2
        } else if first == 0x9B || first == 0x9D {
            isCSI = first == 0x9B
            index = start + 1
        } else {
            return nil
        }
        if isCSI {
            while index < scalars.count, (0x30...0x3F).contains(scalars[index].value) { index += 1 }
            while index < scalars.count, (0x20...0x2F).contains(scalars[index].value) { index += 1 }
            guard index < scalars.count, (0x40...0x7E).contains(scalars[index].value) else { return nil }
            return index + 1
        }
        let stop = min(scalars.count, index + longestOSC)
        while index < stop {
            switch scalars[index].value {
            case 0x07, 0x9C: return index + 1
            case 0x1B:
                if index + 1 < scalars.count, scalars[index + 1] == "\\" { return index + 2 }
                return nil
            default: index += 1
            }
        }
        return nil
    }
}
