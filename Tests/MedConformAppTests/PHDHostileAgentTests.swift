import Foundation
import MedConformApp
import MedConformCore
import Reporting
import Testing
import Transports

/// Agents that send what no agent should; the harness judges, keeps its memory and finishes.
@Suite("Hostile IEEE 11073 agents")
struct PHDHostileAgentTests {
    /// A device the harness connects to, which sends `bytes` and then holds the line open.
    private static func startDevice(sending bytes: [UInt8]) async throws -> (port: Int, task: Task<Void, Never>) {
        let listener = try await TCP.listen(on: NetworkAddress(host: "127.0.0.1", port: 0))
        let task = Task {
            guard let connection = try? await listener.accept(timeout: .seconds(20)) else { return }
            _ = try? await connection.write(bytes, timeout: .seconds(5))
            while case .some(.some) = try? await connection.read(timeout: .seconds(5)) {}
            await connection.close()
            await listener.close()
        }
        return (listener.port, task)
    }

    private func run(_ bytes: [UInt8], folder: TemporaryFolder) async throws -> RunCommand.Outcome {
        let (port, device) = try await Self.startDevice(sending: bytes)
        defer { device.cancel() }
        let profile = folder.write("hostile.yaml", """
            medconform: 1
            id: hostile-agent
            title: An agent that sends what no agent should
            specs: [ieee-11073-10404]
            device: {manufacturer: Test, model: Hostile}
            target: {connect: "127.0.0.1:\(port)", transport: tcp, timeouts: {connect: 2s, response: 1s}}
            suites:
              - {id: agent, plugin: phd11073, role: manager, state-timeouts: {association: 1s}}
            """)
        let (ran, captured) = await ProfileRun.run(profile, output: folder.file("out"))
        let outcome = try #require(ran, "\(captured.standardError)")
        if Repository.hasSchema, let paths = outcome.reports {
            let xml = try #require(FileManager.default.contents(atPath: paths.junit))
            #expect(XMLSchemaValidation.validate(xml: Array(xml), schemaPath: Repository.junitSchema) == [])
        }
        return outcome
    }

    @Test func aLengthThatClaims65535BytesThatNeverComeIsAFailingVerdict() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        // An AARQ header that announces 65,535 bytes, and 10 of them.
        let outcome = try await run([0xE2, 0x00, 0xFF, 0xFF] + [UInt8](repeating: 0x80, count: 10), folder: folder)
        #expect(outcome.status == .nonConformance)
        let checks = try #require(outcome.result?.allChecks)
        let wellformed = try #require(checks.first { $0.id == "PHD-APDU-WELLFORMED" })
        #expect(wellformed.outcome == .fail)
        #expect(wellformed.reason.contains("more bytes than came"), "\(wellformed.reason)")
        // The evidence is what came, not what was announced.
        let evidence = wellformed.observations.flatMap(\.evidence.transcript)
        #expect(!evidence.isEmpty)
        #expect(evidence.allSatisfy { $0.bytes.count == 14 }, "\(evidence.map(\.bytes.count))")
        #expect(checks.first { $0.id == "session" }?.outcome == .error)
    }

    @Test func garbageThenAnAssociationRequestIsJudgedAndTheExchangeGoesOn() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        // A data APDU with a lying inner length, then H211's association request.
        let lying: [UInt8] = [0xE7, 0x00, 0x00, 0x08, 0x00, 0x06, 0x12, 0x34, 0x01, 0x01, 0x00, 0x40]
        let aarq: [UInt8] = [0xE2, 0x00, 0x00, 0x32, 0x80, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x2A, 0x50, 0x79, 0x00, 0x26, 0x80, 0x00, 0x00, 0x00,
                             0xA0, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x08, 0x88, 0x77, 0x66, 0x55,
                             0x44, 0x33, 0x22, 0x11, 0x40, 0x00, 0x00, 0x81, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00]
        let outcome = try await run(lying + aarq, folder: folder)
        let checks = try #require(outcome.result?.allChecks)
        let wellformed = try #require(checks.first { $0.id == "PHD-APDU-WELLFORMED" })
        #expect(wellformed.outcome == .fail)
        #expect(wellformed.reason.contains("offset"), "\(wellformed.reason)")
        // The association request after it was still judged.
        #expect(checks.first { $0.id == "PHD-ASSOC-VERSIONS" }?.outcome == .pass)
        #expect(checks.first { $0.id == "P10404-CONFIG-ID" }?.outcome == .pass, "0x4000 is extended")
        // The agent never sent its configuration: the harness says so rather than hanging.
        #expect(checks.first { $0.id == "PHD-CONFIG-REPORT" }?.outcome == .fail)
    }
}
