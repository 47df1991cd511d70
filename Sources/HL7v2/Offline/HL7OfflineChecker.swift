import MedConformCore
import Transports

/// Judges captured files of HL7 v2 messages offline (`medconform check`).
///
/// Each file is split into messages (several per file, CR, LF or CRLF, MLLP frames or plain
/// text) and every message is judged by the message-level rules. The exchange-level rules are
/// judged as far as a file allows: framing for MLLP-framed files, and the MSA-2 echo of an
/// acknowledgement against the control IDs of the messages in all files given together. The
/// rest need a live exchange and are not applicable.
///
/// ```swift
/// guard let rules = HL7OfflineChecker.prepare(specs: specs, collector: collector) else { … }
/// let suites = HL7OfflineChecker.check(files, rules: rules, specs: specs)   // one per file
/// ```
public struct HL7OfflineChecker {
    /// Compiles the rules of `specs`; nil (with diagnostics) when a check is wrong.
    public static func prepare(specs: SpecSet, collector: DiagnosticCollector) -> HL7RuleSet? {
        HL7RuleSet.compile(specs: specs, collector: collector)
    }

    /// One suite result per file, in the order given, with one check per requirement of `rules`.
    public static func check(_ files: [CapturedFile], rules: HL7RuleSet, specs: SpecSet) -> [SuiteResult] {
        let judged = files.map { JudgedFile(file: $0, rules: rules) }
        // An acknowledgement in one file may answer a message in another.
        var controlIDs: Set<String> = []
        for file in judged {
            for message in file.messages where !message.isAcknowledgement {
                if let id = message.verdicts.controlID, !id.isEmpty { controlIDs.insert(id) }
            }
        }
        var usedIDs: Set<String> = []
        return judged.map { file in
            let id = OfflineText.suiteID(for: file.file.path, avoiding: &usedIDs)
            let observations = file.observations(rules: rules, controlIDs: controlIDs)
            let checks = rules.checkResults(observations, kinds: HL7RuleKind.allCases, specs: specs,
                                            whenEmpty: (.notApplicable, OfflineText.noMessageApplies))
            return SuiteResult(
                id: id, title: file.file.path, plugin: "hl7v2", checks: checks,
                properties: [
                    Property("file.sha256", SHA256.hex(file.file.bytes)),
                    Property("file.bytes", "\(file.file.bytes.count)"),
                    Property("file.messages", "\(file.messages.count)"),
                ],
                transcript: file.transcript)
        }
    }
}

/// One file, split and judged message by message.
private struct JudgedFile {
    struct Message {
        var chunk: HL7FileChunk
        var subject: String
        var verdicts: MessageVerdicts

        /// MSH-9.1 is ACK: the message acknowledges another one.
        var isAcknowledgement: Bool {
            verdicts.message?.segments.first?.field(9).component(1).text == "ACK"
        }
    }

    let file: CapturedFile
    let messages: [Message]

    init(file: CapturedFile, rules: HL7RuleSet) {
        self.file = file
        messages = HL7FileSplitter.split(file.bytes).enumerated().map { number, chunk in
            let subject = "message \(number + 1) (line \(chunk.line))"
            return Message(chunk: chunk, subject: subject, verdicts: rules.judgeMessage(chunk.bytes, subject: subject))
        }
    }

    var isFramed: Bool { messages.contains { $0.chunk.framing == .mllp } }

    var transcript: [TranscriptEntry] {
        messages.map { message in
            TranscriptEntry(direction: .fromDevice, offset: .zero, bytes: message.chunk.bytes,
                            summary: OfflineText.summary(message.verdicts))
        }
    }

    func observations(rules: HL7RuleSet, controlIDs: Set<String>) -> [RequirementObservation] {
        var out: [RequirementObservation] = []
        if messages.isEmpty {
            for requirement in rules.requirements(.parse) {
                out.append(RequirementObservation(requirementID: requirement.id, observation: Observation(
                    .fail, subject: "file", reason: OfflineText.noMessage, kind: .malformed,
                    evidence: Evidence(items: [EvidenceItem("file size", "\(file.bytes.count) bytes")]))))
            }
        }
        for message in messages { out += message.verdicts.observations }
        out += framing(rules)
        out += echoes(rules, controlIDs: controlIDs)
        for kind in [HL7RuleKind.ackReply, .ackMode, .ackAcceptsValid, .ackRejectsInvalid, .reporterMessageType] {
            for requirement in rules.requirements(kind) {
                out.append(RequirementObservation(requirementID: requirement.id, observation: Observation(
                    .notApplicable, subject: "file", reason: OfflineText.needsLiveExchange)))
            }
        }
        return out
    }

