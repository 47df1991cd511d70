import Transports

extension PHDAgentSimulator {
    /// Plays the agent on `channel`, which is already connected: the agent talks first.
    ///
    /// It sends its AARQ and reads the AARE; after accepted-unknown-config it sends its
    /// configuration report and waits for accepted-config; after accepted it goes straight on.
    /// Then it sends `measurements` confirmed scan reports, each answered before the next, and
    /// ends with a release request and its answer, then closes the channel. A GET on the MDS
    /// is answered whenever it comes, an RLRQ is answered and ends the run, an ABRT ends it.
    /// Every wait lasts at most `responseTimeout`; on a timeout, bytes that are no APDU, or an
    /// APDU that does not fit, the agent logs why, sends ABRT and returns. Nothing the manager
    /// sends can make it trap. Behaviour faults act here: see ``PHDAgentFault``.
    ///
    /// - Parameters:
    ///   - channel: A connection to the manager; the agent closes it when done.
    ///   - measurements: How many scan reports to send; each is built when sent.
    ///   - responseTimeout: The longest wait for one answer.
    ///   - log: Receives one line per event.
    ///   - trace: Receives every APDU sent and received, as bytes.
    /// - Returns: How the run ended.
    @discardableResult
    public func run(on channel: APDUChannel, measurements: Int, responseTimeout: Duration,
                    log: @escaping @Sendable (String) -> Void,
                    trace: @escaping @Sendable (PHDTraceEvent) -> Void = { _ in }) async -> PHDAgentRunEnd {
        var session = AgentSession(agent: self, channel: channel, timeout: PHDBytes.boundedTimeout(responseTimeout), log: log, trace: trace)
        let end = await session.play(measurements: max(0, measurements))
        log("\(session.name): \(end)")
        await channel.close()
        return end
    }
}

/// One run of an agent: its invoke-id counter and its waits.
private struct AgentSession {
    let agent: PHDAgentSimulator
    let channel: APDUChannel
    let timeout: Duration
    let log: @Sendable (String) -> Void
    let trace: @Sendable (PHDTraceEvent) -> Void
    var nextInvokeID: UInt16
    /// The end recorded by the last wait or send that ended the run.
    var recordedEnd: PHDAgentRunEnd = .peerClosed

    init(agent: PHDAgentSimulator, channel: APDUChannel, timeout: Duration,
         log: @escaping @Sendable (String) -> Void, trace: @escaping @Sendable (PHDTraceEvent) -> Void) {
        self.agent = agent
        self.channel = channel
        self.timeout = timeout
        self.log = log
        self.trace = trace
        nextInvokeID = agent.firstInvokeID
    }

    var name: String { "agent \(agent.specialization.rawValue)" }
    var faults: Set<PHDAgentFault> { agent.faults }

    mutating func takeInvokeID() -> UInt16 {
        defer { nextInvokeID &+= 1 }
        return nextInvokeID
    }

    /// What the agent waits for.
    enum Awaited {
        case associationResponse
        case configResponse(invokeID: UInt16)
        case eventAck(invokeID: UInt16, eventType: UInt16)
        case releaseResponse

        var name: String {
            switch self {
            case .associationResponse: "AARE"
            case .configResponse(let id): "configuration response (invoke-id \(id))"
            case .eventAck(let id, _): "event report acknowledgement (invoke-id \(id))"
            case .releaseResponse: "RLRE"
            }
        }
    }

    /// A wait's outcome: the awaited APDU, or the end of the run.
    enum Wait {
        case got(APDU)
        case ended(PHDAgentRunEnd)
    }

    mutating func play(measurements: Int) async -> PHDAgentRunEnd {
        if Task.isCancelled { return .cancelled }
        if faults.contains(.reportBeforeAssociation) {
            log("\(name): sending a scan report before associating (fault)")
            if let end = await send(agent.measurementReport(index: 0, invokeID: takeInvokeID()), "scan report before the AARQ") { return end }
        }
        if let end = await send(agent.associationRequest(), "AARQ (dev-config-id \(PHDBytes.hex16(agent.announcedDevConfigID)))") { return end }
        guard case .got(.associationResponse(let response)) = await wait(for: .associationResponse) else {
            return recordedEnd
        }
        switch response.result {
        case .accepted:
            log("\(name): association accepted with a known configuration")
        case .acceptedUnknownConfig:
            log("\(name): association accepted, configuration asked for")
            if let end = await configure() { return end }
        default:
            log("\(name): association rejected (\(response.result.name ?? String(response.result.rawValue)))")
            return .rejected(response.result)
        }
        for index in 0..<measurements {
            if Task.isCancelled { return .cancelled }
            let invokeID = takeInvokeID()
            if let end = await send(agent.measurementReport(index: index, invokeID: invokeID), "scan report \(index) (invoke-id \(invokeID))") { return end }
            guard case .got = await wait(for: .eventAck(invokeID: invokeID, eventType: PHDCode.notiScanReportFixed)) else { return recordedEnd }
        }
        if faults.contains(.noReleaseResponse) { return await waitInsteadOfReleasing() }
        if let end = await send(.releaseRequest(.normal), "RLRQ (normal)") { return end }
        guard case .got = await wait(for: .releaseResponse) else { return recordedEnd }
        return .finished
    }

