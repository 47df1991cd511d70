import FuzzCore
import MedConformCore
import Transports

/// Builds the fuzz model of one HL7 v2 message: segments, fields, repetitions, components and
/// subcomponents as a tree whose leaves hold the wire bytes, with the MSH-1/MSH-2 delimiter
/// declaration, the escaping scheme and (optionally) MLLP framing as relations.
///
/// Paths: `MSH.9`, `OBX[2].5[1].1.1` (segment, then its occurrence from the second on; field;
/// repetition; component; subcomponent). `MSH.1`, `MSH.2` are the declarations; `MLLP.SB`,
/// `MLLP.EB`, `MLLP.CR` the frame bytes.
public enum HL7FuzzModel {
    /// The generator version of HL7 campaigns: part of every run key. Bump it whenever a change
    /// to the model, operators or renderer changes any case's bytes (the golden test pins them).
    public static let generatorVersion = "medconform-fuzz/2"

    /// The model of `message`; rendering it without anomalies gives back `message.bytes`
    /// (wrapped in MLLP when `framed`).
    public static func model(of message: HL7Message, framed: Bool, name: String = "hl7v2") throws(FuzzModelError) -> FuzzModel {
        let d = message.delimiters
        // The truncation role is always there, empty when MSH-2 declares none, so that a
        // re-declaration (hl7.delimiter.redeclare) can declare one.
        let delimiters: [[UInt8]] = [
            [d.field], [d.component], [d.repetition], [d.escape], [d.subcomponent], [MLLP.carriageReturn],
            d.truncation.map { [$0] } ?? [],
        ]
        let declared = [
            HL7FuzzRole.component, HL7FuzzRole.repetition, HL7FuzzRole.escape, HL7FuzzRole.subcomponent, HL7FuzzRole.truncation,
        ]
        var segments: [ModelNode] = []
        var seen: [(id: [UInt8], count: Int)] = []
        for raw in split(message.bytes[...], on: MLLP.carriageReturn).dropLast() {
            let pieces = split(raw, on: d.field)
            let id = Array(pieces[0])
            var occurrence = 1
            if let index = seen.firstIndex(where: { $0.id == id }) {
                seen[index].count += 1
                occurrence = seen[index].count
            } else {
                seen.append((id, 1))
            }
            let idText = String(decoding: id.map { $0 >= 0x21 && $0 <= 0x7E && $0 != 0x2E && $0 != 0x5B ? $0 : 0x3F }, as: UTF8.self)
            let label = occurrence == 1 ? idText : idText + "[" + String(occurrence) + "]"
            segments.append(segment(label: label, raw: raw, pieces: pieces, isHeader: segments.isEmpty, delimiters: d))
        }
        guard !segments.isEmpty else { throw .invalidBaseMessage("no segments") }
        let body = ModelNode.branch("", tag: HL7FuzzTag.message, joiner: .terminated(role: HL7FuzzRole.segmentTerminator), segments)
        var relations = [
            Relation(name: "MSH.1/declaration", target: "MSH.1", rule: .delimiterDeclaration([HL7FuzzRole.field])),
            Relation(name: "MSH.2/declaration", target: "MSH.2", rule: .delimiterDeclaration(declared)),
        ]
        let root: ModelNode
        if framed {
            root = .branch("", tag: 0, [
                .leaf("MLLP.SB", [], tag: HL7FuzzTag.frame), body,
                .leaf("MLLP.EB", [], tag: HL7FuzzTag.frame), .leaf("MLLP.CR", [], tag: HL7FuzzTag.frame),
            ])
            relations += [
                Relation(name: "MLLP.SB/framing", target: "MLLP.SB", rule: .framing([MLLP.startBlock])),
                Relation(name: "MLLP.EB/framing", target: "MLLP.EB", rule: .framing([MLLP.endBlock])),
                Relation(name: "MLLP.CR/framing", target: "MLLP.CR", rule: .framing([MLLP.carriageReturn])),
            ]
        } else {
            root = body
        }
        let escaping = EscapeScheme(escapeRole: HL7FuzzRole.escape, rules: [
            .init(role: HL7FuzzRole.field, code: [0x46]),  // \F\
            .init(role: HL7FuzzRole.component, code: [0x53]),  // \S\
            .init(role: HL7FuzzRole.subcomponent, code: [0x54]),  // \T\
            .init(role: HL7FuzzRole.repetition, code: [0x52]),  // \R\
            .init(role: HL7FuzzRole.escape, code: [0x45]),  // \E\
            .init(role: HL7FuzzRole.segmentTerminator, code: Array("X0D".utf8)),
        ])
        return try FuzzModel(name: name, root: root, delimiters: delimiters, escaping: escaping, relations: relations)
    }

    /// A segment node; MSH keeps MSH-1 and MSH-2 as declaration leaves.
    private static func segment(
        label: String, raw: ArraySlice<UInt8>, pieces: [ArraySlice<UInt8>], isHeader: Bool, delimiters d: HL7Delimiters
    ) -> ModelNode {
        var children: [ModelNode] = [.leaf(".0", Array(pieces[0]), tag: HL7FuzzTag.segmentID)]
        if isHeader {
            // MSH|^~\&|... : the first split piece after the ID is MSH-2 itself.
            children.append(.leaf(".1", [d.field], tag: HL7FuzzTag.declaration))
            children.append(.leaf(".2", pieces.count > 1 ? Array(pieces[1]) : [], tag: HL7FuzzTag.declaration))
            for (offset, piece) in pieces.dropFirst(2).enumerated() {
                children.append(field(number: offset + 3, raw: piece, delimiters: d))
            }
            return .branch(label, tag: HL7FuzzTag.segment, joiner: .separated(role: HL7FuzzRole.field, firstSeparated: 3), children)
        }
        for (offset, piece) in pieces.dropFirst().enumerated() {
            children.append(field(number: offset + 1, raw: piece, delimiters: d))
        }
        return .branch(label, tag: HL7FuzzTag.segment, joiner: .separated(role: HL7FuzzRole.field, firstSeparated: 1), children)
    }

    private static func field(number: Int, raw: ArraySlice<UInt8>, delimiters d: HL7Delimiters) -> ModelNode {
        var repetitions: [ModelNode] = []
        for (r, repetition) in split(raw, on: d.repetition).enumerated() {
            var components: [ModelNode] = []
            for (c, component) in split(repetition, on: d.component).enumerated() {
                var subcomponents: [ModelNode] = []
                for (s, sub) in split(component, on: d.subcomponent).enumerated() {
                    subcomponents.append(.leaf("." + String(s + 1), Array(sub), tag: HL7FuzzTag.subcomponent))
                }
                components.append(.branch("." + String(c + 1), tag: HL7FuzzTag.component,
                    joiner: .separated(role: HL7FuzzRole.subcomponent, firstSeparated: 1), subcomponents))
            }
            repetitions.append(.branch("[" + String(r + 1) + "]", tag: HL7FuzzTag.repetition,
                joiner: .separated(role: HL7FuzzRole.component, firstSeparated: 1), components))
        }
        return .branch("." + String(number), tag: HL7FuzzTag.field,
            joiner: .separated(role: HL7FuzzRole.repetition, firstSeparated: 1), repetitions)
    }

    /// Splits at every `separator`; always at least one piece, so joining inverts it exactly.
    static func split(_ bytes: ArraySlice<UInt8>, on separator: UInt8) -> [ArraySlice<UInt8>] {
        var pieces: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == separator {
                pieces.append(bytes[start..<index])
                start = index + 1
            }
            index += 1
        }
        pieces.append(bytes[start..<bytes.endIndex])
        return pieces
    }
}
