import MedConformCore

/// A simulated PCD-01 receiving system (a Device Observation Consumer behind a gateway): it
/// receives ORU^R01 reports from the harness, which plays the device, and acknowledges them.
///
/// ``respond(to:index:)`` is pure: the acknowledgements owed for one received message depend
/// only on its bytes, the seed, the faults and the message's position on the connection.
/// ``serve(_:log:)`` runs it over a connection.
///
/// The gateway answers as MSH-15 and MSH-16 ask (HL7 table 0155). With both empty (original
/// mode) it sends one application acknowledgement, AA or AE. Otherwise it sends a commit
/// acknowledgement (CA or CE) when MSH-15 asks for one and an application acknowledgement (AA or
/// AE) when MSH-16 does: AL always, ER only for a rejected message, SU only for an accepted one,
/// NE never; an empty or unknown value in enhanced mode counts as AL. Input that is not an
/// HL7 message gets one AR when its MSH-10 can still be found, and nothing otherwise.
public struct HL7GatewaySimulator: Sendable {
    /// The seed the acknowledgements' control IDs derive from.
    public let seed: UInt64
    /// The faults the gateway has.
    public let faults: Set<HL7GatewayFault>
    /// How long ``HL7GatewayFault/lateAck`` waits before answering: give it the harness's
    /// response timeout plus a margin.
    public let lateBy: Duration
    /// ``serve(_:log:)`` stops when nothing arrives for this long.
    public let idleLimit: Duration
    /// Shared by the copies of this gateway, fresh for every new one.
    let state = GatewayFaultState()

    /// Creates a gateway.
    /// - Parameters:
    ///   - seed: Chooses the control-ID prefix of the acknowledgements.
    ///   - faults: The defects to have; none gives a conformant receiver.
    ///   - lateBy: See ``lateBy``; 3 s suits the default response timeout of 2 s.
    ///   - idleLimit: See ``idleLimit``.
    public init(seed: UInt64, faults: some Sequence<HL7GatewayFault> = [], lateBy: Duration = .seconds(3),
                idleLimit: Duration = .seconds(60)) {
        self.seed = seed
        self.faults = Set(faults)
        self.lateBy = lateBy
        self.idleLimit = idleLimit
    }

    /// Creates a gateway from fault names as written in profiles; nil when a name is unknown.
    public init?(seed: UInt64, faultNames: [String], lateBy: Duration = .seconds(3), idleLimit: Duration = .seconds(60)) {
        var faults: [HL7GatewayFault] = []
        for name in faultNames {
            guard let fault = HL7GatewayFault(rawValue: name) else { return nil }
            faults.append(fault)
        }
        self.init(seed: seed, faults: faults, lateBy: lateBy, idleLimit: idleLimit)
    }

    /// The gateway's EUI-64, in MSH-3 of its acknowledgements.
    public static let gatewayEUI64 = "0012345678FEDCBA"
    static let sendingApplication = "MEDCONFORM-GW^\(gatewayEUI64)^EUI-64"

    /// The kind of an acknowledgement: accept (commit, C codes) or application (A codes).
    enum Kind: Sendable { case accept, application }

    /// MSH-10 of the acknowledgement of the `index`-th message: `GW`, six hex digits from the
    /// seed, the index, and `C` (commit) or `A` (application).
    func controlID(index: Int, kind: Kind) -> String {
        "GW" + MonitorContent.controlIDPrefix(seed: seed, salt: 0x4741_5445_5741_5921) + "-" + String(max(0, index))
            + (kind == .accept ? "-C" : "-A")
    }

    /// The acknowledgement payloads owed for one received message (none, one or two), in the
    /// order they are sent, with the content faults applied.
    /// - Parameters:
    ///   - payload: The message as received, without framing.
    ///   - index: Its position on the connection, from 0 (stamps and control IDs derive from it).
    public func respond(to payload: [UInt8], index: Int) -> [[UInt8]] {
        if faults.contains(.noAck) { return [] }
        let message: HL7Message
        do {
            message = try HL7Message.parse(payload)
        } catch {
            // A frame that is no message still gets a reject, so the sender is never left
            // waiting; with no control ID to be found, MSA-2 stays empty.
            let echo = Self.salvageControlID(payload) ?? ""
            let finding = GatewayFinding(code: Self.rejectCode(error), location: "",
                                         detail: "the message cannot be parsed: \(error)")
            return [acknowledgement(code: faults.contains(.commitAckInOriginalMode) ? "CR" : "AR", echo: echo,
                                    original: nil, findings: [finding], index: index, kind: .application)]
        }
        // Fuzz-only faults, set off by input that no ordinary suite sends.
        let misecho = faults.contains(.wrongEchoOnManyRepetitions)
            && FuzzTriggers.hasField(of: message, withMoreRepetitionsThan: Self.repetitionLimit)
        let garble = faults.contains(.garbledAckOnLongComponent)
            && FuzzTriggers.hasComponent(of: message, longerThan: Self.longComponentBytes)
        let findings = GatewayValidation.findings(in: message)
        // The faults that lie about the verdict.
        let accepted: Bool
        if faults.contains(.acceptEverything) {
            accepted = true
        } else if faults.contains(.rejectEverything) {
            accepted = false
        } else {
            accepted = findings.isEmpty
        }
        var reported = findings
        if !accepted && reported.isEmpty {
            reported = [GatewayFinding(code: .applicationInternalError, location: "", detail: "the message was not processed")]
        }
        if accepted { reported = [] }

        let echo = message["MSH-10"] ?? ""
        let acceptMode = message["MSH-15"] ?? ""
        let applicationMode = message["MSH-16"] ?? ""
        var kinds: [Kind] = []
        if acceptMode.isEmpty && applicationMode.isEmpty {
            kinds = [.application]
        } else {
            if Self.asks(acceptMode, accepted: accepted) { kinds.append(.accept) }
            if Self.asks(applicationMode, accepted: accepted) { kinds.append(.application) }
        }
        let acknowledgements = kinds.map { kind in
            var sentKind = kind
            if faults.contains(.commitAckInOriginalMode) { sentKind = .accept }
            let code: String
            switch (sentKind, accepted) {
            case (.accept, true): code = "CA"
            case (.accept, false): code = "CE"
            case (.application, true): code = "AA"
            case (.application, false): code = "AE"
            }
            return acknowledgement(code: code, echo: echo, original: message, findings: reported, index: index, kind: kind,
                                   misecho: misecho)
        }
        return garble ? acknowledgements.map(Self.garbled) : acknowledgements
    }

