import MedConformCore

/// The standard configurations of the specializations (`tables.standard-configurations` in
/// `Specs/phd/standard-configurations.yaml`): what a manager must already know to accept a
/// standard configuration without a report, and to read its fixed-format observations.
enum StandardConfigurationTable {
    static let rowKeys = ["id", "specialization", "sources", "objects"]
    static let objectKeys = ["handle", "class", "type", "unit", "metric-spec-small", "metric-struct-small", "components", "value-map"]

    /// Reads every row; problems are reported, and bad rows left out.
    static func read(_ entry: ConfigEntry, nomenclature: MDCNomenclature?, collector: DiagnosticCollector) -> [UInt16: [ObjectModel]] {
        guard let items = entry.value.items else {
            collector.error(NomenclatureProblem.tableNotList(entry.key).message, at: entry.value.location)
            return [:]
        }
        var table: [UInt16: [ObjectModel]] = [:]
        for item in items {
            guard let row = ConfigMapping(item, context: "a row of table '\(entry.key)'", keys: rowKeys, collector: collector),
                  let id = row.integer("id", in: 1...0x3FFF, required: true),
                  let objects = row.list("objects", required: true)
            else { continue }
            _ = row.integer("specialization")
            _ = row.stringList("sources")
            var models: [ObjectModel] = []
            for node in objects {
                if let model = object(node, nomenclature: nomenclature, collector: collector) { models.append(model) }
            }
            table[UInt16(id)] = models
        }
        return table
    }

    private static func object(_ node: ConfigNode, nomenclature: MDCNomenclature?, collector: DiagnosticCollector) -> ObjectModel? {
        guard let object = ConfigMapping(node, context: "an object of a standard configuration", keys: objectKeys, collector: collector),
              let handle = object.integer("handle", in: 0...0xFFFF, required: true),
              let objectClass = object.integer("class", in: 0...0xFFFF, required: true),
              let typeName = object.string("type", required: true),
              let unitName = object.string("unit", required: true),
              let entries = object.list("value-map", required: true)
        else { return nil }
        func term(_ name: String, _ key: String) -> MDCNomenclature.Term? {
            guard let term = nomenclature?.term(refid: name) else {
                collector.error("'\(name)' is not in the nomenclature table", at: object.value(key)?.location)
                return nil
            }
            return term
        }
        guard let type = term(typeName, "type"), let unit = term(unitName, "unit") else { return nil }
        var components: [UInt16] = []
        for (name, location) in object.stringList("components") ?? [] {
            guard let component = nomenclature?.term(refid: name) else {
                collector.error("'\(name)' is not in the nomenclature table", at: location)
                return nil
            }
            components.append(component.term)
        }
        var map: [ObjectModel.ValueMapEntry] = []
        for entry in entries {
            guard let pair = ConfigMapping(entry, context: "a value-map entry", keys: ["attribute", "length"], collector: collector),
                  let name = pair.string("attribute", required: true),
                  let length = pair.integer("length", in: 1...0xFFFF, required: true)
            else { return nil }
            guard let attribute = PHDCode.attribute(named: name) else {
                collector.error("'\(name)' is not an attribute the phd11073 plugin knows", at: pair.value("attribute")?.location)
                return nil
            }
            map.append(ObjectModel.ValueMapEntry(attribute: attribute, length: UInt16(length)))
        }
        return ObjectModel(handle: UInt16(handle), objectClass: UInt16(objectClass), type: ObjectModel.TypeCode(partition: type.partition, term: type.term),
                           unit: unit.term, valueMap: map, components: components)
    }
}
