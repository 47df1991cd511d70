import MedConformCore

/// The steps of an association in the agent role: configuration, reports, release, and the
/// answers the reference agent gives to what the manager asks.
extension AgentRoleSession.Exchange {
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

}