    /// Sends the configuration report and waits for its acceptance; nil when configured.
    mutating func configure() async -> PHDAgentRunEnd? {
        let invokeID = takeInvokeID()
        if let end = await send(agent.configurationReport(invokeID: invokeID), "configuration report \(PHDBytes.hex16(agent.configReportID)) (invoke-id \(invokeID))") { return end }
        if faults.contains(.abortMidConfiguration) {
            _ = await send(.abort(.undefined), "ABRT instead of waiting for the configuration response (fault)")
            return .abortedMidConfiguration
        }
        guard case .got(.presentation(let data)) = await wait(for: .configResponse(invokeID: invokeID)),
              case .eventReportResult(let result) = data.message,
              case .configResponse(let reportID, let outcome) = result.reply
        else { return recordedEnd }
        guard reportID == agent.configReportID else {
            // An answer about another configuration answers nothing the agent sent.
            let end = await unexpected("configuration response for \(PHDBytes.hex16(reportID)), not \(PHDBytes.hex16(agent.configReportID))")
            recordedEnd = end
            return end
        }
        guard outcome == .acceptedConfig else {
            log("\(name): configuration not accepted (\(outcome.name ?? String(outcome.rawValue)))")
            _ = await send(.abort(.undefined), "ABRT")
            return .configurationRejected(outcome)
        }
        log("\(name): configuration accepted")
        return nil
    }

    /// ``PHDAgentFault/noReleaseResponse`` at the end: no RLRQ, only waiting (ignoring
    /// release requests, still answering GETs) until the manager aborts or closes, or ten
    /// response timeouts pass so that an unattended run still ends.
    mutating func waitInsteadOfReleasing() async -> PHDAgentRunEnd {
        log("\(name): not releasing; waiting for the manager (fault)")
        let deadline = ContinuousClock.now + timeout * 10
        while ContinuousClock.now < deadline {
            if Task.isCancelled { return .cancelled }
            let event = await channel.receive(timeout: deadline - .now)
            if case .timedOut = event { break }
            if let end = await handleIncidental(event, awaited: nil) { return end }
        }
        return .waitedInsteadOfReleasing
    }

    // MARK: - Sending and waiting

    /// Sends an APDU; returns the end of the run when the connection is gone.
    mutating func send(_ apdu: APDU, _ what: String) async -> PHDAgentRunEnd? {
        await send(PHDBytes.encoded(apdu), what)
    }

    mutating func send(_ bytes: [UInt8], _ what: String) async -> PHDAgentRunEnd? {
        do {
            try await channel.send(bytes)
        } catch {
            log("\(name): could not send \(what): \(error)")
            recordedEnd = error == .cancelled ? .cancelled : (error == .closed ? .peerClosed : .connectionFailed)
            return recordedEnd
        }
        trace(PHDTraceEvent(.sent, bytes))
        log("\(name): sent \(what), \(bytes.count) bytes")
        return nil
    }

    /// Waits for `awaited`, answering what the manager may send meanwhile.
    mutating func wait(for awaited: Awaited) async -> Wait {
        let deadline = ContinuousClock.now + timeout
        while true {
            if Task.isCancelled { return finish(.cancelled) }
            let remaining = deadline - .now
            let event: APDUEvent = remaining > .zero ? await channel.receive(timeout: remaining) : .timedOut(pending: [])
            if case .timedOut = event {
                log("\(name): no \(awaited.name) within \(timeout)")
                _ = await send(.abort(.responseTimeout), "ABRT (response-timeout)")
                return finish(.timedOut(waitingFor: awaited.name))
            }
            guard case .apdu(let bytes) = event else {
                if let end = await handleIncidental(event, awaited: awaited) { return finish(end) }
                continue
            }
            if let end = await fuzzReaction(to: bytes) { return finish(end) }
            let apdu: APDU
            do {
                apdu = try APDU.decode(bytes)
            } catch {
                trace(PHDTraceEvent(.received, bytes))
                log("\(name): malformed APDU from the manager: \(error)")
                _ = await send(.abort(.undefined), "ABRT")
                return finish(.malformedAnswer(error))
            }
            if matches(apdu, awaited) {
                trace(PHDTraceEvent(.received, bytes))
                return .got(apdu)
            }
            if let end = await handleIncidental(event, awaited: awaited) { return finish(end) }
        }
    }

