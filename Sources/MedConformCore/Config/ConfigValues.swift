import Foundation

/// A network endpoint given in a profile as `host:port` or `[v6-address]:port`.
public struct NetworkAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Parses `host:port`, `[::1]:port`, or `:port` (all interfaces). Port 0 asks the system for a free port.
    public static func parse(_ text: String) -> NetworkAddress? {
        var host: Substring
        var portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            if host.contains(":") { return nil }
        }
        if host.isEmpty { host = "0.0.0.0" }
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == ":" || $0 == "_" }),
              !portText.isEmpty, portText.allSatisfy(\.isASCII), portText.count <= 5,
              let port = Int(portText), (0...65535).contains(port)
        else { return nil }
        return NetworkAddress(host: String(host), port: port)
    }
}

/// Parsing of the value forms profiles and specs share: durations, sizes, integers, addresses.
/// Each reports a precise message at the value's position when the text is malformed.
public enum ConfigValues {
    public static func integer(_ node: ConfigNode, name: String, in range: ClosedRange<Int>, collector: DiagnosticCollector) -> Int? {
        guard let text = node.scalar, let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            collector.error("\(name) must be a whole number, found '\(node.scalar ?? node.typeName)'", at: node.location)
            return nil
        }
        guard range.contains(value) else {
            collector.error("\(name) must be between \(range.lowerBound) and \(range.upperBound), found \(value)", at: node.location)
            return nil
        }
        return value
    }

    public static func parseUnsigned64(_ text: String) -> UInt64? {
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        if cleaned.hasPrefix("0x") || cleaned.hasPrefix("0X") {
            return UInt64(cleaned.dropFirst(2), radix: 16)
        }
        return UInt64(cleaned)
    }

    private static let durationUnits: [(suffix: String, nanoseconds: Int64)] = [
        ("ms", 1_000_000), ("us", 1_000), ("ns", 1), ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ]

    /// Parses `250ms`, `2s`, `1.5s`, `3m`, `1h` (also `us`, `ns`) into a duration.
    public static func parseDuration(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for unit in durationUnits where trimmed.hasSuffix(unit.suffix) {
            let number = trimmed.dropLast(unit.suffix.count)
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                  number.filter({ $0 == "." }).count <= 1
            else { continue }
            let parts = number.split(separator: ".", omittingEmptySubsequences: false)
            guard let whole = Int64(parts[0].isEmpty ? "0" : parts[0]) else { return nil }
            var nanos = whole.multipliedReportingOverflow(by: unit.nanoseconds)
            guard !nanos.overflow else { return nil }
            if parts.count == 2, !parts[1].isEmpty {
                // Fractions are exact decimal arithmetic, never floating point.
                let digits = parts[1].prefix(9)
                guard let fraction = Int64(digits) else { return nil }
                var scale: Int64 = 1
                for _ in 0..<digits.count { scale *= 10 }
                let extra = fraction.multipliedReportingOverflow(by: unit.nanoseconds)
                guard !extra.overflow else { return nil }
                let sum = nanos.partialValue.addingReportingOverflow(extra.partialValue / scale)
                guard !sum.overflow else { return nil }
                nanos = (sum.partialValue, false)
            }
            return .nanoseconds(nanos.partialValue)
        }
        return nil
    }

    public static func duration(_ node: ConfigNode, name: String, collector: DiagnosticCollector) -> Duration? {
        guard let text = node.scalar, let value = parseDuration(text) else {
            collector.error("\(name) is not a duration: found '\(node.scalar ?? node.typeName)'; write a number followed by ms, s, m or h, such as '500ms' or '2s'", at: node.location)
            return nil
        }
        guard value > .zero else {
            collector.error("\(name) must be longer than zero", at: node.location)
            return nil
        }
        return value
    }

    private static let sizeUnits: [(suffix: String, factor: Int)] = [
        ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("B", 1),
    ]

    /// Parses `65536`, `64KiB`, `1MiB`, `10MB`.
    public static func parseByteSize(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
        guard trimmed.first?.isNumber == true else { return nil }
        if let plain = Int(trimmed) { return plain }
        for unit in sizeUnits where trimmed.hasSuffix(unit.suffix) {
            guard let number = Int(trimmed.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)) else { return nil }
            let product = number.multipliedReportingOverflow(by: unit.factor)
            return product.overflow ? nil : product.partialValue
        }
        return nil
    }

    public static func byteSize(_ node: ConfigNode, name: String, in range: ClosedRange<Int>, collector: DiagnosticCollector) -> Int? {
        guard let text = node.scalar, let value = parseByteSize(text) else {
            collector.error("\(name) is not a size: found '\(node.scalar ?? node.typeName)'; write bytes or a number with KiB or MiB, such as '64KiB'", at: node.location)
            return nil
        }
        guard range.contains(value) else {
            collector.error("\(name) must be between \(range.lowerBound) and \(range.upperBound) bytes, found \(value)", at: node.location)
            return nil
        }
        return value
    }

    public static func address(_ node: ConfigNode, name: String, collector: DiagnosticCollector) -> NetworkAddress? {
        guard let text = node.scalar, let value = NetworkAddress.parse(text) else {
            collector.error("\(name) is not an address: found '\(node.scalar ?? node.typeName)'; write host:port, such as '127.0.0.1:2575' or '[::1]:2575'", at: node.location)
            return nil
        }
        return value
    }
}
