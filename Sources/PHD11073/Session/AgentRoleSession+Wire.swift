import MedConformCore
import Transports

/// Reading, judging and writing APDUs in the agent role, and the reference agent's APDUs
/// under another configuration ID.
extension AgentRoleSession.Exchange {
    mutating func next(_ timeout: Duration, _ what: String) async -> PHDIncoming {
        await record.receive(channel, timeout: timeout, waitingFor: what, from: "manager")
    }

    mutating func send(_ apdu: APDU, _ summary: String) async -> Bool {
        await record.send(channel, apdu, summary)
    }

    mutating func sendBytes(_ bytes: [UInt8], _ summary: String) async -> Bool {
        await record.send(channel, bytes: bytes, summary)
    }

    mutating func takeInvokeID() -> UInt16 {
        defer { invokeID &+= 1 }
        return invokeID
    }

    mutating func end(_ reason: String, _ kind: ProblemKind) -> Bool {
        record.sessionProblem(.error, reason, kind: kind)
        return false
    }

    mutating func endNil(_ reason: String, _ kind: ProblemKind) -> AssociateResult? {
        record.sessionProblem(.error, reason, kind: kind)
        return nil
    }

    /// The association request with another dev-config-id.
    static func withConfigID(_ request: APDU, _ id: UInt16) -> APDU {
        guard case .associationRequest(var aarq) = request else { return request }
        aarq.dataProtos = aarq.dataProtos.map { proto in
            guard var info = proto.phdInformation else { return proto }
            info.devConfigID = id
            return .phd(info)
        }
        return .associationRequest(aarq)
    }

    /// The configuration report under another configuration ID.
    static func withReportID(_ report: APDU, _ id: UInt16) -> APDU {
        guard case .presentation(var data) = report, case .eventReport(var argument, let confirmed) = data.message,
              case .config(var config) = argument.info else { return report }
        config.reportID = id
        argument.info = .config(config)
        data.message = .eventReport(argument, confirmed: confirmed)
        return .presentation(data)
    }

    static func summary(_ apdu: APDU) -> String { PHDSessionRecord.summary(apdu) }
}
