import MedConformCore
import Testing

@testable import HL7v2

/// The public PCD-01 messages (see the vectors README for their sources), judged with the
/// real specs.
@Suite("HL7 v2 rules: public PCD-01 vectors",
       .enabled(if: Vectors.isAvailable, "shared/vectors/hl7v2 not found: vector tests skipped"),
       .enabled(if: RuleFixtures.pcd01Rules != nil, "Specs folder not found"))
struct VectorRuleTests {
    static let conformant = [
        "pcd01_bp_ipf_request.hl7", "pcd01_bp_ipf_request.mllp", "pcd01_monitor_ipf_request2.hl7",
        "pcd01_ack_aa_ipf.hl7", "pcd01_ack_ce_err_ipf.hl7",
    ]

    static func verdicts(_ name: String, _ rules: HL7RuleSet) throws -> [MessageVerdicts] {
        let bytes = try #require(Vectors.bytes(name))
        let chunks = HL7FileSplitter.split(bytes)
        #expect(chunks.count == 1, "\(name) holds one message")
        return chunks.map { rules.judgeMessage($0.bytes, subject: name) }
    }

    @Test("valid public messages fail no HL7 v2 or PCD-01 rule", arguments: conformant)
    func conformant(_ name: String) throws {
        let rules = try #require(RuleFixtures.pcd01Rules).rules
        for verdicts in try Self.verdicts(name, rules) {
            #expect(verdicts.conforms, "\(name): \(verdicts.failureSummary)")
            #expect(verdicts.outcome(of: "HL7-MSH-ENCODING") == .pass)
            #expect(verdicts.outcome(of: "HL7-CHARSET") == .pass)
            let isAck = verdicts.messageType?.hasPrefix("ACK") == true
            #expect(verdicts.outcome(of: isAck ? "PCD01-ACK-STRUCTURE" : "PCD01-ORU-STRUCTURE") == .pass)
            if !isAck {
                #expect(verdicts.outcome(of: "PCD01-OBX-6-UNITS") == .pass)
                #expect(verdicts.outcome(of: "PCD01-TS-FORMAT") == .pass)
                #expect(verdicts.outcome(of: "PCD01-OBX-3-REFID") == .pass)
            }
        }
    }

    @Test("the monitor message has no UTC offsets, which the national overlay requires")
    func monitorUnderOverlay() throws {
        let rules = try #require(RuleFixtures.nationalRules).rules
        let verdicts = try #require(try Self.verdicts("pcd01_monitor_ipf_request2.hl7", rules).first)
        #expect(verdicts.outcome(of: "PCD01-TS-FORMAT") == .pass)
        #expect(verdicts.outcome(of: "IDEX-TS-UTC-OFFSET") == .fail)
        let reasons = verdicts.reasons(of: "IDEX-TS-UTC-OFFSET", .fail)
        #expect(reasons.contains("MSH-7 is '20081211144500': no UTC offset"))
        #expect(reasons.contains("OBR-7 is '20081211144500': no UTC offset"))
    }

    /// The HAPI negative vector fails its withdrawn PID-13 component, and one more rule:
    /// its first OBX writes 'R' in OBX-10 and leaves OBX-11 (observation result status, R in
    /// the Gazelle PCD-01 profile) empty — `OBX|1|CWE|…|0.0.0.1|532224^…^MDC|||||R` puts the
    /// R five separators after OBX-5, in OBX-10. The other OBX of the message value OBX-11.
    @Test("the HAPI negative vector fails PID-13 (and, justified, OBX-11 of its first OBX)")
    func hapiNegative() throws {
        let rules = try #require(RuleFixtures.pcd01Rules).rules
        let verdicts = try #require(try Self.verdicts("pcd01_bp_hapi_negative_withdrawn_pid13.hl7", rules).first)
        let failing = Set(verdicts.observations.filter { $0.observation.outcome == .fail }.map(\.requirementID))
        #expect(failing == ["PCD01-PID-13-XTN1", "PCD01-OBX-REQUIRED"], "\(verdicts.failureSummary)")
        #expect(verdicts.reasons(of: "PCD01-PID-13-XTN1", .fail).contains("PID-13.1 must be empty"))
        #expect(verdicts.reasons(of: "PCD01-OBX-REQUIRED", .fail) == "OBX[1]-11 is empty; the field is required")
    }

    @Test("the AA acknowledgement echoes the blood-pressure message's control ID")
    func acknowledgementEcho() throws {
        let (specs, rules) = try #require(RuleFixtures.pcd01Rules)
        let files = try ["pcd01_bp_ipf_request.hl7", "pcd01_ack_aa_ipf.hl7"].map { name in
            CapturedFile(path: "vectors/\(name)", bytes: try #require(Vectors.bytes(name)))
        }
        let suites = HL7OfflineChecker.check(files, rules: rules, specs: specs)
        let echo = try #require(suites[1].checks.first { $0.id == "HL7-MSA-2-ECHO" })
        #expect(echo.outcome == .pass, "\(echo.reason)")
        #expect(echo.observations.first?.reason.contains("MSGID1234") == true)
        // Alone, the acknowledgement names a message nobody captured.
        let alone = HL7OfflineChecker.check([files[1]], rules: rules, specs: specs)
        #expect(alone[0].checks.first { $0.id == "HL7-MSA-2-ECHO" }?.outcome == .notApplicable)
    }
}
