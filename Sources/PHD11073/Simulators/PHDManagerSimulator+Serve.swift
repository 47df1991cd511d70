import Transports

extension PHDManagerSimulator {
    /// Serves associations one after another on `channel` until the agent closes it, the
    /// connection fails, nothing comes for ``idleLimit``, or the task is cancelled.
    ///
    /// AARQ → AARE; after accepted-unknown-config it waits `responseTimeout` for the
    /// configuration report (else ABRT configuration-timeout) and accepts it; once operating
    /// it sends one GET for the MDS attributes and waits `responseTimeout` for the answer
    /// (else ABRT response-timeout); it acknowledges every confirmed event report, answers
    /// RLRQ with RLRE and is ready for the next AARQ after a release or an abort. APDUs that
    /// do not fit the state, and bytes that are no APDU, are answered with ABRT, as 20601's
    /// state tables do. Nothing the agent sends can make it trap.
    ///
    /// - Parameters:
    ///   - channel: A connection to the agent; the manager closes it when done.
    ///   - responseTimeout: The longest wait for the configuration report and the GET answer.
    ///   - log: Receives one line per event.
    ///   - trace: Receives every APDU sent and received, as bytes.
    /// - Returns: Why serving ended, and what was served.
    @discardableResult
    public func serve(on channel: APDUChannel, responseTimeout: Duration,
                      log: @escaping @Sendable (String) -> Void,
                      trace: @escaping @Sendable (PHDTraceEvent) -> Void = { _ in }) async -> PHDManagerRunEnd {
        var session = ManagerSession(manager: self, channel: channel, timeout: PHDBytes.boundedTimeout(responseTimeout), log: log, trace: trace)
        let end = await session.serve()
        log("manager: \(end)")
        await channel.close()
        return end
    }
}

/// One connection served by the manager.
private struct ManagerSession {
    let manager: PHDManagerSimulator
    let channel: APDUChannel
    let timeout: Duration
    let log: @Sendable (String) -> Void
    let trace: @Sendable (PHDTraceEvent) -> Void

    enum State: Equatable {
        case unassociated
        case waitingForConfig
        case operating
    }

    var state = State.unassociated
    var abortHappened = false
    var nextInvokeID: UInt16
    /// The invoke-id of the GET awaiting its answer.
    var pendingGet: UInt16?
    /// When the configuration report or the GET answer is due.
    var deadline: ContinuousClock.Instant?
    var end = PHDManagerRunEnd(reason: .peerClosed)

    init(manager: PHDManagerSimulator, channel: APDUChannel, timeout: Duration,
         log: @escaping @Sendable (String) -> Void, trace: @escaping @Sendable (PHDTraceEvent) -> Void) {
        self.manager = manager
        self.channel = channel
        self.timeout = timeout
        self.log = log
        self.trace = trace
        nextInvokeID = manager.firstInvokeID
    }

    var faults: Set<PHDManagerFault> { manager.faults }

    mutating func serve() async -> PHDManagerRunEnd {
        while true {
            if Task.isCancelled { return finish(.cancelled) }
            var wait = manager.idleLimit
            if let deadline { wait = min(wait, max(.zero, deadline - .now)) }
            let event = await channel.receive(timeout: wait)
            switch event {
            case .timedOut:
                if let deadline, ContinuousClock.now >= deadline {
                    await dueAnswerMissing()
                    continue
                }
                if deadline == nil || wait == manager.idleLimit {
                    log("manager: nothing received for \(manager.idleLimit)")
                    return finish(.idle)
                }
            case .closed:
                log("manager: the agent closed the connection")
                return finish(.peerClosed)
            case .failed(let error, _):
                log("manager: the connection failed: \(error)")
                return finish(error == .cancelled ? .cancelled : .connectionFailed)
            case .apdu(let bytes):
                trace(PHDTraceEvent(.received, bytes))
                if faults.contains(.crashOnEmptyObjectCount) && PHDFuzzTriggers.configReportCountsNoObjectsInANonEmptyList(bytes) {
                    log("manager: crashing on a configuration report that counts no objects in a non-empty list (fault)")
                    await channel.abort()
                    return finish(.crashed)
                }
                if faults.contains(.hangOnLongAttribute)
                    && PHDFuzzTriggers.configReportHasAttribute(bytes, longerThan: PHDFuzzTriggers.longAttributeBytes) {
                    log("manager: hanging on an attribute longer than \(PHDFuzzTriggers.longAttributeBytes) bytes (fault)")
                    await PHDFuzzTriggers.hang()
                    return finish(.cancelled)
                }
                if await handle(bytes) { return finish(end.reason) }
            }
        }
    }

