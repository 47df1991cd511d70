import Foundation
import MedConformCore
@testable import HL7v2

/// Synthetic messages for the rule tests: an invented device and an invented person only.
enum RuleFixtures {
    /// A PCD-01 ORU^R01 that conforms to every rule of PCD-01, its base and the example
    /// national overlay.
    static let oru: [String] = [
        #"MSH|^~\&|SIMDEV^0011223344556677^EUI-64||||20240101120000+0000||ORU^R01^ORU_R01|MC0001|P|2.6|||NE|AL||UNICODE UTF-8|||IHE PCD ORU-R01 2006^HL7^1.3.6.1.4.1.19376.1.6.1.1.1^ISO"#,
        #"PID|||1234567890123456^^^EXAMPLE-NID^NI~PAT001^^^Testhospital^PI||Testpatient^Alpha^^^^^L"#,
        #"OBR|1|ORD1^SIMDEV^0011223344556677^EUI-64|FIL1^SIMDEV^0011223344556677^EUI-64|528391^MDC_DEV_SPEC_PROFILE_BP^MDC|||20240101115900+0000"#,
        #"OBX|1||528391^MDC_DEV_SPEC_PROFILE_BP^MDC|1|||||||R|||||||0011223344556677^EUI-64"#,
        #"OBX|2|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.0.1.1|120|266016^MDC_DIM_MMHG^MDC|||||R|||20240101115900+0000"#,
        #"OBX|3|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.0.1.2|80|mm[Hg]^mm[Hg]^UCUM|||||R|||20240101115900+0000"#,
    ]

    /// An ACK^R01 that conforms, acknowledging ``oru``.
    static let ack: [String] = [
        #"MSH|^~\&|RECEIVER||SIMDEV||20240101120001+0000||ACK^R01^ACK|AC0001|P|2.6|||NE|NE|||||IHE PCD ORU-R01 2006^HL7^1.3.6.1.4.1.19376.1.6.1.1.1^ISO"#,
        #"MSA|AA|MC0001"#,
    ]

    /// `segments` with the first segment that starts with `prefix` replaced (or removed when `with` is nil).
    static func replacing(_ prefix: String, with replacement: String?, in segments: [String] = oru) -> [String] {
        var copy = segments
        guard let index = copy.firstIndex(where: { $0.hasPrefix(prefix) }) else { return copy }
        if let replacement { copy[index] = replacement } else { copy.remove(at: index) }
        return copy
    }

    /// `segments` with `inserted` placed after the first segment that starts with `prefix`.
    static func inserting(_ inserted: String, after prefix: String, in segments: [String] = oru) -> [String] {
        var copy = segments
        let index = copy.firstIndex(where: { $0.hasPrefix(prefix) }).map { $0 + 1 } ?? copy.count
        copy.insert(inserted, at: index)
        return copy
    }

    /// The message bytes: segments ended by CR, with `«XX»` turned into the raw byte 0xXX so
    /// tests can write control characters and invalid UTF-8.
    static func bytes(_ segments: [String]) -> [UInt8] {
        var out: [UInt8] = []
        for segment in segments {
            var rest = Substring(segment)
            while let open = rest.range(of: "«") {
                out += Array(rest[..<open.lowerBound].utf8)
                let afterOpen = rest[open.upperBound...]
                guard let close = afterOpen.range(of: "»"), let byte = UInt8(afterOpen[..<close.lowerBound], radix: 16) else {
                    out += Array("«".utf8)
                    rest = afterOpen
                    continue
                }
                out.append(byte)
                rest = afterOpen[close.upperBound...]
            }
            out += Array(rest.utf8)
            out.append(0x0D)
        }
        return out
    }

    /// The rules of PCD-01 and the national overlay, compiled once for all tests.
    static let nationalRules: (specs: SpecSet, rules: HL7RuleSet)? = {
        guard let specs = try? TestSpecs.national() else { return nil }
        let collector = DiagnosticCollector()
        guard let rules = HL7RuleSet.compile(specs: specs, collector: collector) else { return nil }
        return (specs, rules)
    }()

    /// The rules of PCD-01 and its base only.
    static let pcd01Rules: (specs: SpecSet, rules: HL7RuleSet)? = {
        guard let specs = try? TestSpecs.pcd01() else { return nil }
        let collector = DiagnosticCollector()
        guard let rules = HL7RuleSet.compile(specs: specs, collector: collector) else { return nil }
        return (specs, rules)
    }()
}

extension MessageVerdicts {
    /// The aggregate outcome of one requirement's observations; nil when there were none.
    func outcome(of requirementID: String) -> Outcome? {
        let found = observations(of: requirementID)
        return found.isEmpty ? nil : Outcome.aggregate(found.map(\.outcome))
    }

    /// The reasons of one requirement's observations with `outcome`, joined for keyword checks.
    func reasons(of requirementID: String, _ outcome: Outcome) -> String {
        observations(of: requirementID).filter { $0.outcome == outcome }.map(\.reason).joined(separator: " | ")
    }

    /// "REQ: reason" for every failing observation, for test messages.
    var failureSummary: [String] {
        observations.filter { $0.observation.outcome == .fail }.map { "\($0.requirementID): \($0.observation.reason)" }
    }
}
