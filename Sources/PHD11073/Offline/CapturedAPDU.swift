/// Where something lies in a captured file: a line and column in hex text, a byte offset in
/// a binary file.
public enum CapturePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 1-based line and column, columns counted in Unicode scalars as editors count them,
    /// so `path:line:column` can be clicked in a terminal.
    case text(line: Int, column: Int)
    /// 0-based offset of a byte in a binary file.
    case byte(offset: Int)

    /// `3:7` for text, `byte 12` for binary.
    public var description: String {
        switch self {
        case .text(let line, let column): "\(line):\(column)"
        case .byte(let offset): "byte \(offset)"
        }
    }

    public static func < (lhs: CapturePosition, rhs: CapturePosition) -> Bool {
        switch (lhs, rhs) {
        case (.text(let l1, let c1), .text(let l2, let c2)): (l1, c1) < (l2, c2)
        case (.byte(let o1), .byte(let o2)): o1 < o2
        // One capture holds one kind; text sorts first only to make the order total.
        case (.text, .byte): true
        case (.byte, .text): false
        }
    }
}

/// One APDU cut out of a captured file by its 4-byte header, not yet decoded.
public struct CapturedAPDU: Sendable, Hashable {
    /// The APDU's bytes, header included; for the last item of a cut-off file, what there is.
    public var bytes: [UInt8]
    /// 0-based, in file order.
    public var index: Int
    /// Where the APDU's first byte is: the line and column of its first hex digit, or its
    /// byte offset.
    public var position: CapturePosition
    /// False when the file ends before the bytes its header declares (or inside the header).
    public var isComplete: Bool

    public init(bytes: [UInt8], index: Int, position: CapturePosition, isComplete: Bool = true) {
        self.bytes = bytes
        self.index = index
        self.position = position
        self.isComplete = isComplete
    }
}
