/// One entry of an attribute value map (AttrValMap): which attribute a fixed-format
/// observation carries next, and in how many bytes.
public struct PHDValueMapEntry: Sendable, Hashable {
    public let attribute: UInt16
    public let length: UInt16

    public init(_ attribute: UInt16, _ length: UInt16) {
        self.attribute = attribute
        self.length = length
    }
}

/// One numeric object of a standard configuration: what its configuration report entry says
/// and how its fixed-format observations are laid out.
public struct PHDStandardObject: Sendable, Hashable {
    public let handle: UInt16
    /// MDC_MOC_VMO_METRIC_NU (6) for every object the five standard configurations hold.
    public let objectClass: UInt16
    public let type: PHDTerm
    public let unit: PHDTerm
    /// MDC_ATTR_METRIC_SPEC_SMALL bits (0x4040 stored data and agent-initiated; 0xF040 adds
    /// intermittent, aperiodic update and aperiodic measurement).
    public let metricSpecSmall: UInt16
    /// MDC_ATTR_METRIC_STRUCT_SMALL for a compound object (ms-struct, ms-comp-no); nil otherwise.
    public let metricStructSmall: UInt16?
    /// The component types (MDC_ATTR_ID_PHYSIO_LIST) of a compound object, in value order.
    public let components: [PHDTerm]
    public let valueMap: [PHDValueMapEntry]

    public init(handle: UInt16, objectClass: UInt16 = PHDCode.mocVMOMetricNu, type: PHDTerm, unit: PHDTerm,
                metricSpecSmall: UInt16, metricStructSmall: UInt16? = nil, components: [PHDTerm] = [],
                valueMap: [PHDValueMapEntry]) {
        self.handle = handle
        self.objectClass = objectClass
        self.type = type
        self.unit = unit
        self.metricSpecSmall = metricSpecSmall
        self.metricStructSmall = metricStructSmall
        self.components = components
        self.valueMap = valueMap
    }

    /// How many numbers one observation holds: the components of a compound, else one.
    public var valueCount: Int { components.isEmpty ? 1 : components.count }

    /// The bytes of one fixed-format observation, by the value map.
    public var observationLength: Int { valueMap.reduce(0) { $0 + Int($1.length) } }

    /// The object as a configuration report lists it. `unit` replaces the standard unit (a
    /// fault); nil leaves MDC_ATTR_UNIT_CODE out. Attribute order follows antidote's
    /// `src/specializations/*.c` (type, spec, [struct, physio list], unit, value map).
    /// `type` replaces the standard type (a fault).
    public func configObject(unit: PHDTerm?, type: PHDTerm? = nil) -> ConfigObject {
        var attributes: [AttributeValue] = []
        attributes.append(AttributeValue(id: PHDCode.attrIDType, value: PHDBytes.u16(PHDTerm.partitionSCADA) + PHDBytes.u16((type ?? self.type).code)))
        attributes.append(AttributeValue(id: PHDCode.attrMetricSpecSmall, value: PHDBytes.u16(metricSpecSmall)))
        if let metricStructSmall {
            attributes.append(AttributeValue(id: PHDCode.attrMetricStructSmall, value: PHDBytes.u16(metricStructSmall)))
        }
        if !components.isEmpty {
            // MetricIdList: count, length, then the OID-Types.
            let codes = components.flatMap { PHDBytes.u16($0.code) }
            attributes.append(AttributeValue(id: PHDCode.attrIDPhysioList,
                                             value: PHDBytes.u16(UInt16(components.count)) + PHDBytes.u16(UInt16(codes.count)) + codes))
        }
        if let unit {
            attributes.append(AttributeValue(id: PHDCode.attrUnitCode, value: PHDBytes.u16(unit.code)))
        }
        let entries = valueMap.flatMap { PHDBytes.u16($0.attribute) + PHDBytes.u16($0.length) }
        attributes.append(AttributeValue(id: PHDCode.attrAttributeValMap,
                                         value: PHDBytes.u16(UInt16(valueMap.count)) + PHDBytes.u16(UInt16(entries.count)) + entries))
        return ConfigObject(objectClass: objectClass, handle: handle, attributes: attributes)
    }

    /// The observation bytes for `values` (one per component) and `time`, in value-map order:
    /// SFLOAT for MDC_ATTR_NU_VAL_OBS_BASIC, FLOAT for MDC_ATTR_NU_VAL_OBS_SIMP, a counted
    /// SFLOAT list for MDC_ATTR_NU_CMPD_VAL_OBS_BASIC, 8 BCD bytes for the absolute times.
    func observation(values: [PHDRawNumber], time: AbsoluteTime) -> [UInt8] {
        var bytes: [UInt8] = []
        for entry in valueMap {
            switch entry.attribute {
            case PHDCode.attrNuValObsBasic:
                bytes += PHDBytes.u16(values.first?.sfloatBits ?? PHDSFloat.nan.bits)
            case PHDCode.attrNuValObsSimp:
                bytes += PHDBytes.u32(values.first?.floatBits ?? PHDFloat.nan.bits)
            case PHDCode.attrNuCmpdValObsBasic:
                let parts = values.flatMap { PHDBytes.u16($0.sfloatBits) }
                bytes += PHDBytes.u16(UInt16(values.count)) + PHDBytes.u16(UInt16(parts.count)) + parts
            case PHDCode.attrTimeStampAbs, PHDCode.attrTimeAbs:
                bytes += time.bytes
            default:
                // No standard configuration maps another attribute; zeros keep the length right.
                bytes += [UInt8](repeating: 0, count: Int(entry.length))
            }
        }
        return bytes
    }

    /// Reads one fixed-format observation by the value map: its numbers and its time stamp.
    /// Nil when the bytes do not have the mapped length or a compound count disagrees.
    public func decodeObservation(_ bytes: [UInt8]) -> PHDObservation? {
        guard bytes.count == observationLength else { return nil }
        var numbers: [PHDNumber] = []
        var time: AbsoluteTime?
        var position = 0
        for entry in valueMap {
            let part = Array(bytes[position..<position + Int(entry.length)])
            position += Int(entry.length)
            switch entry.attribute {
            case PHDCode.attrNuValObsBasic:
                guard part.count == 2 else { return nil }
                numbers.append(PHDSFloat(bits: PHDBytes.readU16(part, 0)).value)
            case PHDCode.attrNuValObsSimp:
                guard part.count == 4 else { return nil }
                numbers.append(PHDFloat(bits: PHDBytes.readU32(part, 0)).value)
            case PHDCode.attrNuCmpdValObsBasic:
                guard part.count >= 4 else { return nil }
                let count = Int(PHDBytes.readU16(part, 0)), length = Int(PHDBytes.readU16(part, 2))
                guard length == count * 2, part.count == 4 + length else { return nil }
                for index in 0..<count { numbers.append(PHDSFloat(bits: PHDBytes.readU16(part, 4 + 2 * index)).value) }
            case PHDCode.attrTimeStampAbs, PHDCode.attrTimeAbs:
                time = AbsoluteTime(bytes: part)
            default:
                continue
            }
        }
        return PHDObservation(numbers: numbers, time: time)
    }
}
