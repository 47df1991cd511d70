import FuzzCore

/// The MDER operator table. Every operator chooses its targets by ``PHDFuzzTag`` and has a
/// finite library (the enumerated tier) and a sampler (the random tier), which draws from
/// the library half of the time and from the field's whole value range otherwise.
enum PHDFuzzOperators {
    /// Canonical bytes of a library for the case space's digest: a name, then each value
    /// with its 16-bit size.
    static func fingerprint(_ name: String, _ values: [[UInt8]]) -> [UInt8] {
        var out = Array(name.utf8) + [0]
        for value in values { out += PHDTreeBuilder.be16(UInt16(truncatingIfNeeded: value.count)) + value }
        return out
    }

    /// `count` bytes from the stream.
    static func bytes(_ count: Int, _ rng: inout Xoshiro256StarStar) -> [UInt8] {
        var out: [UInt8] = []
        var word: UInt64 = 0
        for index in 0..<count {
            if index % 8 == 0 { word = rng.next() }
            out.append(UInt8(truncatingIfNeeded: word >> UInt64(8 * (index % 8))))
        }
        return out
    }

    /// Replaces a leaf with each value of its library; the sampler draws from the library
    /// or, half of the time, `width` random bytes (any bit pattern is a value of these types).
    static func replacing(
        _ name: String, weight: UInt64, fingerprint: [UInt8], library: @escaping @Sendable (NodeInfo) -> [[UInt8]]
    ) -> AnomalyOperator {
        AnomalyOperator(
            name: name, weight: weight, fingerprint: fingerprint,
            librarySize: { library($0).count },
            value: { info, index in .replace(library(info)[index], .wire) },
            sample: { info, rng in
                let values = library(info)
                if rng.chance(1, 2) {
                    let index = rng.index(below: values.count)
                    return (.replace(values[index], .wire), index)
                }
                return (.replace(bytes(info.byteCount, &rng), .wire), nil)
            })
    }

    /// Lies about the length or count relation whose target has `tag`.
    static func lie(_ name: String, weight: UInt64, tag: UInt8) -> AnomalyOperator {
        @Sendable func library(_ info: NodeInfo) -> [RelationLie] {
            guard info.tag == tag, info.relation != nil, info.value.count == 2 else { return [] }
            return PHDFuzzLibrary.relationLies(truth: UInt64(info.value[0]) << 8 | UInt64(info.value[1]))
        }
        return AnomalyOperator(
            name: name, weight: weight, fingerprint: Array((name + "/0,-1,+1,0xFFFF,half,+4096").utf8),
            librarySize: { library($0).count },
            value: { info, index in .lie(library(info)[index]) },
            sample: { info, rng in
                let lies = library(info)
                if rng.chance(1, 2) {
                    let index = rng.index(below: lies.count)
                    return (.lie(lies[index]), index)
                }
                return (.lie(.absolute(rng.below(0x1_0000))), nil)
            })
    }

    /// The width of an integer leaf by tag, 0 for other leaves.
    static func integerWidth(_ tag: UInt8) -> Int {
        switch tag {
        case PHDFuzzTag.u8: 1
        case PHDFuzzTag.u16: 2
        case PHDFuzzTag.u32: 4
        default: 0
        }
    }

    static let isChoice: @Sendable (UInt8) -> Bool = {
        $0 == PHDFuzzTag.apduChoice || $0 == PHDFuzzTag.dataChoice || $0 == PHDFuzzTag.eventType
    }

    /// A raw leaf that stands for a whole APDU (truncated or foreign): it replaces the
    /// model's APDU, child 0 of the root, so that nothing of the model is rendered.
    ///
    /// Why not a tree change: a cut must leave every enclosing length claiming the bytes that
    /// no longer come, and deleting nodes would make the renderer recompute them honestly.
    /// The price is that in a stacked random case these two operators replace whatever the
    /// other anomalies did (those before them are overwritten, those after find no target).
    static func wholeAPDU(_ bytes: [UInt8]) -> Mutation {
        .setChild(index: 0, node: .leaf("apdu", bytes, tag: PHDFuzzTag.raw), filler: .leaf("", [], tag: PHDFuzzTag.raw))
    }

