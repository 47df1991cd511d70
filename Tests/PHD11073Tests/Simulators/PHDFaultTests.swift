import Testing
import Transports

@testable import PHD11073

/// Each fault shows on the wire as its summary says, in the APDUs the simulators build and,
/// for behaviour faults, in a run over loopback.
@Suite("PHD simulators: faults")
struct PHDFaultTests {
    typealias Support = PHDSimulatorTestSupport

    func agent(_ specialization: PHDSpecialization, _ faults: PHDAgentFault...) -> PHDAgentSimulator {
        PHDAgentSimulator(specialization: specialization, seed: 21, faults: faults)
    }

    func phdInformation(_ apdu: APDU) -> PhdAssociationInformation? {
        if case .associationRequest(let request) = apdu { return request.phdInformation }
        return nil
    }

    func configReport(_ apdu: APDU) -> ConfigReport? {
        guard case .presentation(let data) = apdu, case .eventReport(let argument, _) = data.message, case .config(let report) = argument.info else { return nil }
        return report
    }

    func firstObservation(_ simulator: PHDAgentSimulator, index: Int = 0) throws -> PHDObservation {
        let report = try #require(Support.scanReports([simulator.measurementReport(index: index, invokeID: 1)]).first)
        let object = simulator.specialization.objects[0]
        return try #require(object.decodeObservation(report.observations[0].value))
    }

    // MARK: - Agent content faults

    @Test("length-lie: the first report fails to decode, with an offset; later reports decode", arguments: PHDSpecialization.allCases)
    func lengthLie(_ specialization: PHDSpecialization) throws {
        let simulator = agent(specialization, .lengthLie)
        let bytes = simulator.measurementReport(index: 0, invokeID: 7)
        let honest = agent(specialization).measurementReport(index: 0, invokeID: 7)
        #expect(bytes.count == honest.count)
        #expect(PHDBytes.readU16(bytes, 32) == PHDBytes.readU16(honest, 32) + 2)
        #expect(bytes[0..<32] == honest[0..<32] && bytes[34...] == honest[34...], "only the first obs-val-data length changes")
        let error = try #require(throws: MDERDecodingError.self) { try APDU.decode(bytes) }
        #expect(error.offset >= 32 && error.offset < bytes.count, "\(error)")
        if specialization.objects.count == 1 {
            #expect(error == MDERDecodingError(offset: 32, problem: .lengthExceedsEnclosing(what: "obs-val-data", declared: Int(PHDBytes.readU16(bytes, 32)), available: bytes.count - 34)))
        }
        #expect(throws: Never.self) { try APDU.decode(simulator.measurementReport(index: 1, invokeID: 8)) }
    }

    @Test("wrong-config-id, wrong-system-type and no-mder change the AARQ")
    func associationRequestFaults() throws {
        for specialization in PHDSpecialization.allCases {
            let wrong = try #require(phdInformation(agent(specialization, .wrongConfigID).associationRequest()))
            #expect(wrong.devConfigID != specialization.devConfigID)
            #expect(PHDSpecialization.standard(devConfigID: wrong.devConfigID) != nil, "another specialization's standard ID")
            #expect(configReport(agent(specialization, .wrongConfigID).configurationReport(invokeID: 1))?.reportID == wrong.devConfigID)
        }
        let manager = try #require(phdInformation(agent(.thermometer, .wrongSystemType).associationRequest()))
        #expect(manager.systemType == PhdAssociationInformation.SystemType.manager)
        let xer = try #require(phdInformation(agent(.glucoseMeter, .noMDER).associationRequest()))
        #expect(xer.encodingRules == 0x4000)
    }

