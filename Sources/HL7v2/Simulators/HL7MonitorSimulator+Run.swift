import Transports

extension HL7MonitorSimulator {
    /// Bytes the ``HL7MonitorFault/brokenFraming`` fault sends before each start block.
    static let framingGarbage: [UInt8] = [0x00] + Array("NOISE".utf8) + [0x0D, 0x0A]

    /// Sends `count` messages on `channel`, one at a time, then closes it.
    ///
    /// After each message the monitor waits for the acknowledgements its MSH-15 and MSH-16 ask
    /// for (``acknowledgementsAwaited(index:)``: one application acknowledgement for the usual
    /// `NE`/`AL`), matched to the message by MSA-2, at most `responseTimeout`. A missing
    /// acknowledgement is logged and the next message follows; the peer closing or the
    /// connection failing ends the run. Transport faults are applied here:
    /// ``HL7MonitorFault/brokenFraming`` on every message, ``HL7MonitorFault/oversizeFrame`` and
    /// ``HL7MonitorFault/dropConnection`` on the second message (or the only one when
    /// `count` is 1). So are the fuzz-only faults, which react to what the acknowledgements hold:
    /// ``HL7MonitorFault/crashOnAckEscape`` resets the connection and ends the run,
    /// ``HL7MonitorFault/hangOnAckRedeclaration`` stops sending and ignores whatever comes
    /// until the peer closes the connection or the task is cancelled.
    ///
    /// Each message is built, sent and forgotten before the next, so a campaign may ask for any
    /// number of messages: the run holds no more for the millionth than for the first.
    ///
    /// - Parameters:
    ///   - channel: A connection to the receiving system; the monitor closes it when done.
    ///   - count: How many messages to send.
    ///   - responseTimeout: The longest wait for the acknowledgements of one message.
    ///   - log: Receives one line per event, for the command line and test diagnostics.
    /// - Returns: How the run ended.
    @discardableResult
    public func run(on channel: MLLPChannel, count: Int, responseTimeout: Duration,
                    log: @Sendable (String) -> Void) async -> RunEnd {
        let total = max(0, count)
        // "The second message": index 1, or index 0 when only one message is sent.
        let faultIndex = min(1, max(0, total - 1))
        for index in 0..<total {
            if Task.isCancelled {
                log("monitor: cancelled after \(index) messages")
                await channel.close()
                return .cancelled
            }
            let payload = message(index: index)
            let control = controlID(index: index)
            do {
                if faults.contains(.oversizeFrame) && index == faultIndex {
                    let large = oversizeMessage(index: index)
                    log("monitor: sending an oversized frame of \(large.count) bytes before message \(index)")
                    try await channel.send(large)
                }
                if faults.contains(.dropConnection) && index == faultIndex {
                    let frame = MLLP.frame(payload)
                    try await channel.sendRaw(Array(frame.prefix(frame.count / 2)))
                    log("monitor: closing the connection in the middle of message \(index) (\(control))")
                    await channel.close()
                    return .finished
                }
                if faults.contains(.brokenFraming) {
                    try await channel.sendRaw(
                        Self.framingGarbage + [MLLP.startBlock] + payload + [MLLP.endBlock, 0x0A])
                } else {
                    try await channel.send(payload)
                }
                log("monitor: sent message \(index) (\(control), \(payload.count) bytes)")
            } catch {
                log("monitor: could not send message \(index): \(error)")
                await channel.close()
                return Self.end(after: error)
            }
            switch await awaitAcknowledgements(index: index, control: control, on: channel,
                                               timeout: responseTimeout, log: log) {
            case .answered:
                continue
            case .ended(let end):
                await channel.close()
                return end
            case .crash:
                await channel.abort()
                return .crashed
            case .hang:
                return await ignoreEverything(on: channel, log: log)
            }
        }
        await channel.close()
        return .finished
    }

    /// What waiting for the acknowledgements of one message came to.
    private enum AckWait {
        /// Acknowledged, or the wait timed out: the next message follows.
        case answered
        /// The connection has ended.
        case ended(RunEnd)
        /// ``HL7MonitorFault/crashOnAckEscape`` went off.
        case crash
        /// ``HL7MonitorFault/hangOnAckRedeclaration`` went off.
        case hang
    }

    /// Waits for the acknowledgements of one message.
    private func awaitAcknowledgements(
        index: Int, control: String, on channel: MLLPChannel, timeout: Duration, log: (String) -> Void
    ) async -> AckWait {
        let awaited = acknowledgementsAwaited(index: index)
        var missingAccept = awaited.accept
        var missingApplication = awaited.application
        let deadline = ContinuousClock.now + timeout
        while missingAccept || missingApplication {
            let remaining = deadline - .now
            guard remaining > .zero else {
                log("monitor: no acknowledgement of message \(index) (\(control)) within \(timeout)")
                return .answered
            }
            switch await channel.receive(timeout: remaining) {
            case .frame(let bytes):
                if faults.contains(.hangOnAckRedeclaration) && FuzzTriggers.redeclaresDelimiters(bytes) {
                    log("monitor: an acknowledgement redeclares the delimiters in MSH-2; hanging")
                    return .hang
                }
                guard let ack = try? HL7Message.parse(bytes) else {
                    log("monitor: received \(bytes.count) bytes that are not an HL7 message")
                    continue
                }
                if faults.contains(.crashOnAckEscape) && FuzzTriggers.malformedEscapeInAcknowledgementText(ack) {
                    log("monitor: an acknowledgement has a malformed escape in MSA-3 or ERR; crashing")
                    return .crash
                }
                let code = ack["MSA-1"] ?? ""
                let echo = ack["MSA-2"] ?? ""
                guard echo == control else {
                    log("monitor: ignoring an acknowledgement of '\(LogText.printable(echo))'")
                    continue
                }
                // C* codes are accept (commit) acknowledgements, A* application acknowledgements.
                if code.hasPrefix("C") { missingAccept = false } else { missingApplication = false }
                log("monitor: message \(index) acknowledged with \(LogText.printable(code))")
            case .problem(let problem):
                log("monitor: framing problem from the receiver: \(problem)")
            case .timedOut:
                log("monitor: no acknowledgement of message \(index) (\(control)) within \(timeout)")
                return .answered
            case .closed:
                log("monitor: the receiver closed the connection")
                return .ended(.peerClosed)
            case .failed(let error):
                log("monitor: the connection failed: \(error)")
                return .ended(Self.end(after: error))
            }
        }
        return .answered
    }

    /// The hang of ``HL7MonitorFault/hangOnAckRedeclaration``: reads and drops everything,
    /// sending nothing, until the peer closes the connection or the task is cancelled.
    private func ignoreEverything(on channel: MLLPChannel, log: (String) -> Void) async -> RunEnd {
        // Short waits, so that cancellation is noticed even if a read does not end with it.
        while !Task.isCancelled {
            switch await channel.receive(timeout: .milliseconds(250)) {
            case .frame, .problem, .timedOut:
                continue
            case .closed:
                log("monitor: hung until the receiver closed the connection")
                await channel.close()
                return .peerClosed
            case .failed(let error):
                await channel.close()
                return Self.end(after: error)
            }
        }
        log("monitor: hung until cancelled")
        await channel.close()
        return .cancelled
    }

    /// The end a transport error means: cancellation, the peer closing, or a failure.
    private static func end(after error: TransportError) -> RunEnd {
        switch error {
        case .cancelled: .cancelled
        case .closed: .peerClosed
        default: .connectionFailed
        }
    }
}
