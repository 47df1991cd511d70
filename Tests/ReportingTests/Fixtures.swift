import MedConformCore

/// Runs built in code: a synthetic monitor, synthetic ids, no patient data, fixed times.
enum Fixtures {
    static let baseSpecID = "ihe-pcd-01"
    static let overlaySpecID = "national/example-overlay"

    static let obx5 = RequirementRef(id: "PCD-OBX-5", spec: baseSpecID, base: nil, tightens: nil,
                                     status: .normative, strength: .shall)
    static let msh9 = RequirementRef(id: "PCD-MSH-9", spec: baseSpecID, base: nil, tightens: nil,
                                     status: .normative, strength: .shall)
    static let ack = RequirementRef(id: "PCD-ACK-1", spec: baseSpecID, base: nil, tightens: nil,
                                    status: .derived, strength: .should)
    static let units = RequirementRef(id: "NAT-OBX-6", spec: overlaySpecID, base: baseSpecID, tightens: "PCD-OBX-5",
                                      status: .example, strength: .shall)

    /// An MLLP-framed synthetic ORU^R01 with one numeric OBX.
    static let message: [UInt8] = [0x0B] + Array(("MSH|^~\\&|SIM-MON|EXAMPLE|MEDCONFORM|HARNESS|20260101120000||ORU^R01^ORU_R01|MC00001|P|2.6\r"
        + "OBX|1|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC||97|262688^MDC_DIM_PERCENT^MDC|||||F\r").utf8) + [0x1C, 0x0D]
    static let acknowledgement: [UInt8] = [0x0B] + Array("MSH|^~\\&|MEDCONFORM|HARNESS|SIM-MON|EXAMPLE|20260101120001||ACK^R01^ACK|H00001|P|2.6\rMSA|AA|MC00001\r".utf8) + [0x1C, 0x0D]

    static let received = TranscriptEntry(direction: .fromDevice, offset: .milliseconds(120), bytes: message,
                                          summary: "ORU^R01 MC00001")
    static let sent = TranscriptEntry(direction: .toDevice, offset: .milliseconds(125), bytes: acknowledgement,
                                      summary: "ACK^R01 AA")

    static func specs() -> SpecSet {
        func requirement(_ ref: RequirementRef, _ title: String) -> Requirement {
            Requirement(id: ref.id, specID: ref.spec, title: title, text: nil, strength: ref.strength, status: ref.status,
                        source: RequirementSource(document: "synthetic"), tightens: ref.tightens, check: nil,
                        location: .file("Specs/\(ref.spec).yaml"))
        }
        let base = Spec(id: baseSpecID, title: "IHE PCD-01 (synthetic subset)", version: "2.6", plugin: "hl7v2", extends: nil,
                        uses: [], status: .normative, summary: nil,
                        requirements: [requirement(obx5, "OBX-5 carries the value"), requirement(msh9, "MSH-9 message type"),
                                       requirement(ack, "Acknowledge each message"),
                                       requirement(RequirementRef(id: "PCD-OBX-17", spec: baseSpecID, base: nil, tightens: nil,
                                                                  status: .normative, strength: .may), "Observation method")],
                        tables: [], structures: [], path: "Specs/ihe-pcd-01.yaml", sha256: String(repeating: "ab", count: 32))
        let overlay = Spec(id: overlaySpecID, title: "Example national overlay", version: nil, plugin: "hl7v2",
                           extends: baseSpecID, uses: [], status: .example, summary: nil,
                           requirements: [requirement(units, "UCUM units in OBX-6")],
                           tables: [], structures: [], path: "Specs/national/example-overlay.yaml",
                           sha256: String(repeating: "cd", count: 32))
        return SpecSet(specs: [base, overlay])
    }

