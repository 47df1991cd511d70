import MedConformCore
import Transports

/// The harness as a 20601 agent testing a manager or gateway: associates with the profile's
/// standard configuration, reports it when asked, sends measurements, releases, then aborts
/// an association and checks that the manager takes the next one. The agent's APDUs are the
/// conformant reference agent's, so every failure is the manager's.
struct AgentRoleSession {
    let configuration: PHDSuiteConfiguration
    let context: SuiteRunContext

    private enum Incoming {
        case apdu(APDU, TranscriptEntry)
        case malformed
        case ended(String, ProblemKind)
    }

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
    private struct Exchange {
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

        mutating func configure(_ report: APDU, reportID: UInt16) async -> Bool {
            let id: UInt16 = if case .presentation(let data) = report { data.invokeID } else { 0 }
            guard await send(report, "configuration report \(String(format4: reportID))") else {
                return end("could not send the configuration report", .connectionClosed)
            }
            while true {
                switch await next(configuration.timeouts.configuration, "the answer to the configuration report") {
                case .apdu(.presentation(let data), let entry):
                    let evidence = Evidence(transcript: [entry])
                    if case .eventReportResult(let result) = data.message {
                        record.judgement.record(.invokeID, data.invokeID == id ? .pass : .fail, subject: "configuration response",
                                                reason: data.invokeID == id ? "carries invoke-id \(String(format4: id))" : "carries invoke-id \(String(format4: data.invokeID)); the report had \(String(format4: id))",
                                                evidence: evidence)
                        var problems: [String] = []
                        if result.eventType != PHDCode.notiConfig { problems.append("answers event type \(result.eventType), not MDC_NOTI_CONFIG") }
                        if case .configResponse(let answered, let outcome) = result.reply {
                            if answered != reportID { problems.append("names configuration \(String(format4: answered)), not \(String(format4: reportID))") }
                            if outcome != .acceptedConfig { problems.append("answers \(outcome.name ?? String(outcome.rawValue)) to a configuration of a supported specialization") }
                        } else {
                            problems.append("carries no config-report-rsp")
                        }
                        record.judgement.record(.configResponse, problems.isEmpty ? .pass : .fail, subject: "configuration response",
                                                reason: problems.isEmpty ? "accepts configuration \(String(format4: reportID))" : problems.joined(separator: "; "), evidence: evidence)
                        return true
                    }
                    guard await answerInvocation(data, entry: entry) else { return false }
                case .apdu(let other, let entry):
                    record.outOfState("\(Self.summary(other)) arrived where the configuration response was due", evidence: entry)
                    if case .abort = other { return end("the manager aborted during configuration", .connectionClosed) }
                case .malformed: continue
                case .ended(let reason, let kind):
                    record.judgement.record(.configResponse, .fail, subject: "configuration response", reason: "no answer to the configuration report: \(reason)", kind: kind)
                    if kind == .timeout {
                        _ = await send(.abort(.responseTimeout), "ABRT response-timeout")
                        return end(reason, kind)
                    }
                    return end(reason, kind)
                }
            }
        }

        mutating func report(_ index: Int) async -> Bool {
            let id = takeInvokeID()
            let bytes = agent.measurementReport(index: index, invokeID: id)
            guard await sendBytes(bytes, "measurement report \(index + 1)") else { return end("could not send a measurement", .connectionClosed) }
            while true {
                switch await next(configuration.timeouts.operating, "the acknowledgement of measurement \(index + 1)") {
                case .apdu(.presentation(let data), let entry):
                    if case .eventReportResult(let result) = data.message {
                        var problems: [String] = []
                        if data.invokeID != id { problems.append("carries invoke-id \(String(format4: data.invokeID)); the report had \(String(format4: id))") }
                        if result.handle != PHDCode.mdsHandle { problems.append("answers handle \(result.handle), not the MDS (0)") }
                        if result.eventType != PHDCode.notiScanReportFixed { problems.append("answers event type \(result.eventType), not the report's \(PHDCode.notiScanReportFixed)") }
                        record.judgement.record(.eventAck, problems.isEmpty ? .pass : .fail, subject: "measurement \(index + 1)",
                                                reason: problems.isEmpty ? "acknowledged with invoke-id \(String(format4: id))" : "the acknowledgement " + problems.joined(separator: "; "),
                                                evidence: Evidence(transcript: [entry]))
                        return true
                    }
                    guard await answerInvocation(data, entry: entry) else { return false }
                case .apdu(let other, let entry):
                    record.outOfState("\(Self.summary(other)) arrived where an acknowledgement was due", evidence: entry)
                    if case .abort = other { return end("the manager aborted while the agent reported", .connectionClosed) }
                case .malformed: continue
                case .ended(let reason, let kind):
                    record.judgement.record(.eventAck, .fail, subject: "measurement \(index + 1)", reason: "no acknowledgement: \(reason)", kind: kind)
                    return kind == .timeout ? true : end(reason, kind)
                }
            }
        }