    @Test("config-id-mismatch, missing-unit and wrong-unit change the configuration report")
    func configurationFaults() throws {
        let mismatch = agent(.weighingScale, .configIDMismatch)
        #expect(phdInformation(mismatch.associationRequest())?.devConfigID == 0x05DC)
        #expect(try #require(configReport(mismatch.configurationReport(invokeID: 1))).reportID != 0x05DC)

        let missing = try #require(configReport(agent(.bloodPressure, .missingUnit).configurationReport(invokeID: 1)))
        #expect(missing.objects.count == 2)
        #expect(missing.objects.allSatisfy { $0.attributes.value(of: PHDCode.attrUnitCode) == nil })

        let wrong = try #require(configReport(agent(.pulseOximeter, .wrongUnit).configurationReport(invokeID: 1)))
        #expect(wrong.objects[0].attributes.value(of: PHDCode.attrUnitCode) == PHDBytes.u16(PHDTerm.dimKiloG.code))
        #expect(wrong.objects[1].attributes.value(of: PHDCode.attrUnitCode) == PHDBytes.u16(PHDTerm.dimBeatPerMin.code))
        let scale = try #require(configReport(agent(.weighingScale, .wrongUnit).configurationReport(invokeID: 1)))
        #expect(scale.objects[0].attributes.value(of: PHDCode.attrUnitCode) == PHDBytes.u16(PHDTerm.dimPercent.code))
    }

    @Test("special-value, out-of-range and bad-timestamp change the first measurement only", arguments: PHDSpecialization.allCases)
    func measurementFaults(_ specialization: PHDSpecialization) throws {
        let nan = try firstObservation(agent(specialization, .specialValue))
        #expect(nan.numbers.first == .notANumber)
        #expect(try firstObservation(agent(specialization, .specialValue), index: 1).numbers.allSatisfy(\.isFinite))

        let far = try #require(try firstObservation(agent(specialization, .outOfRange)).numbers.first?.doubleValue)
        let range = try #require(specialization.plausibleRanges(handle: specialization.objects[0].handle).first)
        #expect(far > range.upperBound + 2 * (range.upperBound - range.lowerBound), "\(far) is far above \(range)")

        let time = try #require(try firstObservation(agent(specialization, .badTimestamp)).time)
        #expect(time.problem == "has month 13")
        #expect(try firstObservation(agent(specialization, .badTimestamp), index: 1).time?.problem == nil)
    }

    // MARK: - Behaviour over loopback

    @Test("reject-association: the agent ends rejected; no-mder: the manager rejects for want of a common parameter")
    func rejections() async throws {
        let rejected = try await Support.run(agent(.pulseOximeter), against: PHDManagerSimulator(seed: 1, faults: [.rejectAssociation]))
        #expect(rejected.agentEnd == .rejected(.rejectedPermanent))
        let noMDER = try await Support.run(agent(.pulseOximeter, .noMDER), against: PHDManagerSimulator(seed: 1, faults: []))
        #expect(noMDER.agentEnd == .rejected(.rejectedNoCommonParameter))
    }

    @Test("length-lie on the wire: the manager finds the malformed report and aborts")
    func lengthLieOnTheWire() async throws {
        let run = try await Support.run(agent(.glucoseMeter, .lengthLie), against: PHDManagerSimulator(seed: 1, faults: []))
        #expect(run.agentEnd == .abortedByManager(.undefined))
        let lie = try #require(run.manager.received.first { (try? APDU.decode($0)) == nil })
        #expect(throws: MDERDecodingError.self) { try APDU.decode(lie) }
    }

    @Test("report-before-association: a PRST precedes the AARQ and the manager aborts")
    func reportBeforeAssociation() async throws {
        let run = try await Support.run(agent(.thermometer, .reportBeforeAssociation), against: PHDManagerSimulator(seed: 1, faults: []))
        #expect(try APDU.decode(try #require(run.manager.received.first)).kindName == "PRST")
        #expect(try APDU.decode(try #require(run.manager.received.dropFirst().first)).kindName == "AARQ")
        #expect(run.agentEnd == .abortedByManager(.undefined))
    }

    @Test("abort-mid-configuration: ABRT right after the configuration report")
    func abortMidConfiguration() async throws {
        let run = try await Support.run(agent(.bloodPressure, .abortMidConfiguration),
                                        against: PHDManagerSimulator(seed: 1, faults: [], knownConfigurations: []))
        #expect(run.agentEnd == .abortedMidConfiguration)
        let kinds = run.agent.sent.map { (try? APDU.decode($0))?.kindName ?? "?" }
        #expect(kinds == ["AARQ", "PRST", "ABRT"])
    }

