import FuzzCore

/// The data APDU inside PRST: invoke-id, the remote-operation choice and its body, down to
/// configuration objects and scan-report observations.
extension PHDTreeBuilder {
    /// `…/prst/data`: `/invoke-id`, `/choice`, `/length`, then `/roiv`, `/rors`, `/roer` or `/rorj`.
    mutating func data(_ data: DataAPDU, at path: String) -> ModelNode {
        let message = data.message
        let kind: String
        switch message.tag {
        case ..<0x0200: kind = "/roiv"
        case 0x0200..<0x0300: kind = "/rors"
        case 0x0300: kind = "/roer"
        default: kind = "/rorj"
        }
        let bodyPath = path + kind
        let children: [ModelNode]
        switch message {
        case .eventReport(let argument, _):
            children = eventHeader(argument.handle, "/event-time", argument.eventTime, argument.eventType)
                + [delimited("/event-info", at: bodyPath + "/event-info", content: eventInfo(argument.info, at: bodyPath + "/event-info"))]
        case .eventReportResult(let result):
            let replyPath = bodyPath + "/event-reply-info"
            let reply: ModelNode
            switch result.reply {
            case .configResponse(let reportID, let configResult):
                reply = .branch("/config-response", tag: PHDFuzzTag.structure, [
                    Self.u16("/report-id", reportID), Self.u16("/result", configResult.rawValue),
                ])
            case .opaque(let bytes): reply = Self.octets("/opaque", bytes)
            }
            children = eventHeader(result.handle, "/current-time", result.currentTime, result.eventType)
                + [delimited("/event-reply-info", at: replyPath, content: reply)]
        case .get(let argument):
            var ids: [ModelNode] = []
            for (index, id) in argument.attributeIDs.enumerated() { ids.append(Self.u16(Self.element(index), id)) }
            children = [Self.u16("/handle", argument.handle)] + sequence("attribute-ids", in: bodyPath, elements: ids)
        case .set(let argument, _):
            var elements: [ModelNode] = []
            for (index, modification) in argument.modifications.enumerated() {
                let label = Self.element(index)
                elements.append(.branch(label, tag: PHDFuzzTag.element,
                    [Self.u16("/modify-operator", modification.modifyOperator)]
                        + attributeFields(modification.attribute, at: bodyPath + "/modifications" + label)))
            }
            children = [Self.u16("/handle", argument.handle)] + sequence("modifications", in: bodyPath, elements: elements)
        case .action(let argument, _), .actionResult(let argument):
            children = [Self.u16("/handle", argument.handle), Self.u16("/action-type", argument.actionType)]
                + octetString("args", in: bodyPath, content: Self.octets("/args", argument.arguments))
        case .getResult(let result), .setResult(let result):
            children = [Self.u16("/handle", result.handle)] + attributeList("attributes", result.attributes, in: bodyPath)
        case .error(let result):
            children = [Self.u16("/error-value", result.errorValue)]
                + octetString("parameter", in: bodyPath, content: Self.octets("/parameter", result.parameter))
        case .reject(let problem):
            children = [Self.u16("/problem", problem)]
        }
        let body = ModelNode.branch(kind, tag: PHDFuzzTag.structure, children)
        return .branch("/data", tag: PHDFuzzTag.structure, [
            Self.u16("/invoke-id", data.invokeID),
            Self.u16("/choice", message.tag, tag: PHDFuzzTag.dataChoice),
            length("/length", in: path, of: [bodyPath], value: Self.byteCount(body)),
            body,
        ])
    }

    /// obj-handle, a 32-bit time (event-time or currentTime), event-type.
    func eventHeader(_ handle: UInt16, _ timeLabel: String, _ time: UInt32, _ type: UInt16) -> [ModelNode] {
        [Self.u16("/handle", handle), Self.u32(timeLabel, time), Self.u16("/event-type", type, tag: PHDFuzzTag.eventType)]
    }

