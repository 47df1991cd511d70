/// Device bytes as text: the only form in which bytes from the wire reach a report.
///
/// ```
/// 0000: 0b 4d 53 48 7c 5e 7e 5c  26 7c 4d 4f 4e 7c 0d 1c  |.MSH|^~\&|MON|..|
/// ```
/// Sixteen bytes a line in two groups of eight, offsets in hex (four digits, eight when
/// the dump goes past 64 KiB), and an ASCII column that shows printable ASCII
/// (`0x20...0x7E`) and a dot for everything else, so no byte can act as markup or a control.
public enum HexDump {
    private static let bytesPerLine = 16
    private static let digits = Array("0123456789abcdef".utf8)

    /// The dump of at most `limit` bytes of `bytes`, lines separated by LF, no trailing LF.
    /// When bytes are left out a last line says how many: `… 120 more bytes`.
    /// An empty input gives an empty string.
    public static func render(_ bytes: [UInt8], limit: Int) -> String {
        let shown = min(bytes.count, max(0, limit))
        let offsetWidth = shown > 0x10000 ? 8 : 4
        var out: [UInt8] = []
        out.reserveCapacity((shown / bytesPerLine + 2) * 80)
        var lineStart = 0
        while lineStart < shown {
            if lineStart > 0 { out.append(0x0A) }
            let lineEnd = min(shown, lineStart + bytesPerLine)
            appendHex(UInt64(lineStart), width: offsetWidth, to: &out)
            out.append(contentsOf: Array(": ".utf8))
            for column in 0..<bytesPerLine {
                if column == 8 { out.append(0x20) }
                if lineStart + column < lineEnd {
                    appendHex(UInt64(bytes[lineStart + column]), width: 2, to: &out)
                } else {
                    out.append(contentsOf: [0x20, 0x20]) // keeps the ASCII column aligned on the last line
                }
                out.append(0x20)
            }
            out.append(contentsOf: [0x20, 0x7C])
            for byte in bytes[lineStart..<lineEnd] {
                out.append((0x20...0x7E).contains(byte) ? byte : 0x2E)
            }
            out.append(0x7C)
            lineStart = lineEnd
        }
        if shown < bytes.count {
            if shown > 0 { out.append(0x0A) }
            let more = bytes.count - shown
            out.append(contentsOf: Array("… \(more) more byte\(more == 1 ? "" : "s")".utf8))
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendHex(_ value: UInt64, width: Int, to out: inout [UInt8]) {
        for shift in stride(from: (width - 1) * 4, through: 0, by: -4) {
            out.append(digits[Int((value >> UInt64(shift)) & 0xF)])
        }
    }
}
