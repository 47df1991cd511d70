/// One value an agent reported, read from a scan report with the object's model.
public struct ObservedValue: Sendable, Hashable {
    public var handle: UInt16
    /// The term of the value: the object's type, or a component's for a compound value.
    public var term: UInt16?
    public var unit: UInt16?
    public var number: PHDNumber
}

/// The values and time stamps of one observation, or why its bytes cannot be read.
public struct ReadObservation: Sendable, Hashable {
    public var handle: UInt16
    public var values: [ObservedValue] = []
    public var times: [AbsoluteTime] = []
    /// Set when the observation's bytes do not have the layout its model announces.
    public var problem: String?

    /// Every observation of a scan report, read with the configuration's objects; empty for
    /// an event that is no scan report.
    public static func all(in report: EventReportArgument, models: [ObjectModel]) -> [ReadObservation] {
        func model(_ handle: UInt16) -> ObjectModel? { models.first { $0.handle == handle } }
        return switch report.info {
        case .scanFixed(let scan): scan.observations.map { .fixed($0, model: model($0.handle)) }
        case .scanVar(let scan): scan.observations.map { .variable($0, model: model($0.handle)) }
        case .scanMPFixed(let scan): scan.persons.flatMap(\.observations).map { .fixed($0, model: model($0.handle)) }
        case .scanMPVar(let scan): scan.persons.flatMap(\.observations).map { .variable($0, model: model($0.handle)) }
        case .config, .opaque: []
        }
    }

    /// Reads a fixed-format observation (obs-val-data) through the object's value map.
    public static func fixed(_ observation: FixedObservation, model: ObjectModel?) -> ReadObservation {
        var read = ReadObservation(handle: observation.handle)
        guard let model else {
            read.problem = "handle \(observation.handle) is not an object of the configuration"
            return read
        }
        guard let map = model.valueMap else {
            read.problem = "object \(observation.handle) has no attribute value map to read a fixed-format report with"
            return read
        }
        let expected = map.reduce(0) { $0 + Int($1.length) }
        guard expected == observation.value.count else {
            read.problem = "obs-val-data of handle \(observation.handle) has \(observation.value.count) bytes but its attribute value map lays out \(expected)"
            return read
        }
        var offset = 0
        for entry in map {
            let bytes = Array(observation.value[offset..<offset + Int(entry.length)])
            offset += Int(entry.length)
            read.take(AttributeValue(id: entry.attribute, value: bytes), model: model)
        }
        return read
    }

    /// Reads a variable-format observation (an attribute list).
    public static func variable(_ observation: VarObservation, model: ObjectModel?) -> ReadObservation {
        var read = ReadObservation(handle: observation.handle)
        guard let model else {
            read.problem = "handle \(observation.handle) is not an object of the configuration"
            return read
        }
        for attribute in observation.attributes { read.take(attribute, model: model) }
        return read
    }

    private mutating func take(_ attribute: AttributeValue, model: ObjectModel) {
        let bytes = attribute.value
        let name = PHDCode.attributeName(attribute.id)
        func add(_ number: PHDNumber, term: UInt16?) {
            values.append(ObservedValue(handle: handle, term: term, unit: model.unit, number: number))
        }
        switch attribute.id {
        case PHDCode.attrNuValObsBasic:
            guard bytes.count == 2 else { return note("\(name) of handle \(handle) has \(bytes.count) bytes, not 2") }
            add(PHDSFloat(bits: UInt16(bytes[0]) << 8 | UInt16(bytes[1])).value, term: model.type?.term)
        case PHDCode.attrNuValObsSimp:
            guard bytes.count == 4 else { return note("\(name) of handle \(handle) has \(bytes.count) bytes, not 4") }
            add(PHDFloat(bits: Self.u32(bytes, 0)).value, term: model.type?.term)
        case PHDCode.attrNuCmpdValObsBasic, PHDCode.attrNuCmpdValObsSimp:
            let width = attribute.id == PHDCode.attrNuCmpdValObsBasic ? 2 : 4
            guard bytes.count >= 4 else { return note("\(name) of handle \(handle) has \(bytes.count) bytes, too few for a count and a length") }
            let count = Int(bytes[0]) << 8 | Int(bytes[1])
            let length = Int(bytes[2]) << 8 | Int(bytes[3])
            guard length == count * width, bytes.count == 4 + length else {
                return note("\(name) of handle \(handle) says \(count) values in \(length) bytes but holds \(bytes.count - 4)")
            }
            for index in 0..<count {
                let at = 4 + index * width
                let number = width == 2 ? PHDSFloat(bits: UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1])).value : PHDFloat(bits: Self.u32(bytes, at)).value
                add(number, term: index < model.components.count ? model.components[index] : nil)
            }
        case PHDCode.attrTimeStampAbs, PHDCode.attrTimeAbs:
            guard let time = AbsoluteTime(bytes: bytes) else { return note("\(name) of handle \(handle) has \(bytes.count) bytes, not 8") }
            times.append(time)
        default:
            break
        }
    }

    private mutating func note(_ text: String) {
        if problem == nil { problem = text }
    }

    private static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
    }
}
