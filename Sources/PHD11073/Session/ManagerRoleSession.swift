import MedConformCore
import Transports

/// The harness as a 20601 manager testing an agent: takes the association, answers it as the
/// profile asks, judges the configuration, reads the MDS attributes, receives and judges the
/// measurements, acknowledges them, and releases. Every APDU is judged where it arrives.
struct ManagerRoleSession {
    let configuration: PHDSuiteConfiguration
    let context: SuiteRunContext
    /// The harness's own system-id as a manager (synthetic).
    static let systemID: [UInt8] = [0x4D, 0x43, 0x4F, 0x4E, 0x46, 0x4F, 0x52, 0x4D]

    /// What arrived next, already decoded and judged for well-formedness.
    private enum Incoming {
        case apdu(APDU, TranscriptEntry)
        /// Bytes that are not an APDU: judged, evidence kept, the exchange goes on.
        case malformed
        case ended(String, ProblemKind)
    }

    private struct State {
        var record: PHDSessionRecord
        var models: [ObjectModel] = []
        var offeredConfigID: UInt16?
        var systemID: [UInt8] = []
        var reports = 0
        var released = false
        var nextInvokeID: UInt16 = 0x0100
        /// Set when the agent reported an unknown configuration and the harness accepted it.
        var configuredByReport = false
        /// The agent's abort, when it sent one.
        var agentAbort: (reason: AbortReason, entry: TranscriptEntry)?
    }

    func run() async -> SuiteResult {
        var state = State(record: PHDSessionRecord(clock: context.clock, rules: configuration.rules))
        let simulatorLog = PHDLogLines()
        let link: PHDLink
        do {
            link = try await PHDLink.openAsManager(configuration, context: context, log: { simulatorLog.append($0) })
            state.record.note("connected: \(link.channel.remote)")
        } catch {
            state.record.sessionProblem(.error, "could not reach the agent: \(error)", kind: error == .cancelled ? .interrupted : .deviceUnreachable)
            return state.record.suiteResult(configuration, context: context, simulatorLog: simulatorLog.snapshot())
        }
        if await exchange(link.channel, &state) {
            state.record.sessionCompleted("associated, configured, read the MDS, received \(state.reports) report\(state.reports == 1 ? "" : "s") and released")
        } else if state.configuredByReport, state.reports == 0, state.agentAbort == nil {
            // The exchange may have stopped on a write to an agent that had already aborted:
            // read what it sent before judging the configuration.
            while state.agentAbort == nil, case .apdu = await next(link.channel, timeout: .milliseconds(200), waitingFor: "a last APDU", &state) {}
        }
        if state.configuredByReport, state.reports == 0, let abort = state.agentAbort {
            // Reporting an unknown configuration leads to the operating state; an agent that
            // aborts before its first measurement never completed its configuration.
            state.record.judgement.record(.configReport, .fail, subject: "configuration",
                                          reason: "the agent aborted (\(abort.reason.name ?? String(abort.reason.rawValue))) after its configuration report, before reporting any measurement",
                                          evidence: Evidence(transcript: [abort.entry]))
        }
        if state.record.stateViolations == 0, state.offeredConfigID != nil {
            state.record.judgement.record(.state, .pass, subject: "state", reason: "every APDU arrived in a state that allows it")
        }
        await link.close()
        return state.record.suiteResult(configuration, context: context, simulatorLog: simulatorLog.snapshot())
    }

