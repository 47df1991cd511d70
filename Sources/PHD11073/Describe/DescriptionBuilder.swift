/// Writes the lines of an ``APDUDescription``, one method per part of an APDU; each
/// `describe` returns the summary of what it wrote.
struct DescriptionBuilder {
    let valueMaps: PHDValueMaps
    private(set) var lines: [String] = []
    private var depth = 0

    init(valueMaps: PHDValueMaps) { self.valueMaps = valueMaps }

    private mutating func line(_ text: String) {
        lines.append(String(repeating: "  ", count: depth) + text)
    }

    private mutating func nested(_ body: (inout DescriptionBuilder) -> Void) {
        depth += 1
        body(&self)
        depth -= 1
    }

    mutating func describe(_ apdu: APDU) -> String {
        switch apdu {
        case .associationRequest(let request):
            line("AARQ assoc-version \(DescriptionText.hex(request.assocVersion))")
            nested { for proto in request.dataProtos { $0.describe(proto) } }
            guard let info = request.phdInformation else {
                let offered = request.dataProtos.map { DescriptionText.hex($0.id) }
                return "AARQ without a 20601 data-proto (offers \(Self.listed(offered)))"
            }
            let roles = PHDNames.systemType(info.systemType)
            let role = roles.isEmpty ? "system-type \(DescriptionText.hex(info.systemType))" : roles.joined(separator: "+")
            return "AARQ \(role) \(DescriptionText.identifier(info.systemID)) dev-config-id \(Self.configID(info.devConfigID))"
        case .associationResponse(let response):
            let result = DescriptionText.named(response.result.name, response.result.rawValue)
            line("AARE \(result)")
            nested { $0.describe(response.selectedDataProto) }
            return "AARE \(result)"
        case .releaseRequest(let reason):
            line("RLRQ \(Self.releaseReason(reason))")
            return "RLRQ \(Self.releaseReason(reason))"
        case .releaseResponse(let reason):
            line("RLRE \(Self.releaseReason(reason))")
            return "RLRE \(Self.releaseReason(reason))"
        case .abort(let reason):
            let text = DescriptionText.named(reason.name, reason.rawValue)
            line("ABRT \(text)")
            return "ABRT \(text)"
        case .presentation(let data):
            let head = "PRST invoke-id \(DescriptionText.hex(data.invokeID)) \(data.message.kindName)"
            line(head)
            var detail = ""
            nested { detail = $0.describe(data.message) }
            return detail.isEmpty ? head : "\(head) \(detail)"
        }
    }

    private static func releaseReason(_ reason: ReleaseReason) -> String {
        DescriptionText.named(reason == .normal ? "normal" : nil, reason.rawValue)
    }

    private static func configID(_ id: UInt16) -> String {
        "\(DescriptionText.hex(id)) (\(PHDNames.configIDRange(id)))"
    }

    private mutating func describe(_ proto: DataProto) {
        guard let info = proto.phdInformation else {
            guard case .opaque(let bytes) = proto.info else { return }
            line("data-proto \(DescriptionText.hex(proto.id)) \(DescriptionText.blob(bytes))")
            return
        }
        line("data-proto \(DescriptionText.hex(proto.id)) (20601)")
        nested { builder in
            builder.line("protocol-version \(DescriptionText.hex(info.protocolVersion))")
            builder.line("encoding-rules \(DescriptionText.hex(info.encodingRules)) (\(Self.listed(PHDNames.encodingRules(info.encodingRules))))")
            builder.line("nomenclature-version \(DescriptionText.hex(info.nomenclatureVersion))")
            builder.line("functional-units \(DescriptionText.hex(info.functionalUnits))")
            builder.line("system-type \(DescriptionText.hex(info.systemType)) (\(Self.listed(PHDNames.systemType(info.systemType))))")
            builder.line("system-id \(DescriptionText.identifier(info.systemID))")
            builder.line("dev-config-id \(Self.configID(info.devConfigID))")
            builder.line("data-req-mode-capab flags \(DescriptionText.hex(info.dataReqModeFlags)) agent-count \(info.dataReqInitAgentCount) manager-count \(info.dataReqInitManagerCount)")
            builder.line("option-list \(DescriptionText.count(info.optionList.count, "attribute"))")
            builder.nested { for option in info.optionList { $0.line(AttributeValueText.line(option)) } }
        }
    }

    private static func listed(_ names: [String]) -> String { names.isEmpty ? "none" : names.joined(separator: ", ") }

