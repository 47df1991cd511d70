/// Attribute values as text, read by attribute ID: numbers through ``PHDFloat`` and
/// ``PHDSFloat``, times through ``AbsoluteTime``, types as partition:code. A value of an
/// attribute not read here, or one whose bytes do not fit its type, is shown as hex.
enum AttributeValueText {
    /// `MDC_ATTR_NU_VAL_OBS_SIMP 62.4`.
    static func line(_ attribute: AttributeValue) -> String {
        "\(name(attribute.id)) \(value(id: attribute.id, bytes: attribute.value))"
    }

    static func name(_ id: UInt16) -> String { PHDNames.attribute(id) ?? "attribute \(id)" }

    /// The value alone.
    static func value(id: UInt16, bytes: [UInt8]) -> String {
        decoded(id: id, bytes: bytes) ?? DescriptionText.blob(bytes)
    }

    private static func decoded(id: UInt16, bytes: [UInt8]) -> String? {
        switch id {
        case PHDCode.attrNuValObsSimp:
            guard bytes.count == 4 else { return nil }
            return floatText(bytes[...])
        case PHDCode.attrNuValObsBasic:
            guard bytes.count == 2 else { return nil }
            return sfloatText(bytes[...])
        case PHDCode.attrNuCmpdValObsSimp: return compound(bytes, width: 4, floatText)
        case PHDCode.attrNuCmpdValObsBasic: return compound(bytes, width: 2, sfloatText)
        case PHDCode.attrTimeStampAbs, PHDCode.attrTimeAbs:
            guard let time = AbsoluteTime(bytes: bytes) else { return nil }
            // Bytes that are not BCD read best as the bytes themselves, two digits each.
            let shown = time.parts == nil ? DescriptionText.bytes(bytes) : time.description
            return time.problem.map { "\(shown) (not a valid time: \($0))" } ?? shown
        case PHDCode.attrIDType:
            guard bytes.count == 4 else { return nil }
            return "\(u16(bytes, 0)):\(u16(bytes, 2))"
        case PHDCode.attrUnitCode:
            guard bytes.count == 2 else { return nil }
            return "\(u16(bytes, 0))"
        case PHDCode.attrDevConfigID:
            guard bytes.count == 2 else { return nil }
            let id = u16(bytes, 0)
            return "\(DescriptionText.hex(id)) (\(PHDNames.configIDRange(id)))"
        case PHDCode.attrSysID:
            var reader = MDERReader(bytes)
            guard let id = try? reader.octetString("system-id"), reader.isAtEnd else { return nil }
            return DescriptionText.identifier(id)
        case PHDCode.attrAttributeValMap:
            guard let map = AttributeLayout.valueMap(bytes) else { return nil }
            if map.isEmpty { return "empty" }
            return map.map { "\(name($0.attribute)) \(DescriptionText.count(Int($0.length), "byte"))" }.joined(separator: ", ")
        case PHDCode.attrMetricSpecSmall:
            guard bytes.count == 2 else { return nil }
            return DescriptionText.hex(u16(bytes, 0))
        case PHDCode.attrIDPhysioList:
            var reader = MDERReader(bytes)
            guard let codes = try? reader.sequence("the physio list", { (inner: inout MDERReader) throws(MDERDecodingError) in try inner.u16("OID") }),
                  reader.isAtEnd else { return nil }
            return codes.map { "\($0)" }.joined(separator: ", ")
        default:
            return nil
        }
    }

    /// A compound value: a count, a length, then that many numbers of `width` bytes.
    private static func compound(_ bytes: [UInt8], width: Int, _ number: (ArraySlice<UInt8>) -> String) -> String? {
        guard bytes.count >= 4 else { return nil }
        let count = Int(u16(bytes, 0)), length = Int(u16(bytes, 2))
        guard length == count * width, bytes.count == 4 + length else { return nil }
        return stride(from: 4, to: bytes.count, by: width).map { number(bytes[$0..<$0 + width]) }.joined(separator: ", ")
    }

    static func floatText(_ bytes: ArraySlice<UInt8>) -> String {
        let start = bytes.startIndex
        let bits = UInt32(bytes[start]) << 24 | UInt32(bytes[start + 1]) << 16 | UInt32(bytes[start + 2]) << 8 | UInt32(bytes[start + 3])
        return PHDFloat(bits: bits).value.description
    }

    static func sfloatText(_ bytes: ArraySlice<UInt8>) -> String {
        let start = bytes.startIndex
        return PHDSFloat(bits: UInt16(bytes[start]) << 8 | UInt16(bytes[start + 1])).value.description
    }

    private static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1])
    }

    /// The observation bytes cut by `map` into attributes, and what does not fit the map.
    static func fixedObservation(_ value: [UInt8], map: [ObjectModel.ValueMapEntry]) -> String {
        var parts: [String] = []
        var offset = 0
        for entry in map {
            let length = Int(entry.length)
            guard offset + length <= value.count else {
                parts.append("\(name(entry.attribute)) missing: the value map wants \(DescriptionText.count(length, "byte")), \(value.count - offset) remain")
                offset = value.count
                break
            }
            parts.append("\(name(entry.attribute)) \(self.value(id: entry.attribute, bytes: Array(value[offset..<offset + length])))")
            offset += length
        }
        if offset < value.count {
            parts.append("\(DescriptionText.count(value.count - offset, "byte")) beyond the value map: \(DescriptionText.bytes(value[offset...].prefix(DescriptionText.shownBytes)))")
        }
        return parts.isEmpty ? "nothing (empty value map)" : parts.joined(separator: ", ")
    }
}
