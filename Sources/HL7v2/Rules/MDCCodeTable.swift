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

    /// Reads the rows through Core's shared ``MDCNomenclature``, which reports every bad row,
    /// and indexes them for the byte-level lookups of the message checks.
    static func read(_ entry: ConfigEntry, collector: DiagnosticCollector) -> MDCCodeTable? {
        guard let nomenclature = MDCNomenclature.read(entry, collector: collector) else { return nil }
        var rows: [Row] = []
        var byRefID = ByteIndex()
        var byCode: [UInt32: Int] = [:]
        for term in nomenclature.terms {
            _ = byRefID.insert(Array(term.refid.utf8), row: rows.count)
            if byCode[term.code] == nil { byCode[term.code] = rows.count }
            rows.append(Row(refid: term.refid, code: term.code, kind: term.kind))
        }
        return MDCCodeTable(name: entry.key, rows: rows, byRefID: byRefID, byCode: byCode)
    }
}
