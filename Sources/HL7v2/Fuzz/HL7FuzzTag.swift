/// Node kinds of the HL7 v2 fuzz model (``FuzzCore/ModelNode/tag``).
public enum HL7FuzzTag {
    /// The message: segments, each terminated by CR.
    public static let message: UInt8 = 1
    /// A segment: ID then fields.
    public static let segment: UInt8 = 2
    /// The segment ID leaf (`MSH.0`).
    public static let segmentID: UInt8 = 3
    /// A field: its repetitions.
    public static let field: UInt8 = 4
    /// A repetition: its components.
    public static let repetition: UInt8 = 5
    /// A component: its subcomponents.
    public static let component: UInt8 = 6
    /// A subcomponent leaf: wire bytes (escape sequences kept as sent).
    public static let subcomponent: UInt8 = 7
    /// MSH-1 or MSH-2: derived from the delimiters in use (declaration relation).
    public static let declaration: UInt8 = 8
    /// An MLLP framing byte (start block, end block, final CR).
    public static let frame: UInt8 = 9
}

/// Delimiter roles of the HL7 model (indices into ``FuzzCore/FuzzModel/delimiters``).
public enum HL7FuzzRole {
    /// MSH-1, `|` by default.
    public static let field = 0
    /// First MSH-2 character, `^`.
    public static let component = 1
    /// Second MSH-2 character, `~`.
    public static let repetition = 2
    /// Third MSH-2 character, `\`.
    public static let escape = 3
    /// Fourth MSH-2 character, `&`.
    public static let subcomponent = 4
    /// CR after every segment.
    public static let segmentTerminator = 5
    /// Fifth MSH-2 character (v2.7+); empty bytes when not declared.
    public static let truncation = 6
}
