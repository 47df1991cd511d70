import Foundation
import MedConformApp
import MedConformCore
import Reporting
import Testing
import Transports

@Suite("Hostile devices")
struct HostileDeviceTests {
    /// A device that answers a connection with a burst of 32,768 broken frames (start blocks
    /// that never end: each one a framing problem), then waits for the harness to hang up.
    /// Plain garbage with no start block is counted, not stored, by the frame decoder.
    /// The burst is bounded because this "device" shares the harness's event loops in-process.
    private static func startFlooder() async throws -> (port: Int, task: Task<Void, Never>) {
        let listener = try await TCP.listen(on: NetworkAddress(host: "127.0.0.1", port: 0))
        let task = Task {
            guard let connection = try? await listener.accept(timeout: .seconds(20)) else { return }
            let burst = [UInt8]((0..<(32 << 10)).flatMap { _ in [0x0B, UInt8(ascii: "A")] })
            _ = try? await connection.write(burst, timeout: .seconds(5))
            while case .some(.some) = try? await connection.read(timeout: .seconds(10)) {}
            await connection.close()
            await listener.close()
        }
        return (listener.port, task)
    }

    @Test func aFloodOfBrokenFramesFailsFramingAndStopsWithBoundedEvidence() async throws {
        let (port, flooder) = try await Self.startFlooder()
        defer { flooder.cancel() }
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let profile = folder.write("flood.yaml", """
            medconform: 1
            id: flood
            title: A device that floods broken frames
            specs: [ihe-pcd-01]
            device: {manufacturer: Test, model: Flood}
            target: {connect: "127.0.0.1:\(port)", max-frame: 4KiB, timeouts: {idle: 5s}}
            suites:
              - {id: observations, plugin: hl7v2, role: receiver, messages: 3}
            """)
        let (ran, captured) = await ProfileRun.run(profile, output: folder.file("out"))
        let outcome = try #require(ran, "\(captured.standardError)")
        #expect(outcome.status == .nonConformance)
        let checks = try #require(outcome.result?.allChecks)
        let framing = try #require(checks.first { $0.id == "HL7-MLLP-FRAMING" })
        #expect(framing.outcome == .fail)
        #expect(framing.observations.count <= 50)
        let session = checks.first { $0.id == "session" }
        #expect(session?.outcome == .error)
        #expect(session?.observations.contains { $0.reason.contains("framing problems") } == true, "\(session?.observations.map(\.reason) ?? [])")
        if Repository.hasSchema, let paths = outcome.reports {
            let xml = try #require(FileManager.default.contents(atPath: paths.junit))
            #expect(XMLSchemaValidation.validate(xml: Array(xml), schemaPath: Repository.junitSchema) == [])
        }
    }
}