    /// `mllp-framing` for each chunk of a framed file: a frame must be complete and end in
    /// 0x1C 0x0D, and nothing may stand outside frames.
    private func framing(_ rules: HL7RuleSet) -> [RequirementObservation] {
        guard isFramed else {
            return rules.requirements(.mllpFraming).map {
                RequirementObservation(requirementID: $0.id, observation: Observation(
                    .notApplicable, subject: "file", reason: OfflineText.notFramed))
            }
        }
        var out: [RequirementObservation] = []
        for message in messages {
            let chunk = message.chunk
            let problem: MLLPFramingProblem?
            switch chunk.framing {
            case .plain:
                problem = .bytesOutsideFrame(count: chunk.bytes.count, offset: chunk.offset)
            case .mllp:
                let endBlock = chunk.offset + chunk.bytes.count
                if chunk.isTruncated {
                    problem = .truncatedAtEndOfStream(bufferedBytes: chunk.bytes.count)
                } else if endBlock + 1 >= file.bytes.count || file.bytes[endBlock + 1] != MLLP.carriageReturn {
                    problem = .missingCarriageReturnAfterEndBlock(offset: endBlock + 1)
                } else {
                    problem = nil
                }
            }
            let evidence = Evidence(items: [EvidenceItem("file offset", "\(chunk.offset)"), EvidenceItem("line", "\(chunk.line)")])
            out += rules.judgeFraming(problem, subject: message.subject, evidence: evidence)
        }
        return out
    }

    /// `ack-echo` offline: MSA-2 of an acknowledgement names a message captured in any file.
    private func echoes(_ rules: HL7RuleSet, controlIDs: Set<String>) -> [RequirementObservation] {
        let requirements = rules.requirements(.ackEcho)
        guard !requirements.isEmpty else { return [] }
        var found: [Observation] = []
        for message in messages where message.isAcknowledgement {
            guard let msa = message.verdicts.message?.first("MSA") else {
                found.append(Observation(.fail, subject: message.subject, reason: "the acknowledgement has no MSA segment",
                                         kind: .protocolViolation))
                continue
            }
            let echoed = msa.field(2).text
            if controlIDs.contains(echoed) {
                found.append(Observation(.pass, subject: message.subject,
                                         reason: "MSA-2 '\(VisibleText.of(echoed))' is the MSH-10 of a captured message"))
            } else {
                found.append(Observation(.notApplicable, subject: message.subject,
                                         reason: "no captured message has control ID '\(VisibleText.of(echoed))', so the echo cannot be checked"))
            }
        }
        if found.isEmpty {
            found.append(Observation(.notApplicable, subject: "file", reason: OfflineText.noAcknowledgement))
        }
        return requirements.flatMap { requirement in
            found.map { RequirementObservation(requirementID: requirement.id, observation: $0) }
        }
    }
}

/// The texts of offline checking, in one place.
enum OfflineText {
    static let noMessage = "no HL7 message found: the file holds no line starting with MSH and no MLLP frame"
    static let noMessageApplies = "no message in this file falls under this check"
    static let needsLiveExchange = "needs a live exchange; a captured file cannot show it"
    static let notFramed = "file is not MLLP-framed"
    static let noAcknowledgement = "no acknowledgement in this file"

    /// The transcript's one-line view of a message: type and control ID, or why it did not parse.
    static func summary(_ verdicts: MessageVerdicts) -> String {
        guard verdicts.message != nil else {
            return verdicts.observations.first.map { VisibleText.of($0.observation.reason, limit: 200) } ?? "does not parse"
        }
        return "\(VisibleText.of(verdicts.messageType ?? "")) '\(VisibleText.of(verdicts.controlID ?? ""))'"
    }

    /// A suite ID from a file path: the file name with characters outside `[A-Za-z0-9._-]`
    /// replaced by `_`, made unique among the files of one check.
    static func suiteID(for path: String, avoiding used: inout Set<String>) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var id = String(name.unicodeScalars.map { scalar -> Character in
            let byte = UInt8(truncatingIfNeeded: scalar.value)
            let allowed = scalar.value < 0x80
                && (ASCIIClass.isLetter(byte) || ASCIIClass.isDigit(byte) || scalar == "." || scalar == "_" || scalar == "-")
            return allowed ? Character(scalar) : "_"
        })
        if id.isEmpty || id.allSatisfy({ $0 == "." }) { id = "file" }
        var candidate = id
        var number = 2
        while used.contains(candidate) {
            candidate = "\(id)-\(number)"
            number += 1
        }
        used.insert(candidate)
        return candidate
    }
}
