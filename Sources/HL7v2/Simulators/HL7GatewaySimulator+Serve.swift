import Transports

extension HL7GatewaySimulator {
    /// How long ``HL7GatewayFault/lateAck`` looks for a newer message before answering late.
    static let movedOnCheck: Duration = .milliseconds(20)

    /// Bytes the ``HL7GatewayFault/brokenAckFraming`` fault sends before each start block.
    static let framingGarbage: [UInt8] = Array("ACK?".utf8) + [0x00]

    /// Answers every frame on `channel` (either transport: ``MLLPChannel`` or
    /// ``BlockingMLLPChannel``) with ``respond(to:index:)`` until the peer closes, the
    /// task is cancelled, the connection fails, or nothing arrives for ``idleLimit``; then
    /// closes the channel.
    ///
    /// Framing problems are logged and skipped (the channel resynchronises), so an oversized or
    /// garbled message gets no answer. Transport faults are applied here:
    /// ``HL7GatewayFault/lateAck`` waits ``lateBy`` before each answer (and drops the answer
    /// when the sender has meanwhile sent its next message, so that a stale acknowledgement
    /// never lands in the next exchange), ``HL7GatewayFault/brokenAckFraming`` garbles every
    /// answer's framing, and ``HL7GatewayFault/dropBeforeAck`` closes the connection when the
    /// second message arrives.
    ///
    /// Fuzz-only faults are applied here too: ``HL7GatewayFault/crashOnHexEscape`` resets the
    /// connection and returns ``ServeEnd/crashed`` (and a crashed gateway resets every later
    /// connection at once); ``HL7GatewayFault/hangOnDelimiterRedeclaration`` leaves the rest of
    /// the connection unanswered; ``HL7GatewayFault/stallAfterOversize`` leaves everything
    /// unanswered from the third oversize message on, on every connection.
    /// - Returns: ``ServeEnd/crashed`` when the gateway crashed, ``ServeEnd/closed`` otherwise.
    @discardableResult
    public func serve(_ channel: some MLLPLink, log: @Sendable (String) -> Void) async -> ServeEnd {
        if await state.hasCrashed {
            log("gateway: down since it crashed; resetting the connection")
            await channel.abort()
            return .crashed
        }
        var index = 0
        // An event read early, while checking whether a late answer is still wanted.
        var pending: MLLPEvent? = nil
        // Once hung, the gateway still reads, to notice the peer closing, but never answers.
        var hung = false
        while !Task.isCancelled {
            let event: MLLPEvent
            if let early = pending {
                event = early
                pending = nil
            } else {
                event = await channel.receive(timeout: idleLimit)
            }
            switch event {
            case .frame(let payload):
                if faults.contains(.stallAfterOversize),
                   await state.recordMessage(byteCount: payload.count, limit: Self.oversizeBytes,
                                             stallAt: Self.oversizeMessagesToStall) {
                    log("gateway: stalled after \(Self.oversizeMessagesToStall) oversize messages; message \(index) gets no answer")
                    index += 1
                    continue
                }
                if hung {
                    log("gateway: hung; message \(index) (\(payload.count) bytes) ignored")
                    index += 1
                    continue
                }
                switch fuzzReaction(to: payload) {
                case .crash:
                    log("gateway: message \(index) has a malformed hex escape in OBX-5; crashing")
                    await state.crash()
                    await channel.abort()
                    return .crashed
                case .hang:
                    log("gateway: message \(index) redeclares the delimiters in MSH-2; hanging")
                    hung = true
                    index += 1
                    continue
                case .none:
                    break
                }
                if faults.contains(.dropBeforeAck) && index == 1 {
                    log("gateway: closing the connection instead of answering message \(index)")
                    await channel.close()
                    return .closed
                }
                let acknowledgements = respond(to: payload, index: index)
                index += 1
                if acknowledgements.isEmpty {
                    log("gateway: message \(index - 1) (\(payload.count) bytes) gets no acknowledgement")
                    continue
                }
                if faults.contains(.lateAck) {
                    do {
                        try await Task.sleep(for: lateBy)
                    } catch {
                        log("gateway: cancelled")
                        await channel.close()
                        return .closed
                    }
                    // A sender that gave up waiting has moved on; answering now would put this
                    // acknowledgement into its next exchange, which is a different defect.
                    let next = await channel.receive(timeout: Self.movedOnCheck)
                    if case .timedOut = next {
                        // Still waiting: answer, late.
                    } else {
                        log("gateway: the sender moved on before the late answer to message \(index - 1); dropped")
                        pending = next
                        continue
                    }
                }
                for acknowledgement in acknowledgements {
                    do {
                        if faults.contains(.brokenAckFraming) {
                            try await channel.sendRaw(
                                Self.framingGarbage + [MLLP.startBlock] + acknowledgement + [MLLP.endBlock, 0x0A])
                        } else {
                            try await channel.send(acknowledgement)
                        }
                    } catch {
                        log("gateway: could not send an acknowledgement: \(error)")
                        await channel.close()
                        return .closed
                    }
                    log("gateway: answered message \(index - 1) with \(Self.summary(of: acknowledgement))")
                }
            case .problem(let problem):
                log("gateway: framing problem: \(problem)")
            case .closed:
                log("gateway: the sender closed the connection after \(index) messages")
                await channel.close()
                return .closed
            case .timedOut:
                log("gateway: nothing received for \(idleLimit); closing")
                await channel.close()
                return .closed
            case .failed(let error):
                log("gateway: the connection failed: \(error)")
                await channel.close()
                return .closed
            }
        }
        log("gateway: cancelled")
        await channel.close()
        return .closed
    }

    /// `MSA-1 MSA-2` of an acknowledgement the gateway built, for the log.
    static func summary(of acknowledgement: [UInt8]) -> String {
        guard let message = try? HL7Message.parse(acknowledgement), message.first("MSA") != nil else {
            return "an acknowledgement without MSA"
        }
        return LogText.printable((message["MSA-1"] ?? "") + " " + (message["MSA-2"] ?? ""))
    }
}
