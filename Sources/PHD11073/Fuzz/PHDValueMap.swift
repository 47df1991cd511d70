/// The attribute value map of one object (MDC_ATTR_ATTRIBUTE_VAL_MAP): which attributes a
/// fixed-format observation of that object holds, in order, and how many bytes each takes.
///
/// A fixed scan report's obs-val-data is an opaque OCTET STRING to MDER; only the map from
/// the configuration says where a FLOAT or a time stamp sits in it. The fuzz model needs it
/// to put typed leaves (and so special values) at the right bytes.
public struct PHDValueMap: Sendable, Equatable {
    /// One entry: an attribute ID and its length in obs-val-data.
    public struct Entry: Sendable, Equatable {
        public var attributeID: UInt16
        public var length: UInt16

        public init(attributeID: UInt16, length: UInt16) {
            self.attributeID = attributeID
            self.length = length
        }
    }

    /// The object's handle.
    public var handle: UInt16
    /// The entries in wire order.
    public var entries: [Entry]

    public init(handle: UInt16, entries: [Entry]) {
        self.handle = handle
        self.entries = entries
    }

    /// The bytes one observation of the object takes.
    public var totalLength: Int { entries.reduce(0) { $0 + Int($1.length) } }

    /// The maps of every object of a configuration that has one; value maps that do not
    /// parse (count, length and entries disagreeing) are left out, not guessed at.
    public static func maps(from report: ConfigReport) -> [PHDValueMap] {
        var out: [PHDValueMap] = []
        for object in report.objects {
            guard let value = object.attributes.value(of: PHDCode.attrAttributeValMap),
                  let entries = parse(value) else { continue }
            out.append(PHDValueMap(handle: object.handle, entries: entries))
        }
        return out
    }

    /// AttrValMap: count, length, then (attribute-id, attribute-len) pairs.
    static func parse(_ value: [UInt8]) -> [Entry]? {
        guard value.count >= 4 else { return nil }
        let count = Int(value[0]) << 8 | Int(value[1])
        let length = Int(value[2]) << 8 | Int(value[3])
        guard length == count * 4, value.count == 4 + length else { return nil }
        var entries: [Entry] = []
        var offset = 4
        while offset < value.count {
            let id = UInt16(value[offset]) << 8 | UInt16(value[offset + 1])
            let size = UInt16(value[offset + 2]) << 8 | UInt16(value[offset + 3])
            entries.append(Entry(attributeID: id, length: size))
            offset += 4
        }
        return entries
    }
}
