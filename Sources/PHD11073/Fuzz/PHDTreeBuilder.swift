import FuzzCore

/// Turns an APDU value into a FuzzCore tree whose every MDER length and count is a relation.
///
/// Path conventions (a path is the parent's path plus the node's label):
/// - a CHOICE (the APDU, the data APDU): `/choice`, `/length`, then the body named by its kind
///   (`apdu/prst`, `apdu/prst/data/roiv`);
/// - a delimited ANY (PRST, event-info, data-proto info): `/length`, then the content
///   (`…/event-info/config`);
/// - an OCTET STRING field `x`: `/x.length`, then `/x`;
/// - a SEQUENCE OF `x`: `/x.count`, `/x.length`, then `/x` holding `[1]`, `[2]`, … (so
///   `…/config/objects[1]/attributes[2]/value`).
///
/// Every leaf holds its true base bytes, lengths and counts included, so the base tree's
/// leaves concatenate to `apdu.encoded()`; relations are recomputed on render all the same.
/// Relations are recorded after the parts they measure, so inner ones come first, as the
/// renderer evaluates them in order and an outer length must see the inner lengths' values.
struct PHDTreeBuilder {
    /// The relations so far, inner first.
    private(set) var relations: [Relation] = []
    /// Where measurements sit in fixed-format observations, by object handle.
    let valueMaps: [ObjectModel]

    init(valueMaps: [ObjectModel]) {
        self.valueMaps = valueMaps
    }

    // MARK: Leaves