    /// One check of each outcome, an overlay requirement, evidence with transcripts.
    static func suites() -> [SuiteResult] {
        let failing = Observation(.fail, subject: "message 1 (control ID 'MC00001')", reason: "OBX-6 unit is not UCUM",
                                  kind: .protocolViolation,
                                  evidence: Evidence(items: [EvidenceItem("expected", "a UCUM unit"),
                                                             EvidenceItem("actual", "262688^MDC_DIM_PERCENT^MDC"),
                                                             EvidenceItem("position", "OBX[1]-6")],
                                                     transcript: [received]))
        let passing = Observation(.pass, subject: "message 1 (control ID 'MC00001')", reason: "OBX-5 is numeric",
                                  evidence: Evidence(transcript: [received]))
        let checks = [
            CheckResult.judged(id: "PCD-OBX-5", title: "OBX-5 carries the value", requirements: [obx5],
                               observations: [passing], duration: .milliseconds(3)),
            CheckResult.judged(id: "NAT-OBX-6", title: "UCUM units in OBX-6", requirements: [units, obx5],
                               observations: [passing, failing], duration: .milliseconds(2)),
            CheckResult(id: "PCD-ACK-1", title: "Acknowledge each message", requirements: [ack], outcome: .error,
                        reason: "connection closed by the device before the acknowledgement was read",
                        kind: .connectionClosed,
                        observations: [Observation(.error, subject: "exchange 1", reason: "connection closed",
                                                   kind: .connectionClosed,
                                                   evidence: Evidence(transcript: [received, sent]))],
                        duration: .milliseconds(1500)),
            CheckResult.judged(id: "PCD-MSH-9", title: "MSH-9 message type", requirements: [msh9], observations: []),
            CheckResult(id: "PCD-OBX-17", title: "Observation method", requirements: [], outcome: .notApplicable,
                        reason: "the device does not claim the observation-method capability", observations: []),
            CheckResult(id: "HARNESS-FUZZ", title: "Fuzz campaign", requirements: [], outcome: .skipped,
                        reason: "fuzzing not selected in this profile", observations: []),
        ]
        return [
            SuiteResult(id: "pcd01-basic", title: "PCD-01 basic conformance", plugin: "hl7v2",
                        startedOffset: .milliseconds(250), duration: .milliseconds(1234), checks: checks,
                        properties: [Property("seed", "42"), Property("simulator", "sim-monitor")],
                        transcript: [received, sent],
                        log: ["connected to 127.0.0.1:2575", "connection closed by peer after 1 message"]),
            SuiteResult(id: "pcd01-overlay", title: "Overlay checks", plugin: "hl7v2",
                        startedOffset: .milliseconds(1600), duration: .milliseconds(40),
                        checks: [CheckResult.judged(id: "NAT-OBX-6", title: "UCUM units in OBX-6", requirements: [units],
                                                    observations: [passing])]),
        ]
    }

    static func run(suites: [SuiteResult] = suites(), partial: Bool = false, started: String = "2026-01-01T12:00:00.500Z") -> RunResult {
        let specs = specs()
        return RunResult(
            runID: "20260101T120000Z-0001", started: started, hostname: "ci-runner-01", duration: .milliseconds(2012),
            profile: ProfileSummary(path: "profiles/sim-monitor.yaml", id: "sim-monitor", title: "Synthetic monitor",
                                    sha256: String(repeating: "0f", count: 32),
                                    device: DeviceInfo(manufacturer: "Example Devices", model: "SIM-MON-1",
                                                       firmware: "1.2.3", serial: "SN-0001"),
                                    capabilities: ["pcd-01", "numeric-observations"]),
            specs: specs.specs.map(SpecSummary.init), suites: suites,
            coverage: SpecCoverage.compute(specs: specs, suites: suites),
            partial: partial, interruption: partial ? "SIGINT" : nil, properties: [Property("run.seed", "42")])
    }

    static func zeroSuites() -> RunResult { run(suites: []) }

    static func partialRun() -> RunResult { run(suites: [suites()[0]], partial: true) }

    /// `text` placed everywhere a device or profile string can reach a report.
    static func hostile(_ text: String) -> RunResult {
        let entry = TranscriptEntry(direction: .fromDevice, offset: .milliseconds(5), bytes: Array(text.utf8.prefix(300)),
                                    summary: text)
        let observation = Observation(.fail, subject: text, reason: text, kind: ProblemKind(rawValue: text),
                                      evidence: Evidence(items: [EvidenceItem(text, text)], transcript: [entry]))
        let ref = RequirementRef(id: text, spec: text, base: text, tightens: text, status: .normative, strength: .shall)
        let checks = [
            CheckResult(id: text, title: text, requirements: [ref], outcome: .fail, reason: text, kind: ProblemKind(rawValue: text),
                        observations: [observation]),
            CheckResult(id: "error-\(text)", title: text, requirements: [ref], outcome: .error, reason: text,
                        observations: [observation]),
            CheckResult(id: "skip", title: text, requirements: [], outcome: .inconclusive, reason: text, observations: []),
            CheckResult(id: "pass", title: text, requirements: [ref], outcome: .pass, reason: text, observations: []),
        ]
        let suite = SuiteResult(id: text, title: text, plugin: text, checks: checks, properties: [Property(text, text)],
                                transcript: [entry], log: [text, text])
        var run = run(suites: [suite], partial: true)
        run.runID = text
        run.hostname = text
        run.interruption = text
        run.profile.id = text
        run.profile.title = text
        run.profile.path = text
        run.profile.device = DeviceInfo(manufacturer: text, model: text, firmware: text, serial: text)
        run.properties = [Property(text, text)]
        run.specs[0].title = text
        return run
    }
}
