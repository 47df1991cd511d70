import FuzzCore
import MedConformCore
import Transports

/// The manager-role campaign's view of an agent (or a simulated one): every case meets the
/// agent on a fresh association, driven to the state where the base APDU is due.
///
/// The agent connects (or, with `connect:`, is connected to) and sends its AARQ. An AARE case
/// answers it; otherwise the harness accepts with accepted-unknown-config and reads the
/// configuration report, which a RORS-config case answers; otherwise the harness accepts the
/// configuration and reads the first scan report, which a RORS-event-report case answers and
/// in reply to which GET, RLRQ and ABRT cases are sent. Cases that answer the agent carry the
/// invoke-id (and configuration id) they must echo, bound over the base's values.
final class PHDAgentFuzzTarget: ReplayableFuzzTarget {
    let space: CaseSpace
    let base: PHDFuzzBase
    let link: PHDFuzzLink
    var timeouts: Timeouts { link.timeouts }

    /// The path of the config-report-id a configuration response answers.
    static let reportIDPath = "apdu/prst/data/rors/event-reply-info/config-response/report-id"

    /// How far the association is driven before a case.
    enum Stage {
        /// The AARQ has come; the AARE is due.
        case associating
        /// The configuration report has come; its answer is due.
        case configuring
        /// The first scan report has come; its acknowledgement is due.
        case operating

        var state: String {
            switch self {
            case .associating: "AARE due"
            case .configuring: "configuration response due"
            case .operating: "operating"
            }
        }
    }

    /// What the agent sent on the way: the ids a case must echo.
    struct Driven {
        var invokeID: UInt16?
        var reportID: UInt16?
    }

    init(space: CaseSpace, base: PHDFuzzBase, target: TargetDefinition, settle: Duration, clock: MonotonicClock,
         log: @escaping @Sendable (String) -> Void) {
        self.space = space
        self.base = base
        var host: PHDSimulatorHost?
        if case .simulator(let selection) = target.endpoint {
            host = .agent(selection, responseTimeout: target.timeouts.response, log: log)
        }
        link = PHDFuzzLink(target: target, settle: settle, clock: clock, host: host)
    }

    var stage: Stage {
        switch base.name {
        case "to-agent/aare-accepted-unknown-config": .associating
        case "to-agent/rors-config-accepted": .configuring
        default: .operating
        }
    }

    func restart() async -> String? { await link.restart() }

    func close() async { await link.close() }

    func run(_ anomalies: [Anomaly], bytes: [UInt8], index: UInt64, meanwhile: () -> Void) async -> CaseRun {
        await attempt { driven in
            var bindings: [LeafBinding] = []
            if let id = driven.invokeID { bindings.append(LeafBinding(path: PHDFuzzModel.invokeIDPath, bytes: PHDBytes.u16(id))) }
            if let id = driven.reportID { bindings.append(LeafBinding(path: Self.reportIDPath, bytes: PHDBytes.u16(id))) }
            return bindings.isEmpty ? bytes : self.space.model.render(anomalies: anomalies, bindings: bindings)
        }
    }

    func replay(_ bytes: [UInt8]) async -> CaseRun {
        await attempt { _ in bytes }
    }

    func probe() async -> CaseRun {
        switch await associate(upTo: .operating, state: "probe") {
        case .failure(let stop):
            await link.drop()
            return stop.probeFailure
        case .success:
            await link.drop()
            return CaseRun(failure: nil, detail: "a fresh association reached the operating state", state: "probe")
        }
    }

    private func attempt(_ render: (Driven) -> [UInt8]) async -> CaseRun {
        let state = stage.state
        switch await associate(upTo: stage, state: state) {
        case .failure(let stop):
            await link.drop()
            return stop.run
        case .success(let (channel, driven)):
            let run = await PHDCaseExchange.exchange(render(driven), on: channel, direction: .toAgent, timeout: timeouts.response, state: state)
            await link.drop()
            return run
        }
    }

    /// A fresh association driven to `stage`, with the ids the agent sent on the way.
    private func associate(upTo stage: Stage, state: String) async -> Result<(APDUChannel, Driven), PHDCaseExchange.Stop> {
        let channel: APDUChannel
        do {
            channel = try await link.open()
        } catch {
            return .failure(PHDCaseExchange.Stop(CaseRun(failure: .refused, detail: "no connection with the agent: \(error)", state: state)))
        }
        let response = timeouts.response
        let first = await PHDCaseExchange.receive(channel, "AARQ", timeout: response, state: state)
        guard case .success(.associationRequest) = first else { return .failure(PHDCaseExchange.unexpected(first, "an AARQ", state)) }
        if stage == .associating { return .success((channel, Driven())) }
        if let stop = await PHDCaseExchange.send(PHDFuzzBases.toAgent[0].apdu, on: channel, state: state) { return .failure(stop) }
        let config = await PHDCaseExchange.receive(channel, "configuration report", timeout: response, state: state)
        guard case .success(.presentation(let report)) = config, case .eventReport(let argument, _) = report.message,
              case .config(let configuration) = argument.info else {
            return .failure(PHDCaseExchange.unexpected(config, "a configuration report", state))
        }
        let driven = Driven(invokeID: report.invokeID, reportID: configuration.reportID)
        if stage == .configuring { return .success((channel, driven)) }
        let accept = APDU.presentation(DataAPDU(invokeID: report.invokeID, message: .eventReportResult(EventReportResult(
            handle: argument.handle, currentTime: 0, eventType: PHDCode.notiConfig,
            reply: .configResponse(reportID: configuration.reportID, result: .acceptedConfig)))))
        if let stop = await PHDCaseExchange.send(accept, on: channel, state: state) { return .failure(stop) }
        let scan = await PHDCaseExchange.receive(channel, "scan report", timeout: response, state: state)
        guard case .success(.presentation(let measurement)) = scan, case .eventReport = measurement.message else {
            return .failure(PHDCaseExchange.unexpected(scan, "a scan report", state))
        }
        return .success((channel, Driven(invokeID: measurement.invokeID, reportID: nil)))
    }
}
