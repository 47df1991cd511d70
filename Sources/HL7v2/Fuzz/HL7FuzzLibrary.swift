import FuzzCore
import MedConformCore

/// HL7 v2 value libraries (fuzzing.md §4.2). Orders are fixed: the enumerated tier numbers
/// cases by them, and golden digests pin them.
public enum HL7FuzzLibrary {
    static func bytes(_ texts: [String]) -> [[UInt8]] { texts.map { Array($0.utf8) } }

    /// DTM boundary values: month 13, day 00/32, 29 February of a common year, second 60,
    /// extreme or malformed offsets, truncated and over-long precision, years 0000/9999.
    public static let timestamps: [[UInt8]] = bytes([
        "20241301120000", "20240100120000", "20240132120000", "20230229120000", "20240101235960",
        "20240101246000", "20240101120000+1400", "20240101120000-1200", "20240101120000+9999",
        "20240101120000+", "2024", "202401011", "00000101000000", "99991231235959",
        "20240101120000.12345678901", "2024-01-01T12:00:00Z", "0", "-20240101",
    ])

    /// Escape-sequence faults built with the message's escape character `e`: unterminated
    /// `\X`, odd hex length, non-hex digits, unknown `\Z..\`, a lone escape at the end, an
    /// escaped escape left open, a very long `\X` run, charset escapes, and a highlight pair.
    public static func escapes(escape e: UInt8) -> [[UInt8]] {
        let long = [UInt8](repeating: 0x34, count: 4000)
        return [
            [e, 0x58], [e, 0x58, 0x34, e], [e, 0x58, 0x5A, 0x5A, e], [e, 0x5A, 0x66, 0x6F, 0x6F, e], [e],
            [e, e], [e, 0x45], [e, 0x58] + long + [e], [e, 0x43, 0x32, 0x38, 0x34, 0x32, e],
            [e, 0x4D, 0x43, 0x33, 0x41, 0x39, e], [e, 0x48, e], [e, 0x2E, 0x62, 0x72],
            [e, 0x58, 0x30, 0x30, e], [e, 0x46],
        ]
    }

    /// Unknown or malformed segments inserted after a segment (wire bytes, fields split by `f`).
    public static func unknownSegments(field f: UInt8) -> [[UInt8]] {
        [Array("ZZZ".utf8) + [f] + Array("1".utf8) + [f] + Array("x".utf8), Array("ZXY".utf8),
         Array("Z".utf8) + [f], Array("OBXX".utf8) + [f] + Array("1".utf8), [f, f, f], []]
    }

    /// MSH-2 lies: short, long, empty, declaring the field separator or a duplicate, a CR.
    public static let encodingCharacterLies: [[UInt8]] = bytes([#"^~\"#, #"^~\&#!"#, #"^~\&#!@"#, "", #"|~\&"#, #"^^\&"#, #"#~\&"#, "^~\\&\r"])

    /// MSH-1 lies: another character, none, two, a component separator.
    public static let fieldSeparatorLies: [[UInt8]] = bytes(["#", "", "||", "^", "\r"])

    /// Consistent re-declarations of a message whose delimiters are `d` (roles as in
    /// ``HL7FuzzRole``): a wholly other set `#!@%*`, swaps of two delimiters in use
    /// (component/repetition, component/subcomponent, repetition/escape), a declared
    /// truncation character `#`, and another field separator alone. A correct receiver reads
    /// every value as before.
    public static func redeclarations(_ d: [[UInt8]]) -> [[DelimiterChange]] {
        func role(_ r: Int) -> [UInt8] { d.indices.contains(r) ? d[r] : [] }
        let (component, repetition, escape, subcomponent) =
            (role(HL7FuzzRole.component), role(HL7FuzzRole.repetition), role(HL7FuzzRole.escape), role(HL7FuzzRole.subcomponent))
        func change(_ role: Int, _ text: String) -> DelimiterChange { DelimiterChange(role: role, bytes: Array(text.utf8)) }
        return [
            [change(HL7FuzzRole.field, "#"), change(HL7FuzzRole.component, "!"), change(HL7FuzzRole.repetition, "@"),
             change(HL7FuzzRole.escape, "%"), change(HL7FuzzRole.subcomponent, "*")],
            [DelimiterChange(role: HL7FuzzRole.component, bytes: repetition), DelimiterChange(role: HL7FuzzRole.repetition, bytes: component)],
            [DelimiterChange(role: HL7FuzzRole.component, bytes: subcomponent), DelimiterChange(role: HL7FuzzRole.subcomponent, bytes: component)],
            [DelimiterChange(role: HL7FuzzRole.repetition, bytes: escape), DelimiterChange(role: HL7FuzzRole.escape, bytes: repetition)],
            [change(HL7FuzzRole.truncation, "#")],
            [change(HL7FuzzRole.field, "!")],
        ]
    }

    /// MSH-18 values: the declared character set of a message whose bytes stay as they are
    /// (true, false or unknown): UTF-8, Latin-1, ASCII, UTF-16 under two spellings, UTF-32,
    /// a JIS set, an unknown name, empty, and a repeated field (two sets).
    public static let characterSets: [[[UInt8]]] = [
        ["UNICODE UTF-8"], ["8859/1"], ["ASCII"], ["UTF-16"], ["UNICODE UTF-16"], ["UNICODE UTF-32"], ["ISO IR87"],
        ["MEDCONFORM-UNKNOWN-CHARSET"], [""], ["8859/1", "UNICODE UTF-8"],
    ].map { $0.map { Array($0.utf8) } }

    /// Text in UTF-16 inside a message of single-byte text: little- and big-endian, each
    /// without and with a byte-order mark, and a lone surrogate. The text holds no byte that
    /// is an HL7 delimiter in either order, so only the encoding is wrong.
    public static let utf16Texts: [[UInt8]] = {
        let units = Array("Gr\u{F6}\u{DF}e Z\u{FC}rich".utf16)
        func little(_ units: [UInt16]) -> [UInt8] { units.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] } }
        func big(_ units: [UInt16]) -> [UInt8] { units.flatMap { [UInt8(truncatingIfNeeded: $0 >> 8), UInt8(truncatingIfNeeded: $0)] } }
        return [little(units), [0xFF, 0xFE] + little(units), big(units), [0xFE, 0xFF] + big(units), little([0xD83D, 0x0041])]
    }()
}

