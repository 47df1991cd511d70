import MedConformCore
import Testing
import Transports

@testable import PHD11073

/// The fault-free agents against the fault-free manager over loopback TCP, both in this
/// process: association, configuration, GET, measurements and release, byte for byte.
@Suite("PHD simulators: agents and manager over loopback")
struct PHDLoopbackTests {
    typealias Support = PHDSimulatorTestSupport

    @Test("every agent associates with a known configuration, answers the GET, reports and releases", arguments: PHDSpecialization.allCases)
    func knownConfiguration(_ specialization: PHDSpecialization) async throws {
        let run = try await Support.run(PHDAgentSimulator(specialization: specialization, seed: 11, faults: []),
                                        against: PHDManagerSimulator(seed: 5, faults: []), measurements: 3)
        #expect(run.agentEnd == .finished, "\(run.agent.logLines)")
        #expect(run.managerEnd.reason == .peerClosed)
        #expect(run.managerEnd.associations == 1 && run.managerEnd.configurations == 0)
        #expect(run.managerEnd.acknowledgedReports == 3)
        #expect(run.managerEnd.mdsAnswers == 1)
        #expect(run.managerEnd.releases == 1 && run.managerEnd.aborts == 0)
        try Self.expectEveryAPDUDecodes(run)
        #expect(run.agent.sent.compactMap { try? APDU.decode($0) }.map(\.kindName) == ["AARQ", "PRST", "PRST", "PRST", "PRST", "RLRQ"])
    }

    @Test("every agent configures when the manager does not know its configuration", arguments: PHDSpecialization.allCases)
    func unknownConfiguration(_ specialization: PHDSpecialization) async throws {
        let agent = PHDAgentSimulator(specialization: specialization, seed: 12, faults: [])
        let run = try await Support.run(agent, against: PHDManagerSimulator(seed: 6, faults: [], knownConfigurations: []), measurements: 2)
        #expect(run.agentEnd == .finished, "\(run.agent.logLines)")
        #expect(run.managerEnd.associations == 1 && run.managerEnd.configurations == 1)
        #expect(run.managerEnd.acknowledgedReports == 2 && run.managerEnd.mdsAnswers == 1 && run.managerEnd.releases == 1)
        try Self.expectEveryAPDUDecodes(run)

        // The configuration report the manager received: the standard configuration, its ID.
        let reports = run.manager.received.compactMap { bytes -> ConfigReport? in
            guard let data = Support.data(bytes), case .eventReport(let argument, true) = data.message, case .config(let report) = argument.info else { return nil }
            #expect(argument.handle == 0 && argument.eventTime == 0xFFFF_FFFF && argument.eventType == PHDCode.notiConfig)
            return report
        }
        let report = try #require(reports.first)
        #expect(reports.count == 1)
        #expect(report.reportID == specialization.devConfigID)
        #expect(report.objects == specialization.objects.map { $0.configObject(unit: $0.unit) })
        for object in report.objects {
            #expect(object.objectClass == PHDCode.mocVMOMetricNu)
            let ids = object.attributes.map(\.id)
            for required in [PHDCode.attrIDType, PHDCode.attrMetricSpecSmall, PHDCode.attrUnitCode, PHDCode.attrAttributeValMap] {
                #expect(ids.contains(required), "\(specialization) object \(object.handle) lacks \(PHDCode.attributeName(required))")
            }
        }
    }

