/// What the manager knows of one object of the agent's configuration: enough to read its
/// observations in fixed-format reports and to judge codes, units and ranges.
public struct ObjectModel: Sendable, Hashable {
    public var handle: UInt16
    public var objectClass: UInt16
    /// MDC_ATTR_ID_TYPE: partition and term.
    public var type: TypeCode?
    /// MDC_ATTR_UNIT_CODE (a term of the dimension partition, 4).
    public var unit: UInt16?
    /// MDC_ATTR_ATTRIBUTE_VAL_MAP: the attributes a fixed-format observation lays out, in order.
    public var valueMap: [ValueMapEntry]?
    /// MDC_ATTR_ID_PHYSIO_LIST: the component terms of a compound value (partition 2).
    public var components: [UInt16]

    public struct TypeCode: Sendable, Hashable {
        public var partition: UInt16
        public var term: UInt16

        public init(partition: UInt16, term: UInt16) {
            self.partition = partition
            self.term = term
        }
    }

    public struct ValueMapEntry: Sendable, Hashable {
        public var attribute: UInt16
        public var length: UInt16

        public init(attribute: UInt16, length: UInt16) {
            self.attribute = attribute
            self.length = length
        }
    }

    public init(handle: UInt16, objectClass: UInt16, type: TypeCode?, unit: UInt16?, valueMap: [ValueMapEntry]?, components: [UInt16] = []) {
        self.handle = handle
        self.objectClass = objectClass
        self.type = type
        self.unit = unit
        self.valueMap = valueMap
        self.components = components
    }

    /// The bytes one fixed-format observation takes by the value map (0 without one).
    public var observationLength: Int { valueMap?.reduce(0) { $0 + Int($1.length) } ?? 0 }

    /// The objects of a configuration that have a readable value map.
    public static func withValueMaps(_ report: ConfigReport) -> [ObjectModel] {
        report.objects.map(ObjectModel.init).filter { $0.valueMap != nil }
    }

    /// Reads the attributes of a configuration object. Attributes whose value does not have
    /// their type's layout are left nil; the configuration checks say which.
    public init(_ object: ConfigObject) {
        handle = object.handle
        objectClass = object.objectClass
        type = object.attributes.value(of: PHDCode.attrIDType).flatMap(AttributeLayout.typeCode)
        unit = object.attributes.value(of: PHDCode.attrUnitCode).flatMap(AttributeLayout.u16)
        valueMap = object.attributes.value(of: PHDCode.attrAttributeValMap).flatMap(AttributeLayout.valueMap)
        components = object.attributes.value(of: PHDCode.attrIDPhysioList).flatMap(AttributeLayout.u16List) ?? []
    }
}

/// Layouts of the attribute values checks read; each returns nil when the bytes do not fit.
public enum AttributeLayout {
    public static func u16(_ bytes: [UInt8]) -> UInt16? {
        bytes.count == 2 ? UInt16(bytes[0]) << 8 | UInt16(bytes[1]) : nil
    }

    public static func typeCode(_ bytes: [UInt8]) -> ObjectModel.TypeCode? {
        guard bytes.count == 4 else { return nil }
        return ObjectModel.TypeCode(partition: UInt16(bytes[0]) << 8 | UInt16(bytes[1]), term: UInt16(bytes[2]) << 8 | UInt16(bytes[3]))
    }

    /// A SEQUENCE OF u16 (count, length, values) that fills the bytes exactly.
    public static func u16List(_ bytes: [UInt8]) -> [UInt16]? {
        guard bytes.count >= 4 else { return nil }
        let count = Int(bytes[0]) << 8 | Int(bytes[1])
        let length = Int(bytes[2]) << 8 | Int(bytes[3])
        guard length == count * 2, bytes.count == 4 + length else { return nil }
        return (0..<count).map { UInt16(bytes[4 + 2 * $0]) << 8 | UInt16(bytes[5 + 2 * $0]) }
    }

    /// AttrValMap: count, length, then (attribute-id, attribute-len) pairs.
    public static func valueMap(_ bytes: [UInt8]) -> [ObjectModel.ValueMapEntry]? {
        guard bytes.count >= 4 else { return nil }
        let count = Int(bytes[0]) << 8 | Int(bytes[1])
        let length = Int(bytes[2]) << 8 | Int(bytes[3])
        guard length == count * 4, bytes.count == 4 + length else { return nil }
        return (0..<count).map { index in
            let at = 4 + 4 * index
            return ObjectModel.ValueMapEntry(attribute: UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1]),
                                             length: UInt16(bytes[at + 2]) << 8 | UInt16(bytes[at + 3]))
        }
    }
}
