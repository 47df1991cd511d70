import MedConformCore

/// A table of ISO/IEEE 11073-10101 codes (`tables.mdc-codes` in `Specs/terminology/mdc.yaml`),
/// indexed both ways: by reference ID and by 32-bit code.
struct MDCCodeTable: Sendable {
    struct Row: Sendable {
        var refid: String
        /// The 32-bit context-free code: partition * 65536 + term.
        var code: UInt32
        var kind: String?
    }

    let name: String
    let rows: [Row]
    private let byRefID: ByteIndex
    private let byCode: [UInt32: Int]

    /// The row of a reference ID as it appears in a message.
    func row<C: Collection>(refid: C) -> Row? where C.Element == UInt8 {
        byRefID.row(for: refid).map { rows[$0] }
    }

    /// The position in ``rows`` of the reference ID at `range` in `bytes`: the pass paths'
    /// lookup, which copies no row (a row holds strings).
    func rowNumber(refidIn bytes: [UInt8], _ range: Range<Int>) -> Int? {
        byRefID.row(in: bytes, range)
    }

    /// The code of the row at `number`, a position ``rowNumber(refidIn:_:)`` gave.
    func code(ofRow number: Int) -> UInt32 { rows[number].code }

    /// The row whose code is `code`.
    func row(code: UInt32) -> Row? {
        byCode[code].map { rows[$0] }
    }

    static let rowKeys = ["refid", "partition", "term", "code", "kind", "sources"]

    /// Reads the rows; every bad row is reported and skipped, and nil is returned when any was bad.
    static func read(_ entry: ConfigEntry, collector: DiagnosticCollector) -> MDCCodeTable? {
        guard let items = entry.value.items else {
            collector.report(.tableNotList(entry.key), at: entry.value.location)
            return nil
        }
        var rows: [Row] = []
        var byRefID = ByteIndex()
        var byCode: [UInt32: Int] = [:]
        var valid = true
        for item in items {
            guard let row = ConfigMapping(item, context: "a row of table '\(entry.key)'", keys: rowKeys, collector: collector)
            else {
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
            guard MDCReference.isWellFormed(refid) else {
                collector.report(.badRefID(refid), at: row.value("refid")?.location)
                valid = false
                continue
            }
            guard code == partition * 65536 + term else {
                collector.report(.tableRowCode(refid: refid, partition: partition, term: term, code: code),
                                 at: row.value("code")?.location)
                valid = false
                continue
            }
            guard byRefID.insert(Array(refid.utf8), row: rows.count) else {
                collector.report(.duplicateTableRow(refid: refid, table: entry.key), at: row.value("refid")?.location)
                valid = false
                continue
            }
            // Two REFIDs may share a code only by mistake; the first one names the code.
            if byCode[UInt32(code)] == nil { byCode[UInt32(code)] = rows.count }
            rows.append(Row(refid: refid, code: UInt32(code), kind: kind))
        }
        guard valid else { return nil }
        return MDCCodeTable(name: entry.key, rows: rows, byRefID: byRefID, byCode: byCode)
    }
}
