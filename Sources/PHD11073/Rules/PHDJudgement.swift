import MedConformCore

/// Collects the observations of one exchange, requirement by requirement.
///
/// A session calls the judging methods as APDUs arrive; each records an observation for
/// every requirement whose rule covers what was seen, with the bytes as evidence.
public struct PHDJudgement: Sendable {
    public let rules: PHDRuleSet
    public private(set) var observations: [RequirementObservation] = []

    public init(rules: PHDRuleSet) { self.rules = rules }

    /// Records one observation for every requirement of `kind`.
    public mutating func record(_ kind: PHDRuleKind, _ outcome: Outcome, subject: String, reason: String,
                                kind problem: ProblemKind? = nil, evidence: Evidence = .none) {
        for rule in rules.rules(kind) {
            record(rule, outcome, subject: subject, reason: reason, kind: problem, evidence: evidence)
        }
    }

    mutating func record(_ rule: PHDRule, _ outcome: Outcome, subject: String, reason: String, kind problem: ProblemKind? = nil, evidence: Evidence = .none) {
        let problemKind = problem ?? (outcome == .fail ? .protocolViolation : nil)
        observations.append(RequirementObservation(requirementID: rule.requirement.id,
                                                   observation: Observation(outcome, subject: subject, reason: reason, kind: problemKind, evidence: evidence)))
    }

    /// Records a pass or a failure: `failure` nil means the device conformed.
    mutating func verdict(_ kind: PHDRuleKind, subject: String, failure: String?, pass: String, evidence: Evidence) {
        record(kind, failure == nil ? .pass : .fail, subject: subject, reason: failure ?? pass, evidence: evidence)
    }

    // MARK: - Well-formedness

    /// Judges what decoding a device's bytes gave (decoded once by the caller, who also needs
    /// it for the transcript); returns the APDU when they decode.
    public mutating func judgeDecoding(_ decoded: Result<APDU, MDERDecodingError>, byteCount: Int, subject: String, evidence: Evidence) -> APDU? {
        switch decoded {
        case .success(let apdu):
            record(.apduWellformed, .pass, subject: subject, reason: "\(apdu.kindName) decodes (\(byteCount) bytes)", evidence: evidence)
            return apdu
        case .failure(let error):
            record(.apduWellformed, .fail, subject: subject, reason: "not well-formed MDER \(error.description)", kind: .malformed,
                   evidence: Evidence(items: evidence.items + [EvidenceItem("offset", String(error.offset))], transcript: evidence.transcript))
            return nil
        }
    }

    // MARK: - Association request (the device is an agent)

    public mutating func judgeAssociationRequest(_ request: AssociationRequest, evidence: Evidence) {
        let subject = "association request"
        let info = request.phdInformation
        var versions: [String] = []
        if request.assocVersion & 0x8000_0000 == 0 { versions.append("assoc-version \(Self.hex32(request.assocVersion))") }
        if let info {
            if info.protocolVersion & 0x8000_0000 == 0 { versions.append("protocol-version \(Self.hex32(info.protocolVersion))") }
            if info.nomenclatureVersion & 0x8000_0000 == 0 { versions.append("nomenclature-version \(Self.hex32(info.nomenclatureVersion))") }
        }
        verdict(.associationVersions, subject: subject,
                failure: versions.isEmpty ? nil : "\(versions.joined(separator: ", ")) lacks version 1 (bit 0x80000000)",
                pass: "assoc-version, protocol-version and nomenclature-version declare version 1", evidence: evidence)
        let offered = request.dataProtos.map { String(format4: $0.id) }.joined(separator: ", ")
        verdict(.dataProto, subject: subject, failure: info == nil ? "no data-proto 0x5079 (20601) among [\(offered)]" : nil,
                pass: "offers data-proto 0x5079 (20601)", evidence: evidence)
        guard let info else { return }
        verdict(.encodingMDER, subject: subject,
                failure: info.encodingRules & PhdAssociationInformation.EncodingRule.mder == 0 ? "encoding-rules \(String(format4: info.encodingRules)) do not include MDER (0x8000)" : nil,
                pass: "encoding-rules \(String(format4: info.encodingRules)) include MDER", evidence: evidence)
        verdict(.systemType, subject: subject,
                failure: info.systemType != PhdAssociationInformation.SystemType.agent ? "system-type is \(Self.hex32(info.systemType)), not agent (0x00800000)" : nil,
                pass: "system-type agent (0x00800000)", evidence: evidence)
        let id = info.systemID
        verdict(.systemID, subject: subject,
                failure: id.count != 8 ? "system-id has \(id.count) bytes, not 8 (EUI-64)" : (id.allSatisfy { $0 == 0 } ? "system-id is all zero" : nil),
                pass: "system-id \(Self.hexBytes(id)) is an EUI-64", evidence: evidence)
        let config = info.devConfigID
        verdict(.configID, subject: subject,
                failure: (1...0x7FFF).contains(config) ? nil : "dev-config-id \(String(format4: config)) is \(config == 0 ? "the manager's response value" : "reserved")",
                pass: "dev-config-id \(String(format4: config)) is \(config < 0x4000 ? "standard" : "extended")", evidence: evidence)
        for rule in rules.rules(.specializationConfigID) {
            guard case .standardIDs(let ids) = rule.parameters else { continue }
            let known = ids.map { String(format4: $0) }.joined(separator: ", ")
            if ids.contains(config) || (0x4000...0x7FFF).contains(config) {
                record(rule, .pass, subject: subject, reason: "dev-config-id \(String(format4: config)) is \(ids.contains(config) ? "a standard configuration of the specialization" : "extended, to be reported")", evidence: evidence)
            } else {
                record(rule, .fail, subject: subject, reason: "dev-config-id \(String(format4: config)) is neither a standard configuration of the specialization (\(known)) nor extended (0x4000-0x7FFF)", evidence: evidence)
            }
        }
    }

