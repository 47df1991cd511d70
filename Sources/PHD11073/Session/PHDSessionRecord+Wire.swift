import MedConformCore
import Transports

/// What arrived next in a PHD session, already recorded and judged for well-formedness.
enum PHDIncoming {
    case apdu(APDU, TranscriptEntry)
    /// Bytes that are not an APDU: judged, the evidence kept, and the exchange goes on.
    case malformed
    case ended(String, ProblemKind)
}

extension PHDSessionRecord {
    /// Receives the next APDU from `peer` ("agent" or "manager"), records it in the
    /// transcript and judges whether it decodes. The start of an APDU that never completes is
    /// judged too: its evidence is what came, never what its header announced.
    mutating func receive(_ channel: APDUChannel, timeout: Duration, waitingFor what: String, from peer: String) async -> PHDIncoming {
        if Task.isCancelled { return .ended("interrupted while waiting for \(what)", .interrupted) }
        switch await channel.receive(timeout: timeout) {
        case .apdu(let bytes):
            let decoded = APDU.decoding(bytes)
            let entry = wire(.fromDevice, bytes, summary: (try? decoded.get()).map(Self.summary) ?? "malformed APDU (\(bytes.count) bytes)")
            guard let apdu = judgement.judgeDecoding(decoded, byteCount: bytes.count, subject: "APDU from the \(peer)",
                                                     evidence: Evidence(transcript: [entry])) else { return .malformed }
            return .apdu(apdu, entry)
        case .timedOut(let pending):
            incomplete(pending, from: peer, "the header announces more bytes than came within \(timeout.secondsWithMilliseconds) s (\(pending.count) received)")
            return .ended("no \(what) within \(timeout.secondsWithMilliseconds) s", .timeout)
        case .closed(let pending):
            incomplete(pending, from: peer, "the connection closed inside an APDU (\(pending.count) bytes of it)")
            return .ended("the \(peer) closed the connection while the harness waited for \(what)", .connectionClosed)
        case .failed(let error, _):
            return .ended("the connection failed while the harness waited for \(what): \(error)", .connectionClosed)
        }
    }

    private mutating func incomplete(_ pending: [UInt8], from peer: String, _ reason: String) {
        guard !pending.isEmpty else { return }
        let entry = wire(.fromDevice, pending, summary: "incomplete APDU")
        judgement.record(.apduWellformed, .fail, subject: "APDU from the \(peer)", reason: reason, kind: .malformed, evidence: Evidence(transcript: [entry]))
    }

    /// Encodes, records and writes an APDU; false (with a note) when it could not be sent.
    mutating func send(_ channel: APDUChannel, _ apdu: APDU, _ summary: String) async -> Bool {
        guard let bytes = try? apdu.encoded() else { return false }
        return await send(channel, bytes: bytes, summary)
    }

    /// Records and writes bytes as given.
    mutating func send(_ channel: APDUChannel, bytes: [UInt8], _ summary: String) async -> Bool {
        wire(.toDevice, bytes, summary: summary)
        do {
            try await channel.send(bytes)
            return true
        } catch {
            note("could not send \(summary): \(error)")
            return false
        }
    }

    /// A one-line name of an APDU for the transcript.
    static func summary(_ apdu: APDU) -> String {
        if case .presentation(let data) = apdu { return "PRST \(data.message.kindName) invoke-id \(String(format4: data.invokeID))" }
        return apdu.kindName
    }
}