    /// The whole exchange; false when it ended early (the reason is in the session check).
    private func exchange(_ channel: APDUChannel, _ state: inout State) async -> Bool {
        let timeouts = configuration.timeouts
        // Association.
        var request: AssociationRequest?
        while request == nil {
            switch await next(channel, timeout: timeouts.association, waitingFor: "an association request", &state) {
            case .apdu(.associationRequest(let aarq), let entry):
                request = aarq
                state.record.judgement.judgeAssociationRequest(aarq, evidence: Evidence(transcript: [entry]))
            case .apdu(let other, let entry):
                state.record.outOfState("\(summary(other)) arrived before any association", evidence: entry)
                if case .abort = other { return end(&state, "the agent aborted before associating", .connectionClosed) }
            case .malformed: continue
            case .ended(let reason, let kind): return end(&state, reason, kind)
            }
        }
        guard let request, let info = request.phdInformation else {
            await abort(channel, .undefined, &state)
            return end(&state, "the association request offers no 20601 data protocol", .protocolViolation)
        }
        state.offeredConfigID = info.devConfigID
        state.systemID = info.systemID
        let known = configuration.answer == .accepted ? configuration.rules.standardConfiguration(info.devConfigID) : nil
        let result: AssociateResult = known == nil ? .acceptedUnknownConfig : .accepted
        guard await send(channel, .associationResponse(AssociationResponse(result: result, selectedDataProto: .phd(Self.managerInformation))),
                         "AARE \(result.name ?? "")", &state) else { return end(&state, "could not answer the association", .connectionClosed) }

        // Configuration.
        if let known {
            state.models = known
            state.record.judgement.judgeObjects(known, subject: "standard configuration \(String(format4: info.devConfigID))", evidence: .none)
        } else {
            var configured = false
            while !configured {
                switch await next(channel, timeout: timeouts.configuration, waitingFor: "the configuration report", &state) {
                case .apdu(.presentation(let data), let entry):
                    if case .eventReport(let report, let confirmed) = data.message, case .config(let config) = report.info {
                        state.models = state.record.judgement.judgeConfiguration(config, handle: report.handle, confirmed: confirmed,
                                                                                 offeredConfigID: info.devConfigID, evidence: Evidence(transcript: [entry]))
                        let answer = DataAPDU(invokeID: data.invokeID, message: .eventReportResult(EventReportResult(
                            handle: report.handle, currentTime: 0, eventType: PHDCode.notiConfig,
                            reply: .configResponse(reportID: config.reportID, result: .acceptedConfig))))
                        state.configuredByReport = true
                        guard await send(channel, .presentation(answer), "configuration accepted", &state) else {
                            return end(&state, "could not answer the configuration report", .connectionClosed)
                        }
                        configured = true
                    } else {
                        state.record.outOfState("\(summary(.presentation(data))) arrived while the configuration was awaited", evidence: entry)
                    }
                case .apdu(.abort(let reason), let entry):
                    state.record.judgement.record(.configReport, .fail, subject: "configuration", reason: "the agent aborted (\(reason.name ?? String(reason.rawValue))) instead of completing its configuration",
                                                  evidence: Evidence(transcript: [entry]))
                    return end(&state, "the agent aborted during configuration", .connectionClosed)
                case .apdu(.releaseRequest, let entry):
                    state.record.outOfState("RLRQ arrived before the configuration was reported", evidence: entry)
                    _ = await send(channel, .releaseResponse(.normal), "RLRE", &state)
                    return end(&state, "the agent released before configuring", .connectionClosed)
                case .apdu(let other, let entry):
                    state.record.outOfState("\(summary(other)) arrived while the configuration was awaited", evidence: entry)
                case .malformed: continue
                case .ended(let reason, let kind):
                    state.record.judgement.record(.configReport, .fail, subject: "configuration", reason: "no configuration report: \(reason)", kind: kind)
                    if kind == .timeout { await abort(channel, .configurationTimeout, &state) }
                    return end(&state, reason, kind)
                }
            }
        }

        // The MDS attributes.
        let getID = state.nextInvokeID
        state.nextInvokeID &+= 1
        guard await send(channel, .presentation(DataAPDU(invokeID: getID, message: .get(GetArgument(handle: PHDCode.mdsHandle, attributeIDs: [])))),
                         "GET MDS attributes", &state) else { return end(&state, "could not ask for the MDS attributes", .connectionClosed) }
        var answered = false
        while !answered {
            switch await next(channel, timeout: timeouts.operating, waitingFor: "the answer to GET", &state) {
            case .apdu(.presentation(let data), let entry):
                if case .getResult(let result) = data.message {
                    answered = true
                    judgeGetAnswer(result, invokeID: data.invokeID, expected: getID, entry: entry, &state)
                } else if case .error = data.message, data.invokeID == getID {
                    answered = true
                    state.record.judgement.record(.getResponse, .fail, subject: "GET MDS", reason: "the agent answered the GET with an error (ROER)", evidence: Evidence(transcript: [entry]))
                } else if case .reject = data.message, data.invokeID == getID {
                    answered = true
                    state.record.judgement.record(.getResponse, .fail, subject: "GET MDS", reason: "the agent rejected the GET (RORJ)", evidence: Evidence(transcript: [entry]))
                } else if await !handleOperating(data, entry: entry, channel, &state) {
                    return end(&state, "could not acknowledge a report", .connectionClosed)
                }
            case .apdu(let other, let entry):
                if await handleControl(other, entry: entry, channel, &state) { return end(&state, "the agent ended the association while the GET was answered", .connectionClosed) }
            case .malformed: continue
            case .ended(let reason, let kind):
                state.record.judgement.record(.getResponse, .fail, subject: "GET MDS", reason: "no answer to the GET of the MDS attributes: \(reason)", kind: kind)
                if kind != .timeout { return end(&state, reason, kind) }
                answered = true
            }
        }

        // Measurements.
        while state.reports < configuration.measurements && !state.released {
            switch await next(channel, timeout: timeouts.operating, waitingFor: "measurement report \(state.reports + 1) of \(configuration.measurements)", &state) {
            case .apdu(.presentation(let data), let entry):
                if await !handleOperating(data, entry: entry, channel, &state) { return end(&state, "could not acknowledge a report", .connectionClosed) }
            case .apdu(let other, let entry):
                if await handleControl(other, entry: entry, channel, &state) {
                    return end(&state, "the agent ended the association after \(state.reports) of \(configuration.measurements) reports", .connectionClosed)
                }
            case .malformed: continue
            case .ended(let reason, let kind): return end(&state, reason, kind)
            }
        }
        if state.released { return true }

        // Release.
        guard await send(channel, .releaseRequest(.normal), "RLRQ normal", &state) else { return end(&state, "could not send the release request", .connectionClosed) }
        while true {
            switch await next(channel, timeout: timeouts.release, waitingFor: "the release response", &state) {
            case .apdu(.releaseResponse(let reason), let entry):
                state.record.judgement.record(.release, reason == .normal ? .pass : .fail, subject: "release",
                                              reason: reason == .normal ? "RLRQ answered with RLRE normal" : "RLRE carries reason \(reason.rawValue), not normal (0)",
                                              evidence: Evidence(transcript: [entry]))
                return true
            case .apdu(.releaseRequest, _):
                // Both sides released at once; answering keeps the agent's release clean.
                _ = await send(channel, .releaseResponse(.normal), "RLRE normal", &state)
            case .apdu(.presentation(let data), let entry):
                if case .eventReport = data.message {
                    state.record.outOfState("\(summary(.presentation(data))) arrived after the release request", evidence: entry)
                }
            case .apdu(let other, let entry):
                state.record.judgement.record(.release, .fail, subject: "release", reason: "\(summary(other)) arrived where RLRE was due", evidence: Evidence(transcript: [entry]))
                return end(&state, "the release did not complete", .protocolViolation)
            case .malformed: continue
            case .ended(let reason, let kind):
                state.record.judgement.record(.release, .fail, subject: "release", reason: "no RLRE: \(reason)", kind: kind)
                return end(&state, reason, kind)
            }
        }
    }