    /// Whether an MSH-15 or MSH-16 value asks for an acknowledgement in enhanced mode (HL7
    /// table 0155): NE never, ER only for a rejected message, SU only for an accepted one.
    /// AL asks always, and so do an empty field and a value outside the table: when in doubt a
    /// receiver answers rather than stays silent (the harness reads the table the same way).
    static func asks(_ condition: String, accepted: Bool) -> Bool {
        switch condition {
        case "NE": false
        case "ER": !accepted
        case "SU": accepted
        default: true
        }
    }

    private func acknowledgement(
        code: String, echo: String, original: HL7Message?, findings: [GatewayFinding], index: Int, kind: Kind,
        misecho: Bool = false
    ) -> [UInt8] {
        let own = controlID(index: index, kind: kind)
        let stamp = SimulatedTime.dtm(SimulatedTime.messageTime(index: index) + 1)
        var header = SegmentDraft.header([
            Self.sendingApplication, "",
            original.map { Self.reencoded($0, "MSH-3") } ?? "",            // MSH-5: who the ack goes to
            original.map { Self.reencoded($0, "MSH-4") } ?? "",            // MSH-6
            stamp, "", "ACK^R01^ACK", own, "P", "2.6", "", "", "NE", "NE", "", "UNICODE UTF-8", "", "",
            MonitorContent.profileIdentifier,
        ])
        if faults.contains(.wrongAckType) { header.set(9, "ACK^A01^ACK") }
        if faults.contains(.missingAckMSH21) { header.set(21, "") }
        var message = MessageDraft([header])
        // Only accepting answers are spoiled, so that rejections still reject.
        let sentCode = faults.contains(.badAckCode) && (code == "AA" || code == "CA") ? "OK" : code
        var sentEcho = faults.contains(.emptyMSA2) ? "" : faults.contains(.wrongMSA2) ? own : echo
        if misecho {
            // A fuzzer may well send the gateway's own control ID: the echo must still differ.
            sentEcho = own == echo ? own + "-X" : own
        }
        if !faults.contains(.missingMSA) {
            message.segments.append(SegmentDraft("MSA", [sentCode, Self.escaped(sentEcho)]))
        }
        for finding in findings {
            var err = SegmentDraft("ERR", [
                "", finding.location, "\(finding.code.rawValue)^\(finding.code.text)^HL70357", "E", "", "", "",
                Self.escaped(finding.detail),
            ])
            if faults.contains(.incompleteERR) {
                err.set(3, "")
                err.set(4, "")
            }
            message.segments.append(err)
        }
        return message.encoded()
    }

    /// A field of the received message, written again in the gateway's standard delimiters.
    static func reencoded(_ message: HL7Message, _ path: String) -> String {
        guard let parsed = HL7Path(path), let segment = message.first(parsed.segment) else { return "" }
        let field = segment.field(parsed.field)
        let count = min(field.componentCount, 8)
        guard count > 0 else { return "" }
        return (1...count).map { escaped(field.component($0).text) }.joined(separator: "^")
    }

    /// Text escaped for the standard delimiters, with control characters dropped so that a
    /// hostile control ID cannot break the acknowledgement.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(200) {
            switch scalar {
            case "|": out += "\\F\\"
            case "^": out += "\\S\\"
            case "&": out += "\\T\\"
            case "~": out += "\\R\\"
            case "\\": out += "\\E\\"
            default:
                if scalar.value >= 0x20 && scalar.value != 0x7F { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// MSH-10 of bytes the parser refused: the tenth piece of the first line when it starts
    /// with MSH and a plausible field separator.
    static func salvageControlID(_ payload: [UInt8]) -> String? {
        guard payload.count > 4, payload[0] == 0x4D, payload[1] == 0x53, payload[2] == 0x48 else { return nil }
        let separator = payload[3]
        guard separator > 0x20, separator < 0x7F else { return nil }
        let line = payload.prefix { $0 != 0x0D && $0 != 0x0A }
        let pieces = line.split(separator: separator, omittingEmptySubsequences: false)
        guard pieces.count > 9 else { return nil }
        // Kept as written (the escapes cannot be trusted when the delimiters are broken);
        // the acknowledgement escapes it once.
        let text = String(decoding: pieces[9], as: UTF8.self)
        return text.isEmpty ? nil : text
    }

    /// The table 0357 code for a message the parser refused: 102 when the delimiters declared in
    /// MSH-2 are unusable, 100 when the segments cannot be read.
    static func rejectCode(_ error: HL7ParseError) -> GatewayFinding.Code {
        switch error {
        case .encodingCharacterCount, .invalidDelimiter, .duplicateDelimiter: .dataTypeError
        default: .segmentSequenceError
        }
    }
}