    private mutating func describe(_ message: DataMessage) -> String {
        switch message {
        case .eventReport(let report, _):
            return describe(report)
        case .eventReportResult(let result):
            line("obj-handle \(result.handle), current-time \(DescriptionText.hex(result.currentTime)), event-type \(Self.eventType(result.eventType))")
            switch result.reply {
            case .configResponse(let reportID, let configResult):
                let text = "config-report-id \(Self.configID(reportID)), config-result \(DescriptionText.named(configResult.name, configResult.rawValue))"
                line(text)
                return "\(Self.eventTypeShort(result.eventType)) \(DescriptionText.named(configResult.name, configResult.rawValue))"
            case .opaque(let bytes):
                line("event-reply-info \(DescriptionText.blob(bytes))")
                return Self.eventTypeShort(result.eventType)
            }
        case .get(let argument):
            let wanted = argument.attributeIDs.isEmpty ? "all" : argument.attributeIDs.map(AttributeValueText.name).joined(separator: ", ")
            line("obj-handle \(argument.handle), attribute-ids \(wanted)")
            return "obj-handle \(argument.handle)"
        case .getResult(let result), .setResult(let result):
            line("obj-handle \(result.handle), \(DescriptionText.count(result.attributes.count, "attribute"))")
            nested { for attribute in result.attributes { $0.line(AttributeValueText.line(attribute)) } }
            return "obj-handle \(result.handle), \(DescriptionText.count(result.attributes.count, "attribute"))"
        case .set(let argument, _):
            line("obj-handle \(argument.handle), \(DescriptionText.count(argument.modifications.count, "modification"))")
            nested { builder in
                for modification in argument.modifications {
                    builder.line("\(DescriptionText.named(PHDNames.modifyOperator(modification.modifyOperator), modification.modifyOperator)) \(AttributeValueText.line(modification.attribute))")
                }
            }
            return "obj-handle \(argument.handle)"
        case .action(let argument, _), .actionResult(let argument):
            let action = DescriptionText.named(PHDNames.actionType(argument.actionType), argument.actionType)
            line("obj-handle \(argument.handle), action-type \(action)")
            line("action-info-args \(DescriptionText.blob(argument.arguments))")
            return PHDNames.actionType(argument.actionType) ?? "action-type \(argument.actionType)"
        case .error(let result):
            let value = DescriptionText.named(PHDNames.errorValue(result.errorValue), result.errorValue)
            line("error-value \(value)")
            line("parameter \(DescriptionText.blob(result.parameter))")
            return value
        case .reject(let problem):
            let text = DescriptionText.named(PHDNames.rejectProblem(problem), problem)
            line("problem \(text)")
            return text
        }
    }

    private static func eventType(_ code: UInt16) -> String { DescriptionText.named(PHDNames.eventType(code), code) }
    private static func eventTypeShort(_ code: UInt16) -> String { PHDNames.eventType(code) ?? "event-type \(code)" }

    private mutating func describe(_ report: EventReportArgument) -> String {
        line("obj-handle \(report.handle), event-time \(DescriptionText.hex(report.eventTime)), event-type \(Self.eventType(report.eventType))")
        let type = Self.eventTypeShort(report.eventType)
        switch report.info {
        case .config(let config):
            line("config-report-id \(Self.configID(config.reportID)), \(DescriptionText.count(config.objects.count, "object"))")
            nested { builder in
                for object in config.objects {
                    let objectClass = DescriptionText.named(PHDNames.objectClass(object.objectClass), object.objectClass)
                    builder.line("object handle \(object.handle), class \(objectClass), \(DescriptionText.count(object.attributes.count, "attribute"))")
                    builder.nested { for attribute in object.attributes { $0.line(AttributeValueText.line(attribute)) } }
                }
            }
            return "\(type) config-report-id \(Self.configID(config.reportID)), \(DescriptionText.count(config.objects.count, "object"))"
        case .scanFixed(let scan):
            return describe(scan, type: type) { $0.describe($1) }
        case .scanVar(let scan):
            return describe(scan, type: type) { $0.describe($1) }
        case .scanMPFixed(let scan):
            return describe(scan, type: type) { $0.describe($1) }
        case .scanMPVar(let scan):
            return describe(scan, type: type) { $0.describe($1) }
        case .opaque(let bytes):
            line("event-info \(DescriptionText.blob(bytes))")
            return type
        }
    }

    private static func scanHead(_ dataReqID: UInt16, _ reportNumber: UInt16, _ what: String) -> String {
        "data-req-id \(DescriptionText.hex(dataReqID)), scan-report-no \(reportNumber), \(what)"
    }

    /// A single-person scan report of either layout; `list` describes its observations.
    private mutating func describe<Observation>(_ scan: ScanReport<Observation>, type: String,
                                                _ list: (inout DescriptionBuilder, [Observation]) -> Void) -> String {
        let count = DescriptionText.count(scan.observations.count, "observation")
        line(Self.scanHead(scan.dataReqID, scan.reportNumber, count))
        nested { list(&$0, scan.observations) }
        return "\(type) \(count)"
    }

    /// A multi-person scan report of either layout; `list` describes each person's observations.
    private mutating func describe<Observation>(_ scan: MultiPersonScanReport<Observation>, type: String,
                                                _ list: (inout DescriptionBuilder, [Observation]) -> Void) -> String {
        let count = DescriptionText.count(scan.persons.count, "person")
        line(Self.scanHead(scan.dataReqID, scan.reportNumber, count))
        nested { builder in
            for person in scan.persons {
                builder.line("person-id \(DescriptionText.hex(person.personID)), \(DescriptionText.count(person.observations.count, "observation"))")
                builder.nested { list(&$0, person.observations) }
            }
        }
        return "\(type) \(count)"
    }

    private mutating func describe(_ observations: [FixedObservation]) {
        for observation in observations {
            if let map = valueMaps[handle: observation.handle] {
                line("handle \(observation.handle): \(AttributeValueText.fixedObservation(observation.value, map: map))")
            } else {
                line("handle \(observation.handle): \(DescriptionText.blob(observation.value)) (no value map for this handle)")
            }
        }
    }

    private mutating func describe(_ observations: [VarObservation]) {
        for observation in observations {
            line("handle \(observation.handle), \(DescriptionText.count(observation.attributes.count, "attribute"))")
            nested { for attribute in observation.attributes { $0.line(AttributeValueText.line(attribute)) } }
        }
    }
}