    /// The table in its canonical order (changing it renumbers the enumerated tier and
    /// changes the case space's digest). `outOfState` holds whole APDUs of other kinds.
    static func table(for model: FuzzModel, outOfState: [[UInt8]]) -> [AnomalyOperator] {
        let layout = PHDLayout(model)
        let base = model.renderBase()
        let cuts = layout.cutOffsets(model)
        let trailing = PHDFuzzLibrary.trailing
        let isRoot: @Sendable (NodeInfo) -> Bool = { $0.tag == PHDFuzzTag.message && $0.indexPath.isEmpty }

        let truncate = AnomalyOperator(
            name: "mder.truncate", weight: 4,
            fingerprint: fingerprint("mder.truncate", cuts.map { PHDTreeBuilder.be32(UInt32(truncatingIfNeeded: $0)) }),
            librarySize: { isRoot($0) ? cuts.count : 0 },
            value: { _, index in wholeAPDU(Array(base[0..<cuts[index]])) },
            sample: { _, rng in
                // Any cut, not only field boundaries: the random tier also splits fields.
                (wholeAPDU(Array(base[0..<rng.index(below: base.count)])), nil)
            })

        // After the APDU: a sibling of it, outside every length. Inside a structured part:
        // a last child, counted by the part's own length, so the part has unused bytes.
        let trailer = AnomalyOperator(
            name: "mder.trailing", weight: 4, fingerprint: fingerprint("mder.trailing", trailing),
            librarySize: { info in
                info.tag == PHDFuzzTag.apdu || (info.tag == PHDFuzzTag.structure && !info.isLeaf) ? trailing.count : 0
            },
            value: { info, index in
                let leaf = ModelNode.leaf("/trailing", trailing[index], tag: PHDFuzzTag.raw)
                if info.tag == PHDFuzzTag.apdu { return .insertSiblingAfter(leaf) }
                return .setChild(index: info.childCount, node: leaf, filler: .leaf("", [], tag: PHDFuzzTag.raw))
            })

        let outOfStateOperator = AnomalyOperator(
            name: "phd.out-of-state", weight: 2, fingerprint: fingerprint("phd.out-of-state", outOfState),
            librarySize: { isRoot($0) ? outOfState.count : 0 },
            value: { _, index in wholeAPDU(outOfState[index]) })

        return [
            lie("mder.length.lie", weight: 10, tag: PHDFuzzTag.length),
            lie("mder.count.lie", weight: 8, tag: PHDFuzzTag.count),
            replacing("mder.choice", weight: 6,
                fingerprint: fingerprint("mder.choice", [PHDFuzzLibrary.unknownAPDUChoices, PHDFuzzLibrary.apduChoices,
                    PHDFuzzLibrary.unknownDataChoices, PHDFuzzLibrary.dataChoices, PHDFuzzLibrary.unknownEventTypes,
                    PHDFuzzLibrary.eventTypes].map { $0.flatMap(PHDTreeBuilder.be16) }),
                library: { info in isChoice(info.tag) ? PHDFuzzLibrary.choices(tag: info.tag, base: info.value) : [] }),
            replacing("mder.integer", weight: 8, fingerprint: fingerprint("mder.integer", ValueLibrary.integersAsBinary(width: 4)),
                library: { info in
                    let width = integerWidth(info.tag)
                    return width > 0 && info.byteCount == width ? PHDFuzzLibrary.integers(width: width, base: info.value) : []
                }),
            replacing("mder.float32", weight: 6, fingerprint: fingerprint("mder.float32", PHDFuzzLibrary.float32Values),
                library: { info in info.tag == PHDFuzzTag.float32 && info.byteCount == 4 ? PHDFuzzLibrary.float32Values : [] }),
            replacing("mder.sfloat16", weight: 6, fingerprint: fingerprint("mder.sfloat16", PHDFuzzLibrary.sfloat16Values),
                library: { info in info.tag == PHDFuzzTag.sfloat16 && info.byteCount == 2 ? PHDFuzzLibrary.sfloat16Values : [] }),
            replacing("mder.time", weight: 4, fingerprint: fingerprint("mder.time", PHDFuzzLibrary.times(base: [UInt8](repeating: 0x11, count: 8))),
                library: { info in info.tag == PHDFuzzTag.absoluteTime ? PHDFuzzLibrary.times(base: info.value) : [] }),
            .replaceLeaf("mder.octets", weight: 3, where: { $0.tag == PHDFuzzTag.octets }, values: PHDFuzzLibrary.octets, encoding: .wire),
            .duplicateNode("mder.repeat", weight: 4, where: { $0.path.hasSuffix("]") }, copies: PHDFuzzLibrary.repetitions),
            trailer,
            truncate,
            outOfStateOperator,
        ]
    }
}