    static func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }

    static func be32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    static func u8(_ label: String, _ value: UInt8) -> ModelNode { .leaf(label, [value], tag: PHDFuzzTag.u8) }
    static func u16(_ label: String, _ value: UInt16, tag: UInt8 = PHDFuzzTag.u16) -> ModelNode { .leaf(label, be16(value), tag: tag) }
    static func u32(_ label: String, _ value: UInt32) -> ModelNode { .leaf(label, be32(value), tag: PHDFuzzTag.u32) }
    static func octets(_ label: String, _ bytes: [UInt8]) -> ModelNode { .leaf(label, bytes, tag: PHDFuzzTag.octets) }

    /// The bytes a base subtree renders to (its leaves, in order).
    static func byteCount(_ node: ModelNode) -> Int {
        node.isLeaf ? node.bytes.count : node.children.reduce(0) { $0 + byteCount($1) }
    }

    static func element(_ index: Int) -> String { "[" + String(index + 1) + "]" }

    // MARK: Relations

    /// A 16-bit length leaf at `parent + label`, measuring `sources`.
    mutating func length(_ label: String, in parent: String, of sources: [String], value: Int) -> ModelNode {
        let path = parent + label
        relations.append(Relation(name: path, target: path, rule: .lengthOf(sources, .u16BigEndian, adjust: 0)))
        return .leaf(label, Self.be16(UInt16(truncatingIfNeeded: value)), tag: PHDFuzzTag.length)
    }

    /// An OCTET STRING field `name` of `parent`: its length leaf, then `content` (labelled
    /// `/name`, already built).
    mutating func octetString(_ name: String, in parent: String, content: ModelNode) -> [ModelNode] {
        [length("/" + name + ".length", in: parent, of: [parent + "/" + name], value: Self.byteCount(content)), content]
    }

    /// A SEQUENCE OF `name` in `parent`: count, length and the list of `elements` (already
    /// built, labelled `[1]`, `[2]`, …).
    mutating func sequence(_ name: String, in parent: String, elements: [ModelNode]) -> [ModelNode] {
        let path = parent + "/" + name
        let list = ModelNode.branch("/" + name, tag: PHDFuzzTag.list, elements)
        let countPath = path + ".count"
        relations.append(Relation(name: countPath, target: countPath, rule: .countOf(path, .u16BigEndian)))
        let count = ModelNode.leaf("/" + name + ".count", Self.be16(UInt16(truncatingIfNeeded: elements.count)), tag: PHDFuzzTag.count)
        return [count, length("/" + name + ".length", in: parent, of: [path], value: Self.byteCount(list)), list]
    }

    /// A delimited part at `path` (labelled `label`): `/length`, then `content`, whose label
    /// must be `/` + its kind.
    mutating func delimited(_ label: String, at path: String, content: ModelNode) -> ModelNode {
        let size = length("/length", in: path, of: [path + content.label], value: Self.byteCount(content))
        return .branch(label, tag: PHDFuzzTag.structure, [size, content])
    }

    // MARK: APDU

    /// The tree of `apdu` under an unnamed root (so that bytes can follow the APDU).
    mutating func tree(_ apdu: APDU) -> ModelNode {
        let path = "apdu"
        let body: ModelNode
        switch apdu {
        case .associationRequest(let request): body = aarq(request, at: path + "/aarq")
        case .associationResponse(let response): body = aare(response, at: path + "/aare")
        case .releaseRequest(let reason): body = .branch("/rlrq", tag: PHDFuzzTag.structure, [Self.u16("/reason", reason.rawValue)])
        case .releaseResponse(let reason): body = .branch("/rlre", tag: PHDFuzzTag.structure, [Self.u16("/reason", reason.rawValue)])
        case .abort(let reason): body = .branch("/abrt", tag: PHDFuzzTag.structure, [Self.u16("/reason", reason.rawValue)])
        case .presentation(let data):
            let content = self.data(data, at: path + "/prst/data")
            body = delimited("/prst", at: path + "/prst", content: content)
        }
        let node = ModelNode.branch(path, tag: PHDFuzzTag.apdu, [
            Self.u16("/choice", apdu.tag, tag: PHDFuzzTag.apduChoice),
            length("/length", in: path, of: [path + body.label], value: Self.byteCount(body)),
            body,
        ])
        return .branch("", tag: PHDFuzzTag.message, [node])
    }

    mutating func aarq(_ request: AssociationRequest, at path: String) -> ModelNode {
        var protos: [ModelNode] = []
        for (index, proto) in request.dataProtos.enumerated() {
            let label = Self.element(index)
            protos.append(.branch(label, tag: PHDFuzzTag.element, dataProto(proto, at: path + "/data-protos" + label)))
        }
        return .branch("/aarq", tag: PHDFuzzTag.structure,
            [Self.u32("/assoc-version", request.assocVersion)] + sequence("data-protos", in: path, elements: protos))
    }

    mutating func aare(_ response: AssociationResponse, at path: String) -> ModelNode {
        .branch("/aare", tag: PHDFuzzTag.structure, [
            Self.u16("/result", response.result.rawValue),
            .branch("/data-proto", tag: PHDFuzzTag.structure, dataProto(response.selectedDataProto, at: path + "/data-proto")),
        ])
    }

    /// data-proto-id, then data-proto-info: a delimited ANY, 20601 association information
    /// for 0x5079 and bytes otherwise.
    mutating func dataProto(_ proto: DataProto, at path: String) -> [ModelNode] {
        let content: ModelNode
        switch proto.info {
        case .phd(let information): content = phdInformation(information, at: path + "/info/phd")
        case .opaque(let bytes): content = Self.octets("/opaque", bytes)
        }
        return [Self.u16("/id", proto.id), delimited("/info", at: path + "/info", content: content)]
    }

    mutating func phdInformation(_ info: PhdAssociationInformation, at path: String) -> ModelNode {
        var children: [ModelNode] = [
            Self.u32("/protocol-version", info.protocolVersion),
            Self.u16("/encoding-rules", info.encodingRules),
            Self.u32("/nomenclature-version", info.nomenclatureVersion),
            Self.u32("/functional-units", info.functionalUnits),
            Self.u32("/system-type", info.systemType),
        ]
        children += octetString("system-id", in: path, content: Self.octets("/system-id", info.systemID))
        children += [
            Self.u16("/dev-config-id", info.devConfigID),
            Self.u16("/data-req-mode-flags", info.dataReqModeFlags),
            Self.u8("/data-req-init-agent-count", info.dataReqInitAgentCount),
            Self.u8("/data-req-init-manager-count", info.dataReqInitManagerCount),
        ]
        children += attributeList("option-list", info.optionList, in: path)
        return .branch("/phd", tag: PHDFuzzTag.structure, children)
    }

    // MARK: Attributes

    /// A SEQUENCE OF AVA-Type: each element `/id`, `/value.length`, `/value`.
    mutating func attributeList(_ name: String, _ attributes: [AttributeValue], in parent: String) -> [ModelNode] {
        var elements: [ModelNode] = []
        for (index, attribute) in attributes.enumerated() {
            let label = Self.element(index)
            elements.append(.branch(label, tag: PHDFuzzTag.element, attributeFields(attribute, at: parent + "/" + name + label)))
        }
        return sequence(name, in: parent, elements: elements)
    }

    mutating func attributeFields(_ attribute: AttributeValue, at path: String) -> [ModelNode] {
        let value = typedValue(attribute.id, attribute.value, label: "/value", at: path + "/value")
        return [Self.u16("/id", attribute.id)] + octetString("value", in: path, content: value)
    }

    /// An attribute value as typed leaves where its ID says what it holds and the bytes have
    /// the size that type needs; otherwise one octets leaf (never a guess that would render
    /// other bytes).
    mutating func typedValue(_ id: UInt16, _ bytes: [UInt8], label: String, at path: String) -> ModelNode {
        switch (id, bytes.count) {
        case (PHDCode.attrNuValObsSimp, 4): return .leaf(label, bytes, tag: PHDFuzzTag.float32)
        case (PHDCode.attrNuValObsBasic, 2): return .leaf(label, bytes, tag: PHDFuzzTag.sfloat16)
        case (PHDCode.attrTimeAbs, 8), (PHDCode.attrTimeStampAbs, 8): return .leaf(label, bytes, tag: PHDFuzzTag.absoluteTime)
        case (PHDCode.attrUnitCode, 2), (PHDCode.attrMetricSpecSmall, 2), (PHDCode.attrDevConfigID, 2):
            return .leaf(label, bytes, tag: PHDFuzzTag.u16)
        case (PHDCode.attrIDType, 4):
            return .branch(label, tag: PHDFuzzTag.structure, [
                .leaf("/partition", Array(bytes[0..<2]), tag: PHDFuzzTag.u16), .leaf("/code", Array(bytes[2..<4]), tag: PHDFuzzTag.u16),
            ])
        case (PHDCode.attrNuCmpdValObsBasic, _):
            return compound(bytes, width: 2, tag: PHDFuzzTag.sfloat16, label: label, at: path) ?? Self.octets(label, bytes)
        case (PHDCode.attrNuCmpdValObsSimp, _):
            return compound(bytes, width: 4, tag: PHDFuzzTag.float32, label: label, at: path) ?? Self.octets(label, bytes)
        case (PHDCode.attrAttributeValMap, _):
            guard let entries = AttributeLayout.valueMap(bytes) else { return Self.octets(label, bytes) }
            var elements: [ModelNode] = []
            for (index, entry) in entries.enumerated() {
                elements.append(.branch(Self.element(index), tag: PHDFuzzTag.element, [
                    Self.u16("/attribute-id", entry.attribute), Self.u16("/attribute-len", entry.length),
                ]))
            }
            return .branch(label, tag: PHDFuzzTag.structure, sequence("entries", in: path, elements: elements))
        default:
            return Self.octets(label, bytes)
        }
    }

    /// A compound observed value: SEQUENCE OF FLOAT or SFLOAT, when the bytes are exactly one.
    mutating func compound(_ bytes: [UInt8], width: Int, tag: UInt8, label: String, at path: String) -> ModelNode? {
        guard bytes.count >= 4 else { return nil }
        let count = Int(bytes[0]) << 8 | Int(bytes[1])
        let length = Int(bytes[2]) << 8 | Int(bytes[3])
        guard length == count * width, bytes.count == 4 + length else { return nil }
        var elements: [ModelNode] = []
        for index in 0..<count {
            let start = 4 + index * width
            elements.append(.leaf(Self.element(index), Array(bytes[start..<start + width]), tag: tag))
        }
        return .branch(label, tag: PHDFuzzTag.structure, sequence("values", in: path, elements: elements))
    }
}
