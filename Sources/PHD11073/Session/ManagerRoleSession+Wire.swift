import MedConformCore
import Transports

/// Reading, judging and writing APDUs for the manager role: every APDU from the agent is
/// recorded and judged for well-formedness before the exchange looks at it.
extension ManagerRoleSession {
    func next(_ channel: APDUChannel, timeout: Duration, waitingFor what: String, _ state: inout State) async -> PHDIncoming {
        let incoming = await state.record.receive(channel, timeout: timeout, waitingFor: what, from: "agent")
        if case .apdu(.abort(let reason), let entry) = incoming { state.agentAbort = (reason, entry) }
        return incoming
    }

    func send(_ channel: APDUChannel, _ apdu: APDU, _ summary: String, _ state: inout State) async -> Bool {
        await state.record.send(channel, apdu, summary)
    }

    func abort(_ channel: APDUChannel, _ reason: AbortReason, _ state: inout State) async {
        _ = await send(channel, .abort(reason), "ABRT \(reason.name ?? "")", &state)
    }

    func end(_ state: inout State, _ reason: String, _ kind: ProblemKind) -> Bool {
        state.record.sessionProblem(.error, reason, kind: kind)
        return false
    }

    func summary(_ apdu: APDU) -> String { PHDSessionRecord.summary(apdu) }

}