    @Test("config-id-mismatch and wrong-config-id still run to the end against a lenient manager")
    func lenientManager() async throws {
        let mismatch = try await Support.run(agent(.weighingScale, .configIDMismatch),
                                             against: PHDManagerSimulator(seed: 1, faults: [], knownConfigurations: []), measurements: 1)
        #expect(mismatch.agentEnd == .finished)
        let wrong = try await Support.run(agent(.weighingScale, .wrongConfigID), against: PHDManagerSimulator(seed: 1, faults: []), measurements: 1)
        #expect(wrong.agentEnd == .finished)
        #expect(phdInformation(try APDU.decode(try #require(wrong.manager.received.first)))?.devConfigID == PHDSpecialization.glucoseMeter.devConfigID)
    }

    @Test("wrong-invoke-id and no-get-response: the manager gets no matching GET answer")
    func getFaults() async throws {
        let shifted = try await Support.run(agent(.pulseOximeter, .wrongInvokeID), against: PHDManagerSimulator(seed: 1, faults: []), measurements: 1)
        #expect(shifted.managerEnd.mdsAnswers == 0)
        let get = try #require(shifted.agent.received.compactMap(Support.data).first { if case .get = $0.message { true } else { false } })
        let answer = try #require(shifted.manager.received.compactMap(Support.data).first { if case .getResult = $0.message { true } else { false } })
        #expect(answer.invokeID == get.invokeID &+ 1)

        let silent = try await Support.run(agent(.pulseOximeter, .noGetResponse), against: PHDManagerSimulator(seed: 1, faults: []), measurements: 1)
        #expect(silent.managerEnd.mdsAnswers == 0)
        #expect(!silent.manager.received.contains { if case .getResult? = Support.data($0)?.message { true } else { false } })
    }

    @Test("no-release-response (agent): no RLRQ, only waiting")
    func agentNoRelease() async throws {
        let run = try await Support.run(agent(.glucoseMeter, .noReleaseResponse), against: PHDManagerSimulator(seed: 1, faults: []),
                                        measurements: 1, timeout: .milliseconds(60))
        #expect(run.agentEnd == .waitedInsteadOfReleasing)
        #expect(!run.agent.sent.contains { (try? APDU.decode($0))?.kindName == "RLRQ" })
    }

    @Test("an RLRQ from the manager is answered and ends the run; with no-release-response it is ignored", arguments: [false, true])
    func releaseByManager(_ faulty: Bool) async throws {
        let (agentChannel, scripted, listener) = try await Support.loopbackPair()
        let simulator = faulty ? agent(.thermometer, .noReleaseResponse) : agent(.thermometer)
        async let end = simulator.run(on: agentChannel, measurements: 2, responseTimeout: .milliseconds(300), log: { _ in })
        guard case .apdu = await scripted.receive(timeout: .seconds(2)) else { Issue.record("no AARQ"); return }
        try await scripted.send(PHDManagerSimulator(seed: 1, faults: []).associationResponse(result: .accepted))
        guard case .apdu(let report) = await scripted.receive(timeout: .seconds(2)) else { Issue.record("no report"); return }
        #expect(Support.scanReports([report]).count == 1)
        try await scripted.send(APDU.releaseRequest(.normal))
        let answer = await scripted.receive(timeout: .seconds(2))
        let agentEnd = await end
        await scripted.close()
        await listener.close()
        if faulty {
            // No RLRE: the agent still waits for its acknowledgement, times out and aborts.
            guard case .apdu(let bytes) = answer else { Issue.record("\(answer)"); return }
            #expect(try APDU.decode(bytes) == .abort(.responseTimeout))
            guard case .timedOut = agentEnd else { Issue.record("\(agentEnd)"); return }
        } else {
            guard case .apdu(let bytes) = answer else { Issue.record("\(answer)"); return }
            #expect(try APDU.decode(bytes) == .releaseResponse(.normal))
            #expect(agentEnd == .releasedByManager)
        }
    }

