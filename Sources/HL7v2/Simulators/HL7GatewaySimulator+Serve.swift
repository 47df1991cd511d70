import Transports

extension HL7GatewaySimulator {
    /// How long ``HL7GatewayFault/lateAck`` looks for a newer message before answering late.
    static let movedOnCheck: Duration = .milliseconds(20)

    /// Bytes the ``HL7GatewayFault/brokenAckFraming`` fault sends before each start block.
    static let framingGarbage: [UInt8] = Array("ACK?".utf8) + [0x00]

    /// Answers every frame on `channel` with ``respond(to:index:)`` until the peer closes, the
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
    public func serve(_ channel: MLLPChannel, log: @Sendable (String) -> Void) async {
        var index = 0
        // An event read early, while checking whether a late answer is still wanted.
        var pending: MLLPEvent? = nil
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
                if faults.contains(.dropBeforeAck) && index == 1 {
                    log("gateway: closing the connection instead of answering message \(index)")
                    await channel.close()
                    return
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
                        return
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
                        return
                    }
                    log("gateway: answered message \(index - 1) with \(Self.summary(of: acknowledgement))")
                }
            case .problem(let problem):
                log("gateway: framing problem: \(problem)")
            case .closed:
                log("gateway: the sender closed the connection after \(index) messages")
                await channel.close()
                return
            case .timedOut:
                log("gateway: nothing received for \(idleLimit); closing")
                await channel.close()
                return
            case .failed(let error):
                log("gateway: the connection failed: \(error)")
                await channel.close()
                return
            }
        }
        log("gateway: cancelled")
        await channel.close()
    }

    /// `MSA-1 MSA-2` of an acknowledgement the gateway built, for the log.
    static func summary(of acknowledgement: [UInt8]) -> String {
        guard let message = try? HL7Message.parse(acknowledgement), message.first("MSA") != nil else {
            return "an acknowledgement without MSA"
        }
        return LogText.printable((message["MSA-1"] ?? "") + " " + (message["MSA-2"] ?? ""))
    }
}