    private mutating func finish(_ reason: PHDManagerRunEnd.Reason) -> PHDManagerRunEnd {
        end.reason = reason
        return end
    }

    /// The configuration report or the GET answer did not come in time: abort.
    mutating func dueAnswerMissing() async {
        if state == .waitingForConfig {
            log("manager: no configuration report within \(timeout)")
            _ = await abort(.configurationTimeout)
        } else if let pendingGet {
            log("manager: no answer to the GET (invoke-id \(pendingGet)) within \(timeout)")
            _ = await abort(.responseTimeout)
        } else {
            deadline = nil
        }
    }

    /// Handles one APDU's bytes; true when the connection is gone.
    mutating func handle(_ bytes: [UInt8]) async -> Bool {
        let apdu: APDU
        do {
            apdu = try APDU.decode(bytes)
        } catch {
            log("manager: malformed APDU from the agent: \(error)")
            return await abort(.undefined)
        }
        switch apdu {
        case .associationRequest(let request):
            guard state == .unassociated else {
                log("manager: AARQ while associated")
                return await abort(.undefined)
            }
            return await associate(request)
        case .releaseRequest:
            guard state != .unassociated else {
                log("manager: RLRQ without an association")
                return await abort(.undefined)
            }
            if faults.contains(.noReleaseResponse) {
                log("manager: ignoring the RLRQ (fault)")
                return false
            }
            reset()
            end.releases += 1
            return await send(.releaseResponse(.normal), "RLRE (normal)")
        case .abort(let reason):
            log("manager: the agent aborted (\(reason.name ?? String(reason.rawValue)))")
            reset()
            abortHappened = true
            end.aborts += 1
            return false
        case .associationResponse, .releaseResponse:
            log("manager: unexpected \(apdu.kindName) from the agent")
            return await abort(.undefined)
        case .presentation(let data):
            guard state != .unassociated else {
                log("manager: \(data.message.kindName) before association")
                return await abort(.undefined)
            }
            return await handle(data)
        }
    }

    mutating func associate(_ request: AssociationRequest) async -> Bool {
        let result = manager.associationResult(for: request, afterAbort: abortHappened)
        let information = request.phdInformation
        let configID = information.map { PHDBytes.hex16($0.devConfigID) } ?? "none"
        if let information, information.systemType != PhdAssociationInformation.SystemType.agent {
            log("manager: the AARQ declares system-type 0x\(String(information.systemType, radix: 16)), not agent")
        }
        if await send(manager.associationResponse(result: result), "AARE \(result.name ?? String(result.rawValue)) for dev-config-id \(configID)") {
            return true
        }
        if faults.contains(.strayAnswer), end.associations == 0, result.isAccepted {
            let stray = DataAPDU(invokeID: 0xFFFF, message: .getResult(GetResult(handle: PHDCode.mdsHandle, attributes: [])))
            if await send(.presentation(stray), "a RORS get that answers nothing (fault)") { return true }
        }
        switch result {
        case .accepted:
            end.associations += 1
            return await startOperating()
        case .acceptedUnknownConfig:
            end.associations += 1
            state = .waitingForConfig
            deadline = .now + timeout
            return false
        default:
            return false
        }
    }

    /// Enters the operating state and reads the MDS attributes.
    mutating func startOperating() async -> Bool {
        state = .operating
        let invokeID = nextInvokeID
        nextInvokeID &+= 1
        pendingGet = invokeID
        deadline = .now + timeout
        return await send(.presentation(DataAPDU(invokeID: invokeID, message: .get(GetArgument(handle: PHDCode.mdsHandle, attributeIDs: [])))),
                          "GET MDS attributes (invoke-id \(invokeID))")
    }