    // MARK: - Association response (the device is a manager)

    /// Judges what an accepting manager selected; a rejection is judged by the session.
    public mutating func judgeAssociationResponse(_ response: AssociationResponse, evidence: Evidence) {
        guard response.result.isAccepted else { return }
        var problems: [String] = []
        if response.selectedDataProto.id != DataProto.phdID { problems.append("selects data-proto \(String(format4: response.selectedDataProto.id)), not 20601 (0x5079)") }
        if let info = response.selectedDataProto.phdInformation {
            if info.systemType != PhdAssociationInformation.SystemType.manager { problems.append("system-type \(Self.hex32(info.systemType)), not manager (0x80000000)") }
            if info.encodingRules & PhdAssociationInformation.EncodingRule.mder == 0 { problems.append("encoding-rules \(String(format4: info.encodingRules)) without MDER") }
            if info.protocolVersion & 0x8000_0000 == 0 { problems.append("protocol-version \(Self.hex32(info.protocolVersion)) is not version 1") }
            if info.devConfigID != 0 { problems.append("dev-config-id \(String(format4: info.devConfigID)), not manager-config-response (0)") }
        } else if response.selectedDataProto.id == DataProto.phdID {
            problems.append("carries no association information")
        }
        record(.aareProtocol, problems.isEmpty ? .pass : .fail, subject: "association response",
               reason: problems.isEmpty ? "selects 20601 as a manager with MDER" : "the association response " + problems.joined(separator: "; "),
               evidence: evidence)
    }

    // MARK: - Configuration (the device is an agent)

    /// Judges a configuration report; returns the object models read from it.
    public mutating func judgeConfiguration(_ report: ConfigReport, handle: UInt16, confirmed: Bool, offeredConfigID: UInt16?,
                                            evidence: Evidence) -> [ObjectModel] {
        let subject = "configuration report \(String(format4: report.reportID))"
        var problems: [String] = []
        if let offered = offeredConfigID, offered != report.reportID {
            problems.append("config-report-id \(String(format4: report.reportID)) differs from the dev-config-id \(String(format4: offered)) of the association")
        }
        if handle != PHDCode.mdsHandle { problems.append("the report comes from handle \(handle), not the MDS (0)") }
        if !confirmed { problems.append("the report is unconfirmed, so the agent cannot learn the manager's answer") }
        verdict(.configReport, subject: subject, failure: problems.isEmpty ? nil : problems.joined(separator: "; "),
                pass: "reports configuration \(String(format4: report.reportID)) as associated, confirmed, on the MDS", evidence: evidence)
        let models = report.objects.map(ObjectModel.init)
        let numerics = report.objects.filter { $0.objectClass == PHDCode.mocVMOMetricNu }
        for rule in rules.rules(.configAttributes) {
            guard case .attributes(let wanted) = rule.parameters else { continue }
            var missing: [String] = []
            for object in numerics {
                let absent = wanted.filter { id in !object.attributes.contains { $0.id == id } }
                if !absent.isEmpty { missing.append("object \(object.handle) lacks \(absent.map(PHDCode.attributeName).joined(separator: ", "))") }
            }
            record(rule, missing.isEmpty ? .pass : .fail, subject: subject,
                   reason: missing.isEmpty ? "\(numerics.count) numeric object\(numerics.count == 1 ? "" : "s") carry every mandatory attribute" : missing.joined(separator: "; "),
                   evidence: evidence)
        }
        judgeObjects(models, subject: subject, evidence: evidence)
        return models
    }

