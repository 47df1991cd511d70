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

    struct State {
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
    func exchange(_ channel: APDUChannel, _ state: inout State) async -> Bool {
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
            // The profile chose to accept the standard configuration: no report was asked for.
            for kind in [PHDRuleKind.configReport, .configAttributes] {
                state.record.judgement.record(kind, .notApplicable, subject: "configuration",
                                              reason: "the harness accepted standard configuration \(String(format4: info.devConfigID)) as the profile asks, so the agent reports none")
            }
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

    /// The harness's association information as a manager.
    static let managerInformation = PhdAssociationInformation(
        systemType: PhdAssociationInformation.SystemType.manager, systemID: systemID, devConfigID: 0)
}