        /// Releases; a manager that does not answer is aborted so the suite can go on.
        mutating func release() async {
            guard await send(.releaseRequest(.normal), "RLRQ normal") else { return }
            while true {
                switch await next(configuration.timeouts.release, "the release response") {
                case .apdu(.releaseResponse(let reason), let entry):
                    record.judgement.record(.release, reason == .normal ? .pass : .fail, subject: "release",
                                            reason: reason == .normal ? "RLRQ answered with RLRE normal" : "RLRE carries reason \(reason.rawValue), not normal (0)",
                                            evidence: Evidence(transcript: [entry]))
                    return
                case .apdu(.presentation(let data), let entry):
                    guard await answerInvocation(data, entry: entry) else { return }
                case .apdu(let other, let entry):
                    record.judgement.record(.release, .fail, subject: "release", reason: "\(Self.summary(other)) arrived where RLRE was due", evidence: Evidence(transcript: [entry]))
                    return
                case .malformed: continue
                case .ended(let reason, let kind):
                    record.judgement.record(.release, .fail, subject: "release", reason: "no RLRE: \(reason)", kind: kind)
                    _ = await send(.abort(.responseTimeout), "ABRT response-timeout")
                    return
                }
            }
        }

        /// Answers what a manager may ask of an agent while associated (the GET of the MDS).
        mutating func answerInvocation(_ data: DataAPDU, entry: TranscriptEntry) async -> Bool {
            switch data.message {
            case .get(let argument):
                return await send(agent.getResponse(invokeID: data.invokeID, argument: argument), "GET answer")
            default:
                if data.message.isInvocation {
                    record.note("the manager invoked \(data.message.kindName); the reference agent does not answer it")
                } else {
                    record.outOfState("\(data.message.kindName) with invoke-id \(String(format4: data.invokeID)) answers nothing the agent asked", evidence: entry)
                }
                return true
            }
        }

        mutating func next(_ timeout: Duration, _ what: String) async -> Incoming {
            if Task.isCancelled { return .ended("interrupted while waiting for \(what)", .interrupted) }
            switch await channel.receive(timeout: timeout) {
            case .apdu(let bytes):
                let decoded = try? APDU.decode(bytes)
                let entry = record.wire(.fromDevice, bytes, summary: decoded.map(Self.summary) ?? "malformed APDU (\(bytes.count) bytes)")
                guard let apdu = record.judgement.decode(bytes, subject: "APDU from the manager", evidence: Evidence(transcript: [entry])) else { return .malformed }
                return .apdu(apdu, entry)
            case .timedOut(let pending):
                if !pending.isEmpty {
                    let entry = record.wire(.fromDevice, pending, summary: "incomplete APDU")
                    record.judgement.record(.apduWellformed, .fail, subject: "APDU from the manager",
                                            reason: "the header announces more bytes than came within \(timeout.secondsWithMilliseconds) s (\(pending.count) received)",
                                            kind: .malformed, evidence: Evidence(transcript: [entry]))
                }
                return .ended("no \(what) within \(timeout.secondsWithMilliseconds) s", .timeout)
            case .closed:
                return .ended("the manager closed the connection while the harness waited for \(what)", .connectionClosed)
            case .failed(let error, _):
                return .ended("the connection failed while the harness waited for \(what): \(error)", .connectionClosed)
            }
        }

        mutating func send(_ apdu: APDU, _ summary: String) async -> Bool {
            guard let bytes = try? apdu.encoded() else { return false }
            return await sendBytes(bytes, summary)
        }

        mutating func sendBytes(_ bytes: [UInt8], _ summary: String) async -> Bool {
            record.wire(.toDevice, bytes, summary: summary)
            do {
                try await channel.send(bytes)
                return true
            } catch {
                record.note("could not send \(summary): \(error)")
                return false
            }
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

        static func summary(_ apdu: APDU) -> String {
            if case .presentation(let data) = apdu { return "PRST \(data.message.kindName) invoke-id \(String(format4: data.invokeID))" }
            return apdu.kindName
        }
    }
}