    mutating func handle(_ data: DataAPDU) async -> Bool {
        switch data.message {
        case .eventReport(let argument, let confirmed):
            if argument.eventType == PHDCode.notiConfig {
                return await configure(data.invokeID, argument, confirmed: confirmed)
            }
            guard state == .operating else {
                log("manager: event report \(argument.eventType) while waiting for the configuration")
                return await abort(.undefined)
            }
            guard confirmed else { return false }
            // The fault shifts the acknowledgements of measurements, not of the configuration,
            // so that the agent gets as far as reporting.
            let answerID = faults.contains(.wrongInvokeID) ? data.invokeID &+ 1 : data.invokeID
            end.acknowledgedReports += 1
            let result = EventReportResult(handle: argument.handle, currentTime: 0, eventType: argument.eventType, reply: .opaque([]))
            let answer = APDU.presentation(DataAPDU(invokeID: answerID, message: .eventReportResult(result)))
            if faults.contains(.malformedAck), end.acknowledgedReports == 1 {
                // The data-APDU length (bytes 8-9: after the APDU header, the octet-string
                // length and the invoke-id) claims 2 bytes more; the outer lengths stay true.
                var bytes = PHDBytes.encoded(answer)
                bytes.replaceSubrange(8..<10, with: PHDBytes.u16(PHDBytes.readU16(bytes, 8) &+ 2))
                return await sendBytes(bytes, "a malformed acknowledgement (fault)")
            }
            return await send(answer, "acknowledgement of event \(argument.eventType) (invoke-id \(answerID))")
        case .getResult(let result):
            guard let pendingGet, pendingGet == data.invokeID else {
                log("manager: GET answer with invoke-id \(data.invokeID), \(pendingGet.map { "expected \($0)" } ?? "no GET pending")")
                return false
            }
            log("manager: GET answered with \(result.attributes.count) MDS attribute(s)")
            self.pendingGet = nil
            deadline = nil
            end.mdsAnswers += 1
            return false
        case .error, .reject:
            if let pendingGet, pendingGet == data.invokeID {
                log("manager: the GET was refused (\(data.message.kindName))")
                self.pendingGet = nil
                deadline = nil
            } else {
                log("manager: \(data.message.kindName) for invoke-id \(data.invokeID)")
            }
            return false
        default:
            log("manager: ignoring \(data.message.kindName) (invoke-id \(data.invokeID))")
            return false
        }
    }

    /// Accepts a configuration report: the manager stores nothing it would reject.
    mutating func configure(_ invokeID: UInt16, _ argument: EventReportArgument, confirmed: Bool) async -> Bool {
        guard case .config(let report) = argument.info else { return await abort(.undefined) }
        if faults.contains(.noConfigResponse) {
            log("manager: ignoring the configuration report \(PHDBytes.hex16(report.reportID)) (fault)")
            deadline = nil
            return false
        }
        end.configurations += 1
        let result = EventReportResult(handle: argument.handle, currentTime: 0, eventType: PHDCode.notiConfig,
                                       reply: .configResponse(reportID: report.reportID, result: .acceptedConfig))
        let answerID = faults.contains(.wrongConfigInvokeID) ? invokeID &+ 1 : invokeID
        if await send(.presentation(DataAPDU(invokeID: answerID, message: .eventReportResult(result))),
                      "configuration response \(PHDBytes.hex16(report.reportID)) accepted-config (invoke-id \(invokeID))") { return true }
        if state == .waitingForConfig { return await startOperating() }
        return false
    }

    /// Back to unassociated, nothing pending.
    mutating func reset() {
        state = .unassociated
        pendingGet = nil
        deadline = nil
    }

    /// Sends ABRT and returns to unassociated; true when the connection is gone.
    mutating func abort(_ reason: AbortReason) async -> Bool {
        reset()
        abortHappened = true
        end.aborts += 1
        return await send(.abort(reason), "ABRT (\(reason.name ?? String(reason.rawValue)))")
    }

    /// Sends an APDU; true when the connection is gone.
    mutating func send(_ apdu: APDU, _ what: String) async -> Bool {
        await sendBytes(PHDBytes.encoded(apdu), what)
    }

    /// Writes bytes as given; true when the connection is gone.
    mutating func sendBytes(_ bytes: [UInt8], _ what: String) async -> Bool {
        do {
            try await channel.send(bytes)
        } catch {
            log("manager: could not send \(what): \(error)")
            end.reason = error == .cancelled ? .cancelled : (error == .closed ? .peerClosed : .connectionFailed)
            return true
        }
        trace(PHDTraceEvent(.sent, bytes))
        log("manager: sent \(what)")
        return false
    }
}
