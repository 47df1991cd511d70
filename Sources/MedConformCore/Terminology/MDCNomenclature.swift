/// ISO/IEEE 11073-10101 terms read from a spec table (`tables.mdc-codes` in
/// `Specs/terminology/mdc.yaml`), shared by every plugin that meets MDC codes: HL7 v2 writes
/// them as reference IDs and 32-bit codes, IEEE 11073-20601 as 16-bit terms in a partition.
/// Keeping the table here lets both read the same rows without importing each other.
public struct MDCNomenclature: Sendable {
    /// One term: its reference ID, partition and 16-bit term code.
    public struct Term: Sendable, Hashable {
        public var refid: String
        public var partition: UInt16
        public var term: UInt16
        /// observation, unit, device, … as the table says.
        public var kind: String?

        /// The 32-bit context-free code: partition × 65536 + term.
        public var code: UInt32 { UInt32(partition) << 16 | UInt32(term) }
    }

    public let name: String
    public let terms: [Term]
    private let byRefID: [String: Int]
    private let byCode: [UInt32: Int]

    /// The term with reference ID `refid`.
    public func term(refid: String) -> Term? { byRefID[refid].map { terms[$0] } }

    /// The term with the 32-bit code `code`; the first row names a code two rows share.
    public func term(code: UInt32) -> Term? { byCode[code].map { terms[$0] } }

    /// The term with 16-bit `term` in `partition`.
    public func term(partition: UInt16, term: UInt16) -> Term? { self.term(code: UInt32(partition) << 16 | UInt32(term)) }

    /// The reference ID of a code, or the code as `partition:term` when the table lacks it.
    public func name(partition: UInt16, term: UInt16) -> String {
        self.term(partition: partition, term: term)?.refid ?? "\(partition):\(term)"
    }

    static let rowKeys = ["refid", "partition", "term", "code", "kind", "sources"]

    /// Reads a table's rows; every bad row is reported and nil returned when any was bad.
    public static func read(_ entry: ConfigEntry, collector: DiagnosticCollector) -> MDCNomenclature? {
        guard let items = entry.value.items else {
            collector.error(NomenclatureProblem.tableNotList(entry.key).message, at: entry.value.location)
            return nil
        }
        var terms: [Term] = []
        var byRefID: [String: Int] = [:]
        var byCode: [UInt32: Int] = [:]
        var valid = true
        for item in items {
            guard let row = ConfigMapping(item, context: "a row of table '\(entry.key)'", keys: rowKeys, collector: collector) else {
                valid = false
                continue
            }
            let refid = row.string("refid", required: true)
            let partition = row.integer("partition", in: 0...0xFFFF, required: true)
            let term = row.integer("term", in: 0...0xFFFF, required: true)
            let code = row.integer("code", in: 0...Int(UInt32.max), required: true)
            let kind = row.string("kind")
            _ = row.stringList("sources")
            guard let refid, let partition, let term, let code else {
                valid = false
                continue
            }
            var problem: NomenclatureProblem?
            if !NomenclatureProblem.isWellFormedRefID(refid) {
                problem = .badRefID(refid)
            } else if code != partition * 65536 + term {
                problem = .rowCode(refid: refid, partition: partition, term: term, code: code)
            } else if byRefID[refid] != nil {
                problem = .duplicateRow(refid: refid, table: entry.key)
            }
            if let problem {
                collector.error(problem.message, at: row.value(problem.key)?.location)
                valid = false
                continue
            }
            byRefID[refid] = terms.count
            // Two reference IDs may share a code only by mistake; the first one names the code.
            if byCode[UInt32(code)] == nil { byCode[UInt32(code)] = terms.count }
            terms.append(Term(refid: refid, partition: UInt16(partition), term: UInt16(term), kind: kind))
        }
        guard valid else { return nil }
        return MDCNomenclature(name: entry.key, terms: terms, byRefID: byRefID, byCode: byCode)
    }
}

/// What can be wrong with a nomenclature table, worded in one place for every plugin.
public enum NomenclatureProblem: Sendable, Equatable {
    case tableNotList(String)
    case rowCode(refid: String, partition: Int, term: Int, code: Int)
    case duplicateRow(refid: String, table: String)
    case badRefID(String)

    public var message: String {
        switch self {
        case let .tableNotList(name):
            "table '\(name)' must be a list of rows"
        case let .rowCode(refid, partition, term, code):
            "code \(code) of '\(refid)' is not partition * 65536 + term = \(partition) * 65536 + \(term) = \(partition * 65536 + term)"
        case let .duplicateRow(refid, table):
            "'\(refid)' appears twice in table '\(table)'"
        case let .badRefID(text):
            "'\(text)' is not an MDC reference ID; write upper-case letters, digits and '_' starting with 'MDC_'"
        }
    }

    /// The row key the problem is reported at.
    var key: String {
        switch self {
        case .rowCode: "code"
        default: "refid"
        }
    }

    /// `MDC_` followed by at least one upper-case letter, digit or underscore.
    public static func isWellFormedRefID(_ text: String) -> Bool { isWellFormedRefID(text.utf8) }

    /// The same test on bytes, for callers that hold a message rather than a string.
    public static func isWellFormedRefID<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        let prefix: [UInt8] = [0x4D, 0x44, 0x43, 0x5F]  // "MDC_"
        var count = 0
        for byte in bytes {
            if count < 4 {
                guard byte == prefix[count] else { return false }
            } else {
                guard (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x5F else { return false }
            }
            count += 1
        }
        return count > 4
    }
}
