import MedConformCore
import Synchronization
import Transports

@testable import PHD11073

/// Loopback plumbing and recorders for the PHD simulator tests.
enum PHDSimulatorTestSupport {
    /// What one side of a run sent and received, in order.
    final class Recorder: Sendable {
        private let events = Mutex<[PHDTraceEvent]>([])
        private let lines = Mutex<[String]>([])

        var trace: @Sendable (PHDTraceEvent) -> Void { { [self] event in events.withLock { $0.append(event) } } }
        var log: @Sendable (String) -> Void { { [self] line in lines.withLock { $0.append(line) } } }

        var all: [PHDTraceEvent] { events.withLock { $0 } }
        var received: [[UInt8]] { all.filter { $0.direction == .received }.map(\.bytes) }
        var sent: [[UInt8]] { all.filter { $0.direction == .sent }.map(\.bytes) }
        var logLines: [String] { lines.withLock { $0 } }
    }

    /// A connected pair over 127.0.0.1 (the side that connected, the side that accepted) and
    /// the listener, which the caller closes once done: closing it right after the accept can
    /// take the accepted connection with it (see the HL7 simulator tests).
    static func loopbackPair() async throws -> (APDUChannel, APDUChannel, TCPListener) {
        let listener = try await TCP.listen(on: NetworkAddress(host: "127.0.0.1", port: 0))
        let port = listener.port
        let accepting = Task { () throws -> TCPConnection in try await listener.accept(timeout: .seconds(10)) }
        let client: TCPConnection
        do {
            client = try await TCP.connect(to: NetworkAddress(host: "127.0.0.1", port: port), timeout: .seconds(10))
        } catch {
            accepting.cancel()
            await listener.close()
            throw error
        }
        let server = try await accepting.value
        return (APDUChannel(connection: client), APDUChannel(connection: server), listener)
    }

    /// The result of one agent–manager run.
    struct Run {
        var agentEnd: PHDAgentRunEnd
        var managerEnd: PHDManagerRunEnd
        var agent: Recorder
        var manager: Recorder
    }

    /// Runs `agent` against `manager` over loopback, both in this process.
    static func run(_ agent: PHDAgentSimulator, against manager: PHDManagerSimulator, measurements: Int = 3,
                    timeout: Duration = .seconds(2)) async throws -> Run {
        let (agentChannel, managerChannel, listener) = try await loopbackPair()
        let agentRecorder = Recorder(), managerRecorder = Recorder()
        async let managerEnd = manager.serve(on: managerChannel, responseTimeout: timeout, log: managerRecorder.log, trace: managerRecorder.trace)
        let agentEnd = await agent.run(on: agentChannel, measurements: measurements, responseTimeout: timeout,
                                       log: agentRecorder.log, trace: agentRecorder.trace)
        let end = await managerEnd
        await listener.close()
        return Run(agentEnd: agentEnd, managerEnd: end, agent: agentRecorder, manager: managerRecorder)
    }

    /// The decoded data APDU of `bytes`, if it is a presentation APDU.
    static func data(_ bytes: [UInt8]) -> DataAPDU? {
        guard case .presentation(let data)? = try? APDU.decode(bytes) else { return nil }
        return data
    }

    /// The scan reports among `apdus`.
    static func scanReports(_ apdus: [[UInt8]]) -> [ScanReportFixed] {
        apdus.compactMap { bytes in
            guard let data = data(bytes), case .eventReport(let argument, _) = data.message, case .scanFixed(let report) = argument.info else { return nil }
            return report
        }
    }
}
