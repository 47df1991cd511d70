/// The layout of a fixed-format observation (MDC_ATTR_ATTRIBUTE_VAL_MAP): which attributes
/// its bytes hold, in order, and how many bytes each takes.
public struct PHDValueMap: Sendable, Hashable {
    /// One attribute of the layout.
    public struct Entry: Sendable, Hashable {
        /// The attribute whose value comes next (MDC_ATTR_…).
        public var attributeID: UInt16
        /// How many bytes that value takes.
        public var length: Int

        public init(attributeID: UInt16, length: Int) {
            self.attributeID = attributeID
            self.length = length
        }
    }

    /// The attributes in the order their values follow each other.
    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// Decodes the value of an MDC_ATTR_ATTRIBUTE_VAL_MAP attribute; nil when it is not one.
    public init?(attributeValue bytes: [UInt8]) {
        guard let entries = AttributeLayout.valueMap(bytes) else { return nil }
        self.entries = entries.map { Entry(attributeID: $0.attribute, length: Int($0.length)) }
    }

    /// The bytes one observation takes.
    public var size: Int { entries.reduce(0) { $0 + $1.length } }
}

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
    private var maps: [UInt16: PHDValueMap] = [:]

    public init() {}

    /// The maps of every object of `config` that has one.
    public init(_ config: ConfigReport) { learn(config) }

    /// The map of the object with `handle`.
    public subscript(handle handle: UInt16) -> PHDValueMap? {
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
            if let value = object.attributes.value(of: PHDCode.attrAttributeValMap), let map = PHDValueMap(attributeValue: value) {
                maps[object.handle] = map
            }
        }
    }
}
