import MedConformCore
import Testing
import Transports

@testable import HL7v2

/// The simulators judged by the rules engine with the repository's Specs/ (PCD-01, its HL7 v2
/// base and the example national overlay): fault-free they conform, and each fault fails
/// exactly the requirements it lists.
@Suite("Simulators judged by the rules of Specs/")
struct SimulatorConformanceTests {
    static let rules: HL7RuleSet? = RuleFixtures.nationalRules?.rules

    static func failing(_ observations: [RequirementObservation]) -> Set<String> {
        Set(observations.filter { $0.observation.outcome == .fail }.map(\.requirementID))
    }

    static func summary(_ observations: [RequirementObservation]) -> [String] {
        observations.filter { $0.observation.outcome == .fail }.map { "\($0.requirementID): \($0.observation.reason)" }
    }

    /// What the harness, as receiver, finds in the messages of `monitor`: message rules and
    /// the reporter's message type.
    static func judgeMonitor(_ monitor: HL7MonitorSimulator, _ rules: HL7RuleSet, indexes: Range<Int>) -> [RequirementObservation] {
        indexes.flatMap { index -> [RequirementObservation] in
            let verdicts = rules.judgeMessage(monitor.message(index: index), subject: "message \(index)")
            return verdicts.observations + rules.judgeReporterMessageType(verdicts, subject: "message \(index)")
        }
    }

    @Test("the fault-free monitor's messages 0 to 9 fail no requirement", arguments: [1 as UInt64, 20_261_121, .max])
    func faultFreeMonitorConforms(seed: UInt64) throws {
        let rules = try #require(Self.rules, "the specs did not compile")
        let observations = Self.judgeMonitor(HL7MonitorSimulator(seed: seed), rules, indexes: 0..<10)
        #expect(Self.summary(observations) == [])
        // Every message-level requirement of an ORU was judged and passed at least once.
        let passed = Set(observations.filter { $0.observation.outcome == .pass }.map(\.requirementID))
        for id in ["HL7-CHARSET", "HL7-ESCAPES", "PCD01-ORU-STRUCTURE", "PCD01-OBX-3-REFID", "PCD01-OBX-6-DIMENSION",
                   "IDEX-TS-UTC-OFFSET", "IDEX-PID-3-NATIONAL-ID", "IDEX-MSH-18-UTF8", "PCD01-DOR-MESSAGE-TYPE"] {
            #expect(passed.contains(id), "\(id) never passed")
        }
    }

    @Test("each content fault of the monitor fails exactly the requirements it lists",
          arguments: HL7MonitorFault.allCases.filter { !$0.isTransportFault })
    func monitorFault(_ fault: HL7MonitorFault) throws {
        let rules = try #require(Self.rules, "the specs did not compile")
        let observations = Self.judgeMonitor(HL7MonitorSimulator(seed: 5, faults: [fault]), rules, indexes: 0..<3)
        #expect(Self.failing(observations) == Set(fault.breaks), "\(Self.summary(observations))")
    }

    // MARK: - Gateway

    /// One exchange with the gateway, judged as the harness (sender) judges it: the
    /// acknowledgements' own rules and the acknowledgement rules of the exchange.
    static func judgeExchange(_ gateway: HL7GatewaySimulator, _ payload: [UInt8], conforms: Bool, index: Int,
                              rules: HL7RuleSet) throws -> [RequirementObservation] {
        let sent = try HL7Message.parse(payload)
        var responses: [AckResponse] = []
        var observations: [RequirementObservation] = []
        for ack in gateway.respond(to: payload, index: index) {
            let verdicts = rules.judgeMessage(ack, subject: "acknowledgement")
            observations += verdicts.observations
            responses.append(AckResponse(bytes: ack, elapsed: .milliseconds(5), verdicts: verdicts))
        }
        let limit = Duration.seconds(2)
        let exchange = AckExchange(
            sent: sent, sentConforms: conforms, responses: responses,
            ending: responses.isEmpty ? .timedOut(limit: limit) : .complete,
            responseLimit: limit, subject: "message \(index)", evidence: .none)
        return observations + rules.judgeAcknowledgements(exchange)
    }

    /// Valid and invalid reports in the PCD-01 acknowledgement modes the harness may use.
    static func reports(accept: String, application: String) -> [(payload: [UInt8], conforms: Bool)] {
        [(false, 0), (true, 1)].map { invalid, index in
            var draft = HL7MonitorSimulator(seed: 9, faults: invalid ? [.missingPID3] : []).draft(index: index)
            draft.set("MSH", 15, accept)
            draft.set("MSH", 16, application)
            return (draft.encoded(), !invalid)
        }
    }

    static let modes = [("", ""), ("NE", "AL"), ("AL", "NE"), ("AL", "AL"), ("SU", "ER"), ("ER", "SU")]

    @Test("the fault-free gateway fails no requirement, for valid and invalid messages in every mode")
    func faultFreeGatewayConforms() throws {
        let rules = try #require(Self.rules, "the specs did not compile")
        for (accept, application) in Self.modes {
            for (index, report) in Self.reports(accept: accept, application: application).enumerated() {
                let observations = try Self.judgeExchange(HL7GatewaySimulator(seed: 2), report.payload,
                                                          conforms: report.conforms, index: index, rules: rules)
                #expect(Self.summary(observations) == [], "MSH-15 \(accept) MSH-16 \(application)")
            }
        }
        // A message the parser refuses is rejected with AR and judged well formed.
        let broken = HL7MonitorSimulator(seed: 9, faults: [.badDelimiters]).message(index: 0)
        let ack = try #require(HL7GatewaySimulator(seed: 2).respond(to: broken, index: 0).first)
        #expect(Self.summary(rules.judgeMessage(ack, subject: "ack").observations) == [])
    }

    @Test("each content fault of the gateway fails exactly the requirements it lists",
          arguments: HL7GatewayFault.allCases.filter { !$0.isTransportFault })
    func gatewayFault(_ fault: HL7GatewayFault) throws {
        let rules = try #require(Self.rules, "the specs did not compile")
        var observations: [RequirementObservation] = []
        for (index, report) in Self.reports(accept: "NE", application: "AL").enumerated() {
            observations += try Self.judgeExchange(HL7GatewaySimulator(seed: 2, faults: [fault]), report.payload,
                                                   conforms: report.conforms, index: index, rules: rules)
        }
        #expect(Self.failing(observations) == Set(fault.breaks), "\(Self.summary(observations))")
    }

    // Transport faults (framing, drop, late or missing answers) are judged through the real
    // receiver and sender sessions in MedConformAppTests.DemoRunTests, one run per fault.
}