extension HL7FuzzModel {
    /// The HL7 v2 operator table in its canonical order (changing it renumbers the enumerated
    /// tier and changes the case space's model digest).
    public static func operators(for model: FuzzModel) -> [AnomalyOperator] {
        let d = model.delimiters
        func role(_ r: Int) -> UInt8 { d.indices.contains(r) ? (d[r].first ?? 0) : 0 }
        let isData: NodeFilter = { $0.tag == HL7FuzzTag.subcomponent }
        let isSegment: NodeFilter = { $0.tag == HL7FuzzTag.segment }
        let isList: NodeFilter = {
            [HL7FuzzTag.segment, HL7FuzzTag.field, HL7FuzzTag.repetition, HL7FuzzTag.component, HL7FuzzTag.subcomponent]
                .contains($0.tag) || $0.path == "MSH.2"
        }
        let delimiterBytes: [[UInt8]] = [
            [role(HL7FuzzRole.field)], [role(HL7FuzzRole.component)], [role(HL7FuzzRole.repetition)],
            [role(HL7FuzzRole.escape)], [role(HL7FuzzRole.subcomponent)], [0x0D], [0x0A], [0x0B], [0x1C],
        ]
        let segmentIDs = AnomalyOperator(
            name: "hl7.segment.id", weight: 4, fingerprint: Array("hl7.segment.id/v1".utf8),
            librarySize: { $0.tag == HL7FuzzTag.segmentID ? 6 : 0 },
            value: { info, index in
                let id = info.value
                let lower = id.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
                let variants: [[UInt8]] = [lower, [], Array(id.prefix(2)), id + [0x58], Array("ZZZ".utf8), [0, 0, 0]]
                return .replace(variants[index], .wire)
            })
        let unknown = HL7FuzzLibrary.unknownSegments(field: role(HL7FuzzRole.field)).map {
            ModelNode.leaf("Z", $0, tag: HL7FuzzTag.segment)
        }
        return [
            .replaceLeaf("hl7.field.length", weight: 8, where: isData, values: ValueLibrary.lengths),
            .replaceLeaf("hl7.scalar.number", weight: 10, where: isData, values: ValueLibrary.integersAsText),
            .replaceLeaf("hl7.scalar.dtm", weight: 6, where: isData, values: HL7FuzzLibrary.timestamps),
            .insertBytes("hl7.escape", weight: 8, where: isData, values: HL7FuzzLibrary.escapes(escape: role(HL7FuzzRole.escape))),
            .insertBytes("hl7.encoding", weight: 8, where: isData, values: ValueLibrary.encodings),
            .insertBytes("hl7.delimiter.insert", weight: 8, where: isData, values: delimiterBytes),
            .replaceLeaf("hl7.injection", weight: 2, where: isData, values: ValueLibrary.injections),
            .truncateLeaf("hl7.truncate", weight: 3, where: isData),
            .glueToNext("hl7.delimiter.delete", weight: 6, where: isList),
            .insertSibling("hl7.delimiter.duplicate", weight: 6,
                where: { isList($0) && $0.tag != HL7FuzzTag.declaration },
                nodes: [.leaf("", [], tag: HL7FuzzTag.subcomponent)]),
            .duplicateNode("hl7.field.repetitions", weight: 4,
                where: { $0.tag == HL7FuzzTag.repetition && $0.siblingIndex == 0 }, copies: [1, 10, 1000]),
            .deleteNode("hl7.segment.drop", weight: 4, where: isSegment),
            .duplicateNode("hl7.segment.duplicate", weight: 4, where: isSegment, copies: [1, 100]),
            .swapWithNext("hl7.segment.reorder", weight: 4, where: isSegment),
            .insertSibling("hl7.segment.unknown", weight: 3, where: isSegment, nodes: unknown),
            segmentIDs,
            .relationLie("hl7.delimiter.declaration.msh2", weight: 4, in: model,
                where: { $0.path == "MSH.2" }, byteLies: HL7FuzzLibrary.encodingCharacterLies),
            .relationLie("hl7.delimiter.declaration.msh1", weight: 3, in: model,
                where: { $0.path == "MSH.1" }, byteLies: HL7FuzzLibrary.fieldSeparatorLies),
            .relationLie("mllp.start", weight: 2, in: model,
                where: { $0.path == "MLLP.SB" }, byteLies: [[], [0x0B, 0x0B], [0x0A]]),
            .relationLie("mllp.end", weight: 2, in: model,
                where: { $0.path == "MLLP.EB" }, byteLies: [[], [0x1C, 0x1C], [0x1C, 0x0B]]),
            .relationLie("mllp.cr", weight: 2, in: model,
                where: { $0.path == "MLLP.CR" },
                byteLies: [[], [0x0A], [0x0D, 0x0D], [0x0D] + Array("GARBAGE".utf8), [0x0D, 0x0B], [0x0D, 0x0B, 0x1C, 0x0D]]),
            .redeclareDelimiters("hl7.delimiter.redeclare", weight: 3,
                where: { $0.path == "MSH.2" }, sets: HL7FuzzLibrary.redeclarations(d)),
            // MSH-18 is child 18 of the header (child 0 is the segment ID). A header with
            // fewer fields gets empty ones up to MSH-17 first: the lie is then also the only
            // change to a message that had declared nothing (and so meant ASCII).
            .setChild("hl7.charset", weight: 3,
                where: { $0.tag == HL7FuzzTag.segment && $0.siblingIndex == 0 }, index: 18,
                nodes: HL7FuzzLibrary.characterSets.map(characterSetField), filler: .leaf("", [], tag: HL7FuzzTag.field)),
            .insertBytes("hl7.charset.utf16", weight: 3, where: isData, values: HL7FuzzLibrary.utf16Texts),
        ]
    }

    /// An MSH-18 field: one repetition per character set, each a single text value.
    static func characterSetField(_ sets: [[UInt8]]) -> ModelNode {
        let repetitions = sets.map { name in
            ModelNode.branch("[1]", tag: HL7FuzzTag.repetition, joiner: .separated(role: HL7FuzzRole.component, firstSeparated: 1), [
                .branch(".1", tag: HL7FuzzTag.component, joiner: .separated(role: HL7FuzzRole.subcomponent, firstSeparated: 1), [
                    .leaf(".1", name, tag: HL7FuzzTag.subcomponent, encoding: .text),
                ]),
            ])
        }
        return .branch(".18", tag: HL7FuzzTag.field, joiner: .separated(role: HL7FuzzRole.repetition, firstSeparated: 1), repetitions)
    }

    /// The case space of `message` for one run.
    public static func caseSpace(
        of message: HL7Message, framed: Bool = true, profileDigest: [UInt8], generatorVersion: String, seed: UInt64
    ) throws(FuzzModelError) -> CaseSpace {
        let model = try model(of: message, framed: framed)
        return CaseSpace(
            model: model, operators: operators(for: model), profileDigest: profileDigest,
            generatorVersion: generatorVersion, seed: seed)
    }
}
