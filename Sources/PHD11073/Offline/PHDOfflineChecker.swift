import MedConformCore

/// Judges captured APDUs (`medconform check`): every APDU for well-formedness, association
/// requests and responses, configurations and the measurements they make readable.
///
/// Files are read in the order given as one exchange: a configuration report in one file lets
/// the scan reports of the next be read, and an association request starts over with its
/// standard configuration, if the specs know it. A scan report with no configuration before
/// it is described but not judged: its layout is unknown. Only what bytes alone can show is
/// judged; the order of an exchange and its timing need a live session.
enum PHDOfflineChecker {
    /// The rule kinds a capture can show.
    static let kinds: [PHDRuleKind] = [
        .apduWellformed, .associationVersions, .dataProto, .encodingMDER, .systemType, .systemID, .configID,
        .specializationConfigID, .configReport, .configAttributes, .configObjects, .units, .measurementNumber,
        .timestamp, .ranges, .aareProtocol,
    ]

    static func check(_ files: [CapturedFile], rules: PHDRuleSet, specs: SpecSet) -> [SuiteResult] {
        // The configuration in force: from the last configuration report, or the standard one
        // the last association request named.
        var current: [ObjectModel] = []
        var offeredConfigID: UInt16?
        var valueMaps = PHDValueMaps()
        var results: [SuiteResult] = []
        for (fileIndex, file) in files.enumerated() {
            let capture = PHDCapture.read(file)
            var judgement = PHDJudgement(rules: rules)
            var transcript: [TranscriptEntry] = []
            var log: [String] = []
            var sessionProblems: [Observation] = []
            for problem in capture.problems {
                switch problem.kind {
                case .truncatedAPDU, .truncatedHeader:
                    judgement.record(.apduWellformed, .fail, subject: "\(file.path):\(problem.position)", reason: problem.message, kind: .malformed)
                default:
                    sessionProblems.append(Observation(.error, subject: "\(file.path):\(problem.position)", reason: problem.message, kind: .malformed))
                }
            }
            for captured in capture.apdus {
                let subject = "\(file.path):\(captured.position) APDU \(captured.index + 1)"
                let decoded = APDU.decoding(captured.bytes)
                let description = APDUDescription(decoded: decoded, bytes: captured.bytes, valueMaps: valueMaps)
                let entry = TranscriptEntry(direction: .fromDevice, offset: .zero, bytes: captured.bytes, summary: description.summary)
                transcript.append(entry)
                log.append("\(subject):")
                log.append(contentsOf: description.lines.map { "  " + $0 })
                let evidence = Evidence(items: [EvidenceItem("position", captured.position.description)], transcript: [entry])
                guard captured.isComplete,
                      let apdu = judgement.judgeDecoding(decoded, byteCount: captured.bytes.count, subject: subject, evidence: evidence) else { continue }
                switch apdu {
                case .associationRequest(let request):
                    judgement.judgeAssociationRequest(request, evidence: evidence)
                    offeredConfigID = request.phdInformation?.devConfigID
                    current = offeredConfigID.flatMap(rules.standardConfiguration) ?? []
                    valueMaps = PHDValueMaps()
                case .associationResponse(let response):
                    judgement.judgeAssociationResponse(response, evidence: evidence)
                case .presentation(let data):
                    guard case .eventReport(let report, let confirmed) = data.message else { continue }
                    if case .config(let config) = report.info {
                        current = judgement.judgeConfiguration(config, handle: report.handle, confirmed: confirmed,
                                                               offeredConfigID: offeredConfigID, evidence: evidence)
                        valueMaps.learn(from: apdu)
                    } else if current.isEmpty {
                        log.append("  (no configuration before this report: its values are not judged)")
                    } else {
                        for read in ReadObservation.all(in: report, models: current) {
                            judgement.judgeObservation(read, subject: subject, evidence: evidence)
                        }
                    }
                default:
                    continue
                }
            }
            if capture.apdus.isEmpty, sessionProblems.isEmpty {
                sessionProblems.append(Observation(.error, subject: file.path, reason: "the file holds no APDU", kind: .noData))
            }
            var checks = rules.checkResults(judgement.observations, judgingAgent: true, filter: nil, specs: specs, kinds: kinds,
                                            whenEmpty: (.notApplicable, "nothing in this file shows this requirement"))
            if !sessionProblems.isEmpty {
                checks.append(CheckResult.judged(id: "capture", title: "The capture could be read", requirements: [], observations: sessionProblems))
            }
            results.append(SuiteResult(id: "file-\(fileIndex + 1)", title: file.path, plugin: PHD11073Plugin.description.id, checks: checks,
                                       properties: [Property("file", file.path), Property("apdus", String(capture.apdus.count))],
                                       transcript: transcript, log: log))
        }
        return results
    }
}