    /// The specialization's object and unit rules, on a configuration however it was learnt.
    public mutating func judgeObjects(_ models: [ObjectModel], subject: String, evidence: Evidence) {
        for rule in rules.rules(.configObjects) {
            guard case .types(let types) = rule.parameters else { continue }
            let absent = types.filter { type in !models.contains { $0.type?.partition == type.partition && $0.type?.term == type.term } }
            record(rule, absent.isEmpty ? .pass : .fail, subject: subject,
                   reason: absent.isEmpty ? "carries \(types.map(\.refid).joined(separator: ", "))" : "no object of type \(absent.map(\.refid).joined(separator: ", "))",
                   evidence: evidence)
        }
        for rule in rules.rules(.units) {
            guard case .units(let unitRules) = rule.parameters else { continue }
            var problems: [String] = []
            var judged = 0
            for unitRule in unitRules {
                for model in models where model.type?.partition == unitRule.type.partition && model.type?.term == unitRule.type.term {
                    judged += 1
                    guard let unit = model.unit else {
                        problems.append("object \(model.handle) (\(unitRule.type.refid)) has no unit code")
                        continue
                    }
                    if !unitRule.units.contains(where: { $0.partition == 4 && $0.term == unit }) {
                        problems.append("object \(model.handle) (\(unitRule.type.refid)) is in \(rules.name(partition: 4, term: unit)), not \(unitRule.units.map(\.refid).joined(separator: " or "))")
                    }
                }
            }
            if judged == 0 { continue }
            record(rule, problems.isEmpty ? .pass : .fail, subject: subject,
                   reason: problems.isEmpty ? "\(judged) object\(judged == 1 ? "" : "s") in the expected units" : problems.joined(separator: "; "), evidence: evidence)
        }
    }

    // MARK: - Measurements

    /// Judges the values and time stamps of one observation read from a scan report.
    public mutating func judgeObservation(_ read: ReadObservation, subject: String, evidence: Evidence) {
        if let problem = read.problem {
            record(.apduWellformed, .fail, subject: subject, reason: problem, kind: .malformed, evidence: evidence)
            return
        }
        for value in read.values {
            let what = "\(value.term.map { rules.name(partition: 2, term: $0) } ?? "value") of handle \(value.handle)"
            record(.measurementNumber, value.number.isFinite ? .pass : .fail, subject: subject,
                   reason: value.number.isFinite ? "\(what) is \(value.number)" : "\(what) is \(value.number.specialName ?? "not a number") where a measurement is reported",
                   evidence: evidence)
            judgeRange(value, what: what, subject: subject, evidence: evidence)
        }
        for time in read.times {
            if let problem = time.problem {
                record(.timestamp, .fail, subject: subject, reason: "the time stamp \(time) of handle \(read.handle) \(problem)", evidence: evidence)
            } else {
                record(.timestamp, .pass, subject: subject, reason: "time stamp \(time)", evidence: evidence)
            }
        }
    }

    private mutating func judgeRange(_ value: ObservedValue, what: String, subject: String, evidence: Evidence) {
        guard let term = value.term, let unit = value.unit, let number = value.number.doubleValue else { return }
        for rule in rules.rules(.ranges) {
            guard case .ranges(let ranges) = rule.parameters,
                  let range = ranges.first(where: { $0.type.term == term && $0.type.partition == 2 && $0.unit.term == unit })
            else { continue }
            let inside = number >= range.minimum && number <= range.maximum
            record(rule, inside ? .pass : .fail, subject: subject,
                   reason: "\(what) is \(value.number) \(range.unit.refid)\(inside ? "," : ", outside") the plausible \(Self.text(range.minimum))-\(Self.text(range.maximum))",
                   evidence: evidence)
        }
    }

    // MARK: - Text

    static func hex32(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }

    static func hexBytes(_ bytes: [UInt8]) -> String {
        bytes.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true) }.joined()
    }

    static func text(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

extension String {
    /// `0x` and four upper-case hex digits.
    init(format4 value: UInt16) {
        let digits = String(value, radix: 16, uppercase: true)
        self = "0x" + String(repeating: "0", count: 4 - digits.count) + digits
    }
}