    private mutating func finish(_ end: PHDAgentRunEnd) -> Wait {
        recordedEnd = end
        return .ended(end)
    }

    /// True when `apdu` is what the agent waits for. Answers that carry another invoke-id
    /// or event type are not: they end the run as unexpected.
    func matches(_ apdu: APDU, _ awaited: Awaited) -> Bool {
        switch (awaited, apdu) {
        case (.associationResponse, .associationResponse): return true
        case (.releaseResponse, .releaseResponse): return true
        case (.configResponse(let id), .presentation(let data)):
            guard data.invokeID == id, case .eventReportResult(let result) = data.message,
                  result.eventType == PHDCode.notiConfig, case .configResponse = result.reply else { return false }
            return true
        case (.eventAck(let id, let type), .presentation(let data)):
            guard data.invokeID == id, case .eventReportResult(let result) = data.message else { return false }
            return result.eventType == type
        default:
            return false
        }
    }

    /// Handles what arrives besides the awaited answer: a GET is answered (unless a fault
    /// says otherwise), an RLRQ answered and the run ends, an ABRT ends it; anything else is
    /// unexpected and aborts. Returns the end, or nil to keep waiting.
    mutating func handleIncidental(_ event: APDUEvent, awaited: Awaited?) async -> PHDAgentRunEnd? {
        switch event {
        case .timedOut:
            return nil
        case .closed:
            log("\(name): the manager closed the connection")
            return .peerClosed
        case .failed(let error, _):
            log("\(name): the connection failed: \(error)")
            return error == .cancelled ? .cancelled : .connectionFailed
        case .apdu(let bytes):
            trace(PHDTraceEvent(.received, bytes))
            let apdu: APDU
            do {
                apdu = try APDU.decode(bytes)
            } catch {
                log("\(name): malformed APDU from the manager: \(error)")
                _ = await send(.abort(.undefined), "ABRT")
                return .malformedAnswer(error)
            }
            switch apdu {
            case .abort(let reason):
                log("\(name): the manager aborted (\(reason.name ?? String(reason.rawValue)))")
                return .abortedByManager(reason)
            case .releaseRequest:
                if faults.contains(.noReleaseResponse) {
                    log("\(name): ignoring the manager's RLRQ (fault)")
                    return nil
                }
                if let end = await send(.releaseResponse(.normal), "RLRE (normal)") { return end }
                return .releasedByManager
            case .presentation(let data):
                if case .get(let argument) = data.message {
                    if faults.contains(.noGetResponse) {
                        log("\(name): ignoring the manager's GET (invoke-id \(data.invokeID)) (fault)")
                        return nil
                    }
                    if let end = await send(agent.getResponse(invokeID: data.invokeID, argument: argument),
                                            "GET response (invoke-id \(faults.contains(.wrongInvokeID) ? data.invokeID &+ 1 : data.invokeID))") { return end }
                    return nil
                }
                if data.message.isInvocation && !data.message.expectsAnswer {
                    // An unconfirmed invocation asks for nothing; the standard configurations
                    // have no object it could set or act on.
                    log("\(name): ignoring an unconfirmed \(data.message.kindName)")
                    return nil
                }
                return await unexpected("\(data.message.kindName) (invoke-id \(data.invokeID))" + (awaited.map { " while waiting for the \($0.name)" } ?? ""))
            default:
                return await unexpected(apdu.kindName + (awaited.map { " while waiting for the \($0.name)" } ?? ""))
            }
        }
    }

    /// What a fuzz-only fault does with `bytes` before anything else reads them: crash (a
    /// reset, and the run ends), hang (nothing read or answered until cancelled), or nil.
    mutating func fuzzReaction(to bytes: [UInt8]) async -> PHDAgentRunEnd? {
        if faults.contains(.crashOnProtoInfoLength) && PHDFuzzTriggers.aareProtoInfoLengthDisagrees(bytes) {
            trace(PHDTraceEvent(.received, bytes))
            log("\(name): crashing on an AARE whose data-proto-info length is wrong (fault)")
            await channel.abort()
            return .crashed
        }
        if faults.contains(.hangOnUnknownEventResult) && PHDFuzzTriggers.eventResultOfUnknownType(bytes) {
            trace(PHDTraceEvent(.received, bytes))
            log("\(name): hanging on an event report result of an unknown event type (fault)")
            await PHDFuzzTriggers.hang()
            return .cancelled
        }
        return nil
    }

    private mutating func unexpected(_ what: String) async -> PHDAgentRunEnd {
        log("\(name): unexpected \(what)")
        _ = await send(.abort(.undefined), "ABRT")
        return .unexpectedAnswer(what)
    }
}
