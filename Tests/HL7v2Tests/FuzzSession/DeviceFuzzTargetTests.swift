import FuzzCore
import MedConformCore
import Testing
@testable import HL7v2

@Suite("The sender-role fuzz target against the in-process gateway")
struct DeviceFuzzTargetTests {
    private func target() throws -> (HL7DeviceFuzzTarget, CaseSpace) {
        let report = try HL7Message.parse(HL7Simulators.validObservationReport(seed: 1, index: 0))
        let space = try HL7FuzzModel.caseSpace(of: report, framed: true, profileDigest: [1], generatorVersion: "t", seed: 1)
        let definition = TargetDefinition(endpoint: .simulator(SimulatorSelection(name: "hl7-gateway")), transport: "mllp",
                                          timeouts: Timeouts(connect: .seconds(2), response: .milliseconds(300)), maxFrameBytes: 1 << 20,
                                          location: SourceLocation(file: "t", line: 1, column: 1))
        return (HL7DeviceFuzzTarget(space: space, target: definition, settle: .zero, clock: .system(), log: { _ in }), space)
    }

    @Test func aValidCaseIsAnsweredAndACaseWithoutItsEndBlockIsOwedNothing() async throws {
        let (device, space) = try target()
        #expect(await device.restart() == nil)
        let valid = space.validCase()
        let answered = await device.replay(valid)
        #expect(answered.failure == nil, "\(answered.detail)")
        #expect(!answered.read.isEmpty)
        // What the render cap does to a case: the frame loses its end block. The gateway never
        // sees a whole frame, so its silence is no timeout.
        let cut = Array(valid.dropLast(2))
        let silent = await device.replay(cut)
        #expect(silent.failure == nil, "\(silent.detail)")
        await device.close()
    }

    /// Wire bytes rendered ahead (`prepare`) are sent only for the very case they were rendered
    /// for: a shrink candidate has the case's number but other anomalies.
    @Test func bytesPreparedAheadServeOnlyTheirOwnCase() async throws {
        let (device, space) = try target()
        #expect(await device.restart() == nil)
        let announced = space.case(at: 40)
        let other = space.case(at: 41)
        #expect(announced.anomalies != other.anomalies)
        let controlID = HL7DeviceFuzzTarget.controlID(40)
        let expected = device.wireBytes(announced.anomalies, bytes: announced.bytes, controlID: controlID)
        let candidate = device.wireBytes(other.anomalies, bytes: other.bytes, controlID: controlID)
        let differ = expected != candidate
        #expect(differ)

        device.prepare(announced.anomalies, bytes: announced.bytes, index: 40)
        var ran = false
        let run = await device.run(announced.anomalies, bytes: announced.bytes, index: 40, meanwhile: { ran = true })
        // Compared as Bools: a failure would otherwise print kilobytes of both sides.
        let sentAnnounced = run.written == [expected]
        #expect(sentAnnounced, "the announced case went out as rendered for it")
        #expect(ran, "the target lets the caller work while the device reads the case")

        device.prepare(announced.anomalies, bytes: announced.bytes, index: 40)
        let shrinking = await device.run(other.anomalies, bytes: other.bytes, index: 40)
        let sentCandidate = shrinking.written == [candidate]
        #expect(sentCandidate, "the candidate went out with its own anomalies, not the announced case's")
        await device.close()
    }
}
