/// The value maps of a configuration by object handle, for reading fixed-format scan
/// reports. Learnt from configuration reports, or built for a standard configuration.
///
/// ```swift
/// var maps = PHDValueMaps()
/// maps.learn(from: configReportAPDU)
/// print(APDUDescription(scanReportAPDU, valueMaps: maps).text)
/// ```
public struct PHDValueMaps: Sendable, Hashable {
    // Looked up by handle only; never iterated, so its order reaches no output.
    private var maps: [UInt16: [ObjectModel.ValueMapEntry]] = [:]

    public init() {}

    /// The maps of every object of `config` that has one.
    public init(_ config: ConfigReport) { learn(config) }

    /// The map of the object with `handle`.
    public subscript(handle handle: UInt16) -> [ObjectModel.ValueMapEntry]? {
        get { maps[handle] }
        set { maps[handle] = newValue }
    }

    /// True when no object has a map.
    public var isEmpty: Bool { maps.isEmpty }

    /// Takes the maps of a configuration report the APDU carries; an object's later map
    /// replaces its earlier one, as a new configuration replaces the old.
    public mutating func learn(from apdu: APDU) {
        guard case .presentation(let data) = apdu, case .eventReport(let report, _) = data.message,
              case .config(let config) = report.info else { return }
        learn(config)
    }

    /// Takes the maps of every object of `config`.
    public mutating func learn(_ config: ConfigReport) {
        for object in config.objects {
            if let value = object.attributes.value(of: PHDCode.attrAttributeValMap), let map = AttributeLayout.valueMap(value) {
                maps[object.handle] = map
            }
        }
    }
}