    // MARK: - Operating state

    /// A data APDU in the operating state: measurement reports are judged and acknowledged.
    /// Returns false when the acknowledgement could not be sent.
    private func handleOperating(_ data: DataAPDU, entry: TranscriptEntry, _ channel: APDUChannel, _ state: inout State) async -> Bool {
        guard case .eventReport(let report, let confirmed) = data.message else {
            if !data.message.isInvocation {
                state.record.judgement.record(.invokeID, .fail, subject: "invoke-id", reason: "\(data.message.kindName) with invoke-id \(String(format4: data.invokeID)) answers no invocation of the harness",
                                              evidence: Evidence(transcript: [entry]))
            }
            return true
        }
        if case .config = report.info {
            state.record.outOfState("a configuration report arrived in the operating state", evidence: entry)
        } else {
            state.reports += 1
            judgeReport(report, subject: "report \(state.reports)", entry: entry, &state)
        }
        guard confirmed else { return true }
        let answer = DataAPDU(invokeID: data.invokeID, message: .eventReportResult(EventReportResult(
            handle: report.handle, currentTime: 0, eventType: report.eventType, reply: .opaque([]))))
        return await send(channel, .presentation(answer), "acknowledgement of report \(state.reports)", &state)
    }

    /// Release and abort from the agent while associated; true when the association ended.
    private func handleControl(_ apdu: APDU, entry: TranscriptEntry, _ channel: APDUChannel, _ state: inout State) async -> Bool {
        switch apdu {
        case .releaseRequest:
            state.released = true
            _ = await send(channel, .releaseResponse(.normal), "RLRE normal", &state)
            return state.reports < configuration.measurements
        case .abort(let reason):
            state.record.note("the agent aborted: \(reason.name ?? String(reason.rawValue))")
            return true
        default:
            state.record.outOfState("\(summary(apdu)) arrived during the association", evidence: entry)
            return false
        }
    }

