import FuzzCore
import MedConformCore
import Transports

/// The agent-role campaign's view of a manager (or the simulated one): every case meets the
/// manager on a new connection, driven to the state its base needs.
///
/// An AARQ case is the first APDU. For a configuration report the harness first associates
/// with the built-in AARQ, whose extended dev-config-id (0x4000) no manager knows, and needs
/// accepted-unknown-config. Scan reports and RLRQ come once the built-in configuration report
/// has been accepted (a GET the manager sends then is answered with no attributes).
final class PHDManagerFuzzTarget: ReplayableFuzzTarget {
    let space: CaseSpace
    let base: PHDFuzzBase
    let link: PHDFuzzLink
    var timeouts: Timeouts { link.timeouts }

    /// How far the association is driven before a case.
    enum Stage {
        /// Nothing sent yet.
        case unassociated
        /// Associated with accepted-unknown-config; the configuration report is due.
        case configuring
        /// The configuration was accepted.
        case operating

        var state: String {
            switch self {
            case .unassociated: "unassociated"
            case .configuring: "configuration report due"
            case .operating: "operating"
            }
        }
    }

    init(space: CaseSpace, base: PHDFuzzBase, target: TargetDefinition, settle: Duration, clock: MonotonicClock,
         log: @escaping @Sendable (String) -> Void) {
        self.space = space
        self.base = base
        var host: PHDSimulatorHost?
        if case .simulator(let selection) = target.endpoint {
            host = .manager(selection, responseTimeout: target.timeouts.response, log: log)
        }
        link = PHDFuzzLink(target: target, settle: settle, clock: clock, host: host)
    }

    var stage: Stage {
        switch base.name {
        case "to-manager/aarq": .unassociated
        case "to-manager/roiv-config-report": .configuring
        default: .operating
        }
    }

    func restart() async -> String? { await link.restart() }

    func close() async { await link.close() }

    func run(_ anomalies: [Anomaly], bytes: [UInt8], index: UInt64, meanwhile: () -> Void) async -> CaseRun {
        await replay(bytes)
    }

    func replay(_ bytes: [UInt8]) async -> CaseRun {
        let state = stage.state
        switch await associate(upTo: stage, state: state) {
        case .failure(let stop):
            await link.drop()
            return stop.run
        case .success(let channel):
            // The manager's own invocations (its GET) answer nothing the case asked.
            let run = await PHDCaseExchange.exchange(bytes, on: channel, direction: .toManager, timeout: timeouts.response, state: state,
                                                     ignored: { apdu in
                                                         if case .presentation(let data) = apdu { return data.message.isInvocation }
                                                         return false
                                                     })
            await link.drop()
            return run
        }
    }

    func probe() async -> CaseRun {
        switch await associate(upTo: .configuring, state: "probe") {
        case .failure(let stop):
            await link.drop()
            return stop.probeFailure
        case .success:
            await link.drop()
            return CaseRun(failure: nil, detail: "a fresh association was accepted", state: "probe")
        }
    }

    /// A new connection driven to `stage`. The probe stops at `configuring`: an AARQ answered
    /// by an accepting AARE.
    private func associate(upTo stage: Stage, state: String) async -> Result<APDUChannel, PHDCaseExchange.Stop> {
        let channel: APDUChannel
        do {
            channel = try await link.open()
        } catch {
            return .failure(PHDCaseExchange.Stop(CaseRun(failure: .refused, detail: "could not connect: \(error)", state: state)))
        }
        if stage == .unassociated { return .success(channel) }
        let response = timeouts.response
        if let stop = await PHDCaseExchange.send(PHDFuzzBases.toManager[0].apdu, on: channel, state: state) { return .failure(stop) }
        let answer = await PHDCaseExchange.receive(channel, "AARE", timeout: response, state: state)
        guard case .success(.associationResponse(let association)) = answer, association.result.isAccepted else {
            return .failure(PHDCaseExchange.unexpected(answer, "an AARE accepting the association", state))
        }
        if stage == .configuring { return .success(channel) }
        guard association.result == .acceptedUnknownConfig else {
            return .failure(PHDCaseExchange.Stop(CaseRun(
                failure: .wrongAnswer, detail: "the manager knows the extended configuration 0x4000 without a report", state: state)))
        }
        if let stop = await PHDCaseExchange.send(PHDFuzzBases.toManager[1].apdu, on: channel, state: state) { return .failure(stop) }
        let configured = await PHDCaseExchange.receive(channel, "configuration response", timeout: response, state: state)
        guard case .success(.presentation(let data)) = configured, case .eventReportResult(let result) = data.message,
              case .configResponse(_, .acceptedConfig) = result.reply else {
            return .failure(PHDCaseExchange.unexpected(configured, "a configuration response accepting the configuration", state))
        }
        // A manager reads the MDS attributes now, or not at all; a GET that comes is answered.
        if case .apdu(let bytes) = await channel.receive(timeout: response), case .presentation(let get)? = try? APDU.decode(bytes),
           case .get = get.message {
            let empty = APDU.presentation(DataAPDU(invokeID: get.invokeID, message: .getResult(GetResult(handle: PHDCode.mdsHandle, attributes: []))))
            if let stop = await PHDCaseExchange.send(empty, on: channel, state: state) { return .failure(stop) }
        }
        return .success(channel)
    }
}