    @Test("manager faults: wrong-system-type, no-config-response, wrong-invoke-id, no-release-response")
    func managerFaults() async throws {
        let system = try await Support.run(agent(.pulseOximeter), against: PHDManagerSimulator(seed: 1, faults: [.wrongSystemType]), measurements: 1)
        guard case .associationResponse(let response)? = try? APDU.decode(try #require(system.agent.received.first)) else {
            Issue.record("no AARE"); return
        }
        #expect(response.selectedDataProto.phdInformation?.systemType == PhdAssociationInformation.SystemType.agent)

        let quiet = try await Support.run(agent(.pulseOximeter), against: PHDManagerSimulator(seed: 1, faults: [.noConfigResponse], knownConfigurations: []),
                                          timeout: .milliseconds(200))
        guard case .timedOut(let what) = quiet.agentEnd else { Issue.record("\(quiet.agentEnd)"); return }
        #expect(what.hasPrefix("configuration response"))

        let shifted = try await Support.run(agent(.pulseOximeter), against: PHDManagerSimulator(seed: 1, faults: [.wrongInvokeID]), measurements: 1)
        guard case .unexpectedAnswer = shifted.agentEnd else { Issue.record("\(shifted.agentEnd)"); return }

        let unreleased = try await Support.run(agent(.pulseOximeter), against: PHDManagerSimulator(seed: 1, faults: [.noReleaseResponse]),
                                               measurements: 1, timeout: .milliseconds(200))
        #expect(unreleased.agentEnd == .timedOut(waitingFor: "RLRE"))
    }

    @Test("stuck-after-abort: after an abort every AARQ is rejected-transient")
    func stuckAfterAbort() async throws {
        let (agentChannel, managerChannel, listener) = try await Support.loopbackPair()
        let manager = PHDManagerSimulator(seed: 8, faults: [.stuckAfterAbort])
        async let served = manager.serve(on: managerChannel, responseTimeout: .seconds(2), log: { _ in })
        let simulator = agent(.weighingScale)
        try await agentChannel.send(simulator.associationRequest())
        guard case .apdu = await agentChannel.receive(timeout: .seconds(2)) else { Issue.record("no AARE"); return }
        try await agentChannel.send(APDU.abort(.undefined))
        let second = await simulator.run(on: agentChannel, measurements: 1, responseTimeout: .seconds(2), log: { _ in })
        _ = await served
        await listener.close()
        #expect(second == .rejected(.rejectedTransient))
    }

    @Test("bytes that are no APDU: the agent aborts and says why; the manager aborts and keeps serving")
    func malformedInput() async throws {
        // The agent waits for an AARE and gets a truncated one.
        do {
            let (agentChannel, scripted, listener) = try await Support.loopbackPair()
            async let end = agent(.thermometer).run(on: agentChannel, measurements: 1, responseTimeout: .seconds(2), log: { _ in })
            guard case .apdu = await scripted.receive(timeout: .seconds(2)) else { Issue.record("no AARQ"); return }
            try await scripted.send([0xE3, 0x00, 0x00, 0x02, 0x00, 0x00])
            let agentEnd = await end
            guard case .malformedAnswer = agentEnd else { Issue.record("\(agentEnd)"); return }
            guard case .apdu(let abort) = await scripted.receive(timeout: .seconds(2)) else { Issue.record("no ABRT"); return }
            #expect(try APDU.decode(abort) == .abort(.undefined))
            await scripted.close()
            await listener.close()
        }
        // The manager gets garbage, aborts, then serves a whole association.
        do {
            let (agentChannel, managerChannel, listener) = try await Support.loopbackPair()
            async let served = PHDManagerSimulator(seed: 3, faults: []).serve(on: managerChannel, responseTimeout: .seconds(2), log: { _ in })
            try await agentChannel.send([0xE7, 0x00, 0x00, 0x03, 0xFF, 0xFF, 0xFF])
            guard case .apdu(let abort) = await agentChannel.receive(timeout: .seconds(2)) else { Issue.record("no ABRT"); return }
            #expect(try APDU.decode(abort) == .abort(.undefined))
            let end = await agent(.thermometer).run(on: agentChannel, measurements: 1, responseTimeout: .seconds(2), log: { _ in })
            #expect(end == .finished)
            let managerEnd = await served
            #expect(managerEnd.associations == 1 && managerEnd.aborts == 1)
            await listener.close()
        }
    }
}