    private func judgeReport(_ report: EventReportArgument, subject: String, entry: TranscriptEntry, _ state: inout State) {
        let evidence = Evidence(transcript: [entry])
        let models = state.models
        func model(_ handle: UInt16) -> ObjectModel? { models.first { $0.handle == handle } }
        var reads: [ReadObservation] = []
        switch report.info {
        case .scanFixed(let scan): reads = scan.observations.map { .fixed($0, model: model($0.handle)) }
        case .scanVar(let scan): reads = scan.observations.map { .variable($0, model: model($0.handle)) }
        case .scanMPFixed(let scan): reads = scan.persons.flatMap(\.observations).map { .fixed($0, model: model($0.handle)) }
        case .scanMPVar(let scan): reads = scan.persons.flatMap(\.observations).map { .variable($0, model: model($0.handle)) }
        case .config, .opaque: state.record.note("\(subject): event \(report.eventType) is not a scan report; not judged")
        }
        for read in reads { state.record.judgement.judgeObservation(read, subject: subject, evidence: evidence) }
    }

    private func judgeGetAnswer(_ result: GetResult, invokeID: UInt16, expected: UInt16, entry: TranscriptEntry, _ state: inout State) {
        let evidence = Evidence(transcript: [entry])
        state.record.judgement.record(.invokeID, invokeID == expected ? .pass : .fail, subject: "GET MDS",
                                      reason: invokeID == expected ? "the GET answer carries invoke-id \(String(format4: expected))"
                                          : "the GET answer carries invoke-id \(String(format4: invokeID)), the GET had \(String(format4: expected))",
                                      evidence: evidence)
        var problems: [String] = []
        if result.handle != PHDCode.mdsHandle { problems.append("the answer is for handle \(result.handle), not the MDS (0)") }
        if let id = result.attributes.value(of: PHDCode.attrSysID) {
            // MDC_ATTR_SYS_ID is an octet string: its own length, then the EUI-64.
            let body = id.count >= 2 ? Array(id.dropFirst(2)) : []
            if body != state.systemID { problems.append("MDC_ATTR_SYS_ID \(PHDJudgement.hexBytes(body)) differs from the association's system-id \(PHDJudgement.hexBytes(state.systemID))") }
        } else {
            problems.append("the attributes lack MDC_ATTR_SYS_ID")
        }
        if let config = result.attributes.value(of: PHDCode.attrDevConfigID).flatMap(AttributeLayout.u16) {
            if let offered = state.offeredConfigID, config != offered {
                problems.append("MDC_ATTR_DEV_CONFIG_ID \(String(format4: config)) differs from the association's \(String(format4: offered))")
            }
        } else {
            problems.append("the attributes lack MDC_ATTR_DEV_CONFIG_ID")
        }
        state.record.judgement.record(.getResponse, problems.isEmpty ? .pass : .fail, subject: "GET MDS",
                                      reason: problems.isEmpty ? "answered with \(result.attributes.count) MDS attributes that agree with the association" : problems.joined(separator: "; "),
                                      evidence: evidence)
    }

