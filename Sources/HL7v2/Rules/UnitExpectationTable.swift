import MedConformCore

/// Which units fit which observed quantity (`tables.unit-expectations`): MDC unit REFIDs and
/// UCUM codes per observation REFID.
struct UnitExpectationTable: Sendable {
    struct Row: Sendable {
        var refid: String
        var mdc: [String]
        var ucum: [String]
    }

    let name: String
    let rows: [Row]
    private let index: ByteIndex
    /// The units of each row as UTF-8, for comparing with message bytes.
    private let unitBytes: [(mdc: [[UInt8]], ucum: [[UInt8]])]

    init(name: String, rows: [Row], index: ByteIndex) {
        self.name = name
        self.rows = rows
        self.index = index
        unitBytes = rows.map { row in (row.mdc.map { Array($0.utf8) }, row.ucum.map { Array($0.utf8) }) }
    }

    func row<C: Collection>(refid: C) -> Row? where C.Element == UInt8 {
        index.row(for: refid).map { rows[$0] }
    }

    /// The position in ``rows`` of the observation REFID at `range` in `bytes`.
    func rowNumber(refidIn bytes: [UInt8], _ range: Range<Int>) -> Int? {
        index.row(in: bytes, range)
    }

    /// Whether the unit at `refid` (an MDC REFID) or `code` (a UCUM code), given as ranges in
    /// `bytes`, is one that row `number` allows; the UTF-8 of each unit is made once, in
    /// ``read(_:collector:)``, not at every comparison.
    func allows(row number: Int, mdc refid: Range<Int>?, ucum code: Range<Int>?, in bytes: [UInt8]) -> Bool {
        let units = unitBytes[number]
        if let refid, units.mdc.contains(where: { bytes.equals(refid, $0) }) { return true }
        if let code, units.ucum.contains(where: { bytes.equals(code, $0) }) { return true }
        return false
    }

    static let rowKeys = ["refid", "mdc", "ucum"]

    static func read(_ entry: ConfigEntry, collector: DiagnosticCollector) -> UnitExpectationTable? {
        guard let items = entry.value.items else {
            collector.error(NomenclatureProblem.tableNotList(entry.key).message, at: entry.value.location)
            return nil
        }
        var rows: [Row] = []
        var index = ByteIndex()
        var valid = true
        for item in items {
            guard let row = ConfigMapping(item, context: "a row of table '\(entry.key)'", keys: rowKeys, collector: collector)
            else {
                valid = false
                continue
            }
            let refid = row.string("refid", required: true)
            let mdc = row.stringList("mdc") ?? []
            let ucum = row.stringList("ucum") ?? []
            guard let refid else {
                valid = false
                continue
            }
            var rowValid = true
            for text in [refid] + mdc.map(\.0) where !MDCReference.isWellFormed(text) {
                let location = text == refid ? row.value("refid")?.location : mdc.first { $0.0 == text }?.1
                collector.error(NomenclatureProblem.badRefID(text).message, at: location)
                rowValid = false
            }
            guard rowValid else {
                valid = false
                continue
            }
            guard index.insert(Array(refid.utf8), row: rows.count) else {
                collector.error(NomenclatureProblem.duplicateRow(refid: refid, table: entry.key).message, at: row.value("refid")?.location)
                valid = false
                continue
            }
            rows.append(Row(refid: refid, mdc: mdc.map(\.0), ucum: ucum.map(\.0)))
        }
        guard valid else { return nil }
        return UnitExpectationTable(name: entry.key, rows: rows, index: index)
    }
}