    /// The content of event-info, labelled by the event type's layout.
    mutating func eventInfo(_ info: EventInfo, at parent: String) -> ModelNode {
        switch info {
        case .config(let report):
            let path = parent + "/config"
            var objects: [ModelNode] = []
            for (index, object) in report.objects.enumerated() {
                let label = Self.element(index)
                objects.append(.branch(label, tag: PHDFuzzTag.element,
                    [Self.u16("/class", object.objectClass), Self.u16("/handle", object.handle)]
                        + attributeList("attributes", object.attributes, in: path + "/objects" + label)))
            }
            return .branch("/config", tag: PHDFuzzTag.structure,
                [Self.u16("/report-id", report.reportID)] + sequence("objects", in: path, elements: objects))
        case .scanFixed(let report):
            let path = parent + "/scan-fixed"
            return .branch("/scan-fixed", tag: PHDFuzzTag.structure,
                scanHeader(report.dataReqID, report.reportNumber) + fixedObservations(report.observations, in: path))
        case .scanVar(let report):
            let path = parent + "/scan-var"
            return .branch("/scan-var", tag: PHDFuzzTag.structure,
                scanHeader(report.dataReqID, report.reportNumber) + varObservations(report.observations, in: path))
        case .scanMPFixed(let report):
            let path = parent + "/scan-mp-fixed"
            var persons: [ModelNode] = []
            for (index, person) in report.persons.enumerated() {
                let label = Self.element(index)
                persons.append(.branch(label, tag: PHDFuzzTag.element,
                    [Self.u16("/person-id", person.personID)] + fixedObservations(person.observations, in: path + "/persons" + label)))
            }
            return .branch("/scan-mp-fixed", tag: PHDFuzzTag.structure,
                scanHeader(report.dataReqID, report.reportNumber) + sequence("persons", in: path, elements: persons))
        case .scanMPVar(let report):
            let path = parent + "/scan-mp-var"
            var persons: [ModelNode] = []
            for (index, person) in report.persons.enumerated() {
                let label = Self.element(index)
                persons.append(.branch(label, tag: PHDFuzzTag.element,
                    [Self.u16("/person-id", person.personID)] + varObservations(person.observations, in: path + "/persons" + label)))
            }
            return .branch("/scan-mp-var", tag: PHDFuzzTag.structure,
                scanHeader(report.dataReqID, report.reportNumber) + sequence("persons", in: path, elements: persons))
        case .opaque(let bytes):
            return Self.octets("/opaque", bytes)
        }
    }

    func scanHeader(_ dataReqID: UInt16, _ reportNumber: UInt16) -> [ModelNode] {
        [Self.u16("/data-req-id", dataReqID), Self.u16("/scan-report-no", reportNumber)]
    }

    /// SEQUENCE OF ObservationScanFixed: handle and obs-val-data, split by the object's value
    /// map when one is given and its lengths add up to the bytes.
    mutating func fixedObservations(_ observations: [FixedObservation], in parent: String) -> [ModelNode] {
        var elements: [ModelNode] = []
        for (index, observation) in observations.enumerated() {
            let label = Self.element(index)
            let path = parent + "/observations" + label
            let content = observationData(observation, at: path + "/obs-val-data")
            elements.append(.branch(label, tag: PHDFuzzTag.element,
                [Self.u16("/handle", observation.handle)] + octetString("obs-val-data", in: path, content: content)))
        }
        return sequence("observations", in: parent, elements: elements)
    }

    mutating func observationData(_ observation: FixedObservation, at path: String) -> ModelNode {
        guard let model = valueMaps.first(where: { $0.handle == observation.handle }), let entries = model.valueMap,
              model.observationLength == observation.value.count, !entries.isEmpty else {
            return Self.octets("/obs-val-data", observation.value)
        }
        var parts: [ModelNode] = []
        var offset = 0
        var used: [String] = []
        for entry in entries {
            var label = "/" + Self.attributeLabel(entry.attribute)
            // The same attribute twice in a map would give two equal paths; number the later ones.
            let seen = used.filter { $0 == label }.count
            used.append(label)
            if seen > 0 { label += "." + String(seen + 1) }
            let bytes = Array(observation.value[offset..<offset + Int(entry.length)])
            parts.append(typedValue(entry.attribute, bytes, label: label, at: path + label))
            offset += Int(entry.length)
        }
        return .branch("/obs-val-data", tag: PHDFuzzTag.structure, parts)
    }

    /// SEQUENCE OF ObservationScan: handle and an attribute list.
    mutating func varObservations(_ observations: [VarObservation], in parent: String) -> [ModelNode] {
        var elements: [ModelNode] = []
        for (index, observation) in observations.enumerated() {
            let label = Self.element(index)
            elements.append(.branch(label, tag: PHDFuzzTag.element,
                [Self.u16("/handle", observation.handle)]
                    + attributeList("attributes", observation.attributes, in: parent + "/observations" + label)))
        }
        return sequence("observations", in: parent, elements: elements)
    }

    /// A path part for a value-map entry: the attribute's short name, or its number.
    static func attributeLabel(_ id: UInt16) -> String {
        switch id {
        case PHDCode.attrNuValObsSimp: "nu-val-obs-simp"
        case PHDCode.attrNuValObsBasic: "nu-val-obs-basic"
        case PHDCode.attrNuCmpdValObsSimp: "nu-cmpd-val-obs-simp"
        case PHDCode.attrNuCmpdValObsBasic: "nu-cmpd-val-obs-basic"
        case PHDCode.attrTimeStampAbs: "time-stamp-abs"
        case PHDCode.attrTimeAbs: "time-abs"
        default: "attr-" + String(id)
        }
    }
}