    @Test("the AARQ, the AARE and the GET answer carry what 20601 and the brief ask")
    func associationAndMDS() async throws {
        let specialization = PHDSpecialization.bloodPressure
        let run = try await Support.run(PHDAgentSimulator(specialization: specialization, seed: 3, faults: []),
                                        against: PHDManagerSimulator(seed: 4, faults: []), measurements: 1)
        #expect(run.agentEnd == .finished)
        guard case .associationRequest(let request)? = try? APDU.decode(try #require(run.manager.received.first)) else {
            Issue.record("the manager's first APDU is no AARQ"); return
        }
        let info = try #require(request.phdInformation)
        #expect(request.assocVersion == 0x8000_0000 && request.dataProtos.count == 1)
        #expect(info.protocolVersion == 0x8000_0000 && info.encodingRules == 0x8000 && info.nomenclatureVersion == 0x8000_0000)
        #expect(info.functionalUnits == 0 && info.systemType == 0x0080_0000 && info.systemID.count == 8)
        #expect(info.devConfigID == 0x02BC && info.dataReqModeFlags == 0x0001 && info.dataReqInitAgentCount == 1 && info.dataReqInitManagerCount == 0)
        #expect(info.optionList.isEmpty)

        guard case .associationResponse(let response)? = try? APDU.decode(try #require(run.agent.received.first)) else {
            Issue.record("the agent's first APDU is no AARE"); return
        }
        let selected = try #require(response.selectedDataProto.phdInformation)
        #expect(response.result == .accepted)
        #expect(selected.systemType == 0x8000_0000 && selected.encodingRules == 0x8000 && selected.devConfigID == 0)
        #expect(selected.functionalUnits == 0 && selected.dataReqModeFlags == 0 && selected.systemID.count == 8)

        // The GET and its answer share the invoke-id; the answer holds the MDS attributes.
        let get = try #require(run.agent.received.compactMap(Support.data).first { if case .get = $0.message { true } else { false } })
        let answer = try #require(run.manager.received.compactMap(Support.data).first { if case .getResult = $0.message { true } else { false } })
        #expect(answer.invokeID == get.invokeID)
        guard case .getResult(let result) = answer.message else {
            Issue.record("the manager's answer to the GET is \(answer.message)")
            return
        }
        #expect(result.handle == 0)
        #expect(result.attributes.value(of: PHDCode.attrSysID) == [0, 8] + info.systemID)
        #expect(result.attributes.value(of: PHDCode.attrDevConfigID) == [0x02, 0xBC])
        #expect(result.attributes.value(of: PHDCode.attrSysTypeSpecList) == [0, 1, 0, 4, 0x10, 0x07, 0, 1])
        let timeBytes = try #require(result.attributes.value(of: PHDCode.attrTimeAbs))
        let time = try #require(AbsoluteTime(bytes: timeBytes))
        #expect(time.problem == nil)
    }

    @Test("measurements decode through the value map into plausible numbers, invoke-ids and report numbers count up", arguments: PHDSpecialization.allCases)
    func plausibleMeasurements(_ specialization: PHDSpecialization) async throws {
        let run = try await Support.run(PHDAgentSimulator(specialization: specialization, seed: 99, faults: []),
                                        against: PHDManagerSimulator(seed: 1, faults: []), measurements: 6)
        #expect(run.agentEnd == .finished)
        let reports = Support.scanReports(run.manager.received)
        #expect(reports.map(\.reportNumber) == [0, 1, 2, 3, 4, 5])
        let invokeIDs = run.manager.received.compactMap(Support.data).filter { if case .eventReport = $0.message { true } else { false } }.map(\.invokeID)
        #expect(invokeIDs.count == 6)
        #expect(zip(invokeIDs, invokeIDs.dropFirst()).allSatisfy { $1 == $0 &+ 1 })
        var times: [String] = []
        for report in reports {
            #expect(report.observations.map(\.handle) == specialization.objects.map(\.handle))
            for (observation, object) in zip(report.observations, specialization.objects) {
                let decoded = try #require(object.decodeObservation(observation.value), "\(specialization) handle \(object.handle)")
                let ranges = specialization.plausibleRanges(handle: object.handle)
                #expect(decoded.numbers.count == ranges.count)
                for (number, range) in zip(decoded.numbers, ranges) {
                    let value = try #require(number.doubleValue)
                    #expect(range.contains(value), "\(specialization) handle \(object.handle): \(number) outside \(range)")
                }
                let time = try #require(decoded.time)
                #expect(time.problem == nil)
                times.append(time.description)
            }
            if specialization == .bloodPressure, let compound = report.observations.first,
               let numbers = specialization.objects[0].decodeObservation(compound.value)?.numbers.compactMap(\.doubleValue), numbers.count == 3 {
                #expect(numbers[0] > numbers[2] && numbers[2] > numbers[1], "MAP lies between systolic and diastolic")
            }
        }
        #expect(times == times.sorted(), "time stamps never go back")
    }

