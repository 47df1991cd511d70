import MedConformCore
import Transports

/// The harness as a 20601 agent testing a manager or gateway: associates with the profile's
/// standard configuration, reports it when asked, sends measurements, releases, then aborts
/// an association and checks that the manager takes the next one. The agent's APDUs are the
/// conformant reference agent's, so every failure is the manager's.
struct AgentRoleSession {
    let configuration: PHDSuiteConfiguration
    let context: SuiteRunContext

    func run() async -> SuiteResult {
        var record = PHDSessionRecord(clock: context.clock, rules: configuration.rules)
        let simulatorLog = PHDLogLines()
        let link: PHDLink
        do {
            link = try await PHDLink.openAsAgent(context: context, responseTimeout: configuration.timeouts.operating, log: { simulatorLog.append($0) })
            record.note("connected: \(link.channel.remote)")
        } catch {
            record.sessionProblem(.error, "could not reach the manager: \(error)", kind: error == .cancelled ? .interrupted : .deviceUnreachable)
            return record.suiteResult(configuration, context: context, simulatorLog: simulatorLog.snapshot())
        }
        let seed: UInt64 = if case .simulator(let selection) = context.target.endpoint { selection.seed } else { 1 }
        let agent = PHDAgentSimulator(specialization: configuration.specialization, seed: seed)
        var exchange = Exchange(channel: link.channel, agent: agent, configuration: configuration, record: record)
        if await exchange.run() {
            exchange.record.sessionCompleted("associated, reported \(configuration.measurements) measurement\(configuration.measurements == 1 ? "" : "s"), released, aborted and associated again")
        }
        if exchange.record.stateViolations == 0, exchange.associated {
            exchange.record.judgement.record(.state, .pass, subject: "state", reason: "every APDU from the manager arrived in a state that allows it")
        }
        await link.close()
        return exchange.record.suiteResult(configuration, context: context, simulatorLog: simulatorLog.snapshot())
    }

    /// One connection's worth of associations, with the record it fills.
    struct Exchange {
        let channel: APDUChannel
        let agent: PHDAgentSimulator
        let configuration: PHDSuiteConfiguration
        var record: PHDSessionRecord
        var invokeID: UInt16
        var associated = false
        /// Set after the harness ended an association: the manager may still have APDUs of it
        /// in flight (a GET sent right after its answer), which are not its fault.
        var previousMayTrail = false

        init(channel: APDUChannel, agent: PHDAgentSimulator, configuration: PHDSuiteConfiguration, record: PHDSessionRecord) {
            self.channel = channel
            self.agent = agent
            self.configuration = configuration
            self.record = record
            invokeID = agent.firstInvokeID
        }

        mutating func run() async -> Bool {
            // A standard configuration: the full exchange, whichever way the manager answers.
            let standard = agent.associationRequest()
            guard let result = await associate(standard, judgeResult: true) else { return false }
            associated = true
            if result == .acceptedUnknownConfig {
                guard await configure(agent.configurationReport(invokeID: takeInvokeID()), reportID: agent.configReportID) else { return false }
            }
            for index in 0..<configuration.measurements {
                guard await report(index) else { return false }
            }
            await release()
            // An extended configuration, which no manager can know: it must ask for the
            // report and answer it. Then an abort in the middle of the association.
            let extendedID = 0x4000 | agent.specialization.devConfigID
            guard await associate(Self.withConfigID(standard, extendedID), judgeResult: true) != nil else { return false }
            guard await configure(Self.withReportID(agent.configurationReport(invokeID: takeInvokeID()), extendedID), reportID: extendedID) else { return false }
            guard await send(.abort(.undefined), "ABRT undefined") else { return end("could not send the abort", .connectionClosed) }
            previousMayTrail = true
            // The manager must take a new association after the abort.
            guard await associate(standard, judgeResult: false, recovery: true) != nil else { return false }
            _ = await send(.abort(.undefined), "ABRT undefined (end of the suite)")
            return true
        }

        /// Sends the association request and judges the response; nil when it was not accepted.
        mutating func associate(_ request: APDU, judgeResult: Bool, recovery: Bool = false) async -> AssociateResult? {
            let configID: UInt16 = if case .associationRequest(let aarq) = request { aarq.phdInformation?.devConfigID ?? 0 } else { 0 }
            guard await send(request, "AARQ dev-config-id \(String(format4: configID))") else {
                return endNil("could not send the association request", .connectionClosed)
            }
            while true {
                switch await next(configuration.timeouts.association, "the association response") {
                case .apdu(.associationResponse(let response), let entry):
                    previousMayTrail = false
                    let evidence = Evidence(transcript: [entry])
                    if judgeResult || recovery { record.judgement.judgeAssociationResponse(response, evidence: evidence) }
                    let result = response.result
                    let name = result.name ?? String(result.rawValue)
                    if recovery {
                        record.judgement.record(.abortRecovery, result.isAccepted ? .pass : .fail, subject: "association after an abort",
                                                reason: result.isAccepted ? "the manager answered \(name) after the abort" : "the manager answered \(name) to a new association after an abort",
                                                evidence: evidence)
                    } else if judgeResult {
                        let extended = configID >= 0x4000
                        let kind = extended ? "extended" : "standard"
                        let fine = result == .acceptedUnknownConfig || (result == .accepted && !extended)
                        record.judgement.record(.aareResult, fine ? .pass : .fail, subject: "association",
                                                reason: fine ? "the manager answered \(name) to \(kind) configuration \(String(format4: configID))"
                                                    : "the manager answered \(name) to \(kind) configuration \(String(format4: configID))\(extended && result == .accepted ? ", which it cannot know" : "")",
                                                evidence: evidence)
                    }
                    if !result.isAccepted {
                        if recovery { return endNil("the manager did not accept the association after an abort", .protocolViolation) }
                        return endNil("the manager did not accept the association (\(name))", .protocolViolation)
                    }
                    return result
                case .apdu(.presentation(let data), _) where previousMayTrail:
                    record.note("\(data.message.kindName) of the association the harness ended arrived late; not judged")
                case .apdu(let other, let entry):
                    record.outOfState("\(Self.summary(other)) arrived where the association response was due", evidence: entry)
                case .malformed: continue
                case .ended(let reason, let kind):
                    if recovery {
                        record.judgement.record(.abortRecovery, .fail, subject: "association after an abort", reason: "no association response after an abort: \(reason)", kind: kind)
                    } else if judgeResult {
                        record.judgement.record(.aareResult, .fail, subject: "association", reason: "no association response: \(reason)", kind: kind)
                    }
                    return endNil(reason, kind)
                }
            }
        }
    }
}