    // MARK: - Wire

    private func next(_ channel: APDUChannel, timeout: Duration, waitingFor what: String, _ state: inout State) async -> Incoming {
        if Task.isCancelled { return .ended("interrupted while waiting for \(what)", .interrupted) }
        switch await channel.receive(timeout: timeout) {
        case .apdu(let bytes):
            let decoded = try? APDU.decode(bytes)
            let entry = state.record.wire(.fromDevice, bytes, summary: decoded.map(summary) ?? "malformed APDU (\(bytes.count) bytes)")
            guard let apdu = state.record.judgement.decode(bytes, subject: "APDU from the agent", evidence: Evidence(transcript: [entry])) else { return .malformed }
            if case .abort(let reason) = apdu { state.agentAbort = (reason, entry) }
            return .apdu(apdu, entry)
        case .timedOut(let pending):
            if !pending.isEmpty {
                let entry = state.record.wire(.fromDevice, pending, summary: "incomplete APDU")
                state.record.judgement.record(.apduWellformed, .fail, subject: "APDU from the agent",
                                              reason: "the header announces more bytes than came within \(timeout.secondsWithMilliseconds) s (\(pending.count) received)",
                                              kind: .malformed, evidence: Evidence(transcript: [entry]))
            }
            return .ended("no \(what) within \(timeout.secondsWithMilliseconds) s", .timeout)
        case .closed(let pending):
            if !pending.isEmpty {
                let entry = state.record.wire(.fromDevice, pending, summary: "incomplete APDU")
                state.record.judgement.record(.apduWellformed, .fail, subject: "APDU from the agent", reason: "the connection closed inside an APDU (\(pending.count) bytes of it)",
                                              kind: .malformed, evidence: Evidence(transcript: [entry]))
            }
            return .ended("the agent closed the connection while the harness waited for \(what)", .connectionClosed)
        case .failed(let error, _):
            return .ended("the connection failed while the harness waited for \(what): \(error)", .connectionClosed)
        }
    }

    private func send(_ channel: APDUChannel, _ apdu: APDU, _ summary: String, _ state: inout State) async -> Bool {
        guard let bytes = try? apdu.encoded() else { return false }
        state.record.wire(.toDevice, bytes, summary: summary)
        do {
            try await channel.send(bytes)
            return true
        } catch {
            state.record.note("could not send \(summary): \(error)")
            return false
        }
    }

    private func abort(_ channel: APDUChannel, _ reason: AbortReason, _ state: inout State) async {
        _ = await send(channel, .abort(reason), "ABRT \(reason.name ?? "")", &state)
    }

    private func end(_ state: inout State, _ reason: String, _ kind: ProblemKind) -> Bool {
        state.record.sessionProblem(.error, reason, kind: kind)
        return false
    }

    private func summary(_ apdu: APDU) -> String {
        if case .presentation(let data) = apdu { return "PRST \(data.message.kindName) invoke-id \(String(format4: data.invokeID))" }
        return apdu.kindName
    }

    /// The harness's association information as a manager.
    static let managerInformation = PhdAssociationInformation(
        systemType: PhdAssociationInformation.SystemType.manager, systemID: systemID, devConfigID: 0)
}