    @Test("the same seeds give the same bytes on both sides")
    func deterministic() async throws {
        for specialization in [PHDSpecialization.pulseOximeter, .weighingScale] {
            func once() async throws -> Support.Run {
                try await Support.run(PHDAgentSimulator(specialization: specialization, seed: 42, faults: []),
                                      against: PHDManagerSimulator(seed: 43, faults: [], knownConfigurations: []), measurements: 4)
            }
            let first = try await once(), second = try await once()
            #expect(first.agent.received == second.agent.received)
            #expect(first.manager.received == second.manager.received)
            #expect(first.agent.sent == first.manager.received)
            #expect(first.manager.sent == first.agent.received)
            let other = try await Support.run(PHDAgentSimulator(specialization: specialization, seed: 44, faults: []),
                                              against: PHDManagerSimulator(seed: 43, faults: [], knownConfigurations: []), measurements: 4)
            #expect(other.manager.received != first.manager.received, "another seed gives other values")
        }
    }

    @Test("the manager serves one association after another on the same connection")
    func associationsInSequence() async throws {
        let (agentChannel, managerChannel, listener) = try await Support.loopbackPair()
        let recorder = Support.Recorder()
        let manager = PHDManagerSimulator(seed: 8, faults: [])
        async let end = manager.serve(on: managerChannel, responseTimeout: .seconds(2), log: recorder.log, trace: recorder.trace)
        let agent = PHDAgentSimulator(specialization: .thermometer, seed: 8, faults: [])
        // First association: aborted by the agent after the AARE.
        try await agentChannel.send(agent.associationRequest())
        guard case .apdu = await agentChannel.receive(timeout: .seconds(2)) else { Issue.record("no AARE"); return }
        try await agentChannel.send(APDU.abort(.undefined))
        // Second: a whole run on the same connection.
        let second = await agent.run(on: agentChannel, measurements: 1, responseTimeout: .seconds(2), log: { _ in })
        let served = await end
        await listener.close()
        #expect(second == .finished)
        #expect(served.associations == 2 && served.aborts == 1 && served.releases == 1)
    }

    @Test("simulate: an agent connects to a manager and runs; unknown names are errors")
    func simulate() async throws {
        let listener = try await TCP.listen(on: NetworkAddress(host: "127.0.0.1", port: 0))
        let address = NetworkAddress(host: "127.0.0.1", port: listener.port)
        async let served: PHDManagerRunEnd? = {
            guard let connection = try? await listener.accept(timeout: .seconds(5)) else { return nil }
            return await PHDManagerSimulator(seed: 2, faults: []).serve(on: APDUChannel(connection: connection), responseTimeout: .seconds(2), log: { _ in })
        }()
        let request = SimulationRequest(simulator: SimulatorSelection(name: "phd-weighing-scale", seed: 4), endpoint: .connect(address), count: 2)
        try await PHDSimulators.simulate(request, log: { _ in })
        let end = try #require(await served)
        await listener.close()
        #expect(end.acknowledgedReports == 2 && end.releases == 1)

        let unknown = SimulationRequest(simulator: SimulatorSelection(name: "phd-toaster"), endpoint: .connect(address))
        await #expect(throws: SimulationError.unknownSimulator("phd-toaster")) { try await PHDSimulators.simulate(unknown, log: { _ in }) }
        let badFault = SimulationRequest(simulator: SimulatorSelection(name: "phd-manager", faults: ["length-lie"]), endpoint: .connect(address))
        await #expect(throws: SimulationError.unknownFault(simulator: "phd-manager", fault: "length-lie")) {
            try await PHDSimulators.simulate(badFault, log: { _ in })
        }
    }

    static func expectEveryAPDUDecodes(_ run: Support.Run) throws {
        for bytes in run.agent.sent + run.manager.sent {
            #expect(throws: Never.self) { try APDU.decode(bytes) }
        }
        #expect(run.agent.sent == run.manager.received)
        #expect(run.manager.sent == run.agent.received)
    }
}
