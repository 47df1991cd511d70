/// Node kinds of the MDER fuzz model (``FuzzCore/ModelNode/tag``). Operators choose their
/// targets by these tags alone, so a new message type needs no new operator code.
public enum PHDFuzzTag {
    /// The root: one APDU, and whatever an anomaly puts after it.
    public static let message: UInt8 = 1
    /// The APDU: choice, length, body.
    public static let apdu: UInt8 = 2
    /// A structured part: a CHOICE body, a delimited ANY, a record of fields.
    public static let structure: UInt8 = 3
    /// The elements of a SEQUENCE OF (their number is the count relation's value).
    public static let list: UInt8 = 4
    /// One element of a SEQUENCE OF.
    public static let element: UInt8 = 5
    /// INT-U8 or an 8-bit BITS field.
    public static let u8: UInt8 = 10
    /// INT-U16, OID-Type, HANDLE or a 16-bit BITS field.
    public static let u16: UInt8 = 11
    /// INT-U32, RelativeTime or a 32-bit BITS field.
    public static let u32: UInt8 = 12
    /// The APDU choice tag (AARQ 0xE200 … PRST 0xE700).
    public static let apduChoice: UInt8 = 20
    /// The data-APDU choice tag (ROIV 0x01xx, RORS 0x02xx, ROER, RORJ).
    public static let dataChoice: UInt8 = 21
    /// An event type: it chooses how event-info is read, so it is a choice too.
    public static let eventType: UInt8 = 22
    /// FLOAT-Type, 32 bits.
    public static let float32: UInt8 = 30
    /// SFLOAT-Type, 16 bits.
    public static let sfloat16: UInt8 = 31
    /// AbsoluteTime, 8 BCD bytes.
    public static let absoluteTime: UInt8 = 32
    /// The content of an OCTET STRING the model does not break down further.
    public static let octets: UInt8 = 40
    /// A 16-bit length: a relation target.
    public static let length: UInt8 = 50
    /// A 16-bit SEQUENCE OF count: a relation target.
    public static let count: UInt8 = 51
    /// Bytes put in by an anomaly (trailing bytes, a truncated or foreign APDU).
    public static let raw: UInt8 = 60
}
