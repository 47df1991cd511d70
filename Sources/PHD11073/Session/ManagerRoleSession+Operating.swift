import MedConformCore

/// The operating state of the manager role: reports, release and abort from the agent, and
/// the answer to the GET of the MDS attributes.
extension ManagerRoleSession {
    /// A data APDU in the operating state: measurement reports are judged and acknowledged.
    /// Returns false when the acknowledgement could not be sent.
    func handleOperating(_ data: DataAPDU, entry: TranscriptEntry, _ channel: APDUChannel, _ state: inout State) async -> Bool {
        guard case .eventReport(let report, let confirmed) = data.message else {
            if !data.message.isInvocation {
                state.record.judgement.record(.invokeID, .fail, subject: "invoke-id", reason: "\(data.message.kindName) with invoke-id \(String(format4: data.invokeID)) answers no invocation of the harness",
                                              evidence: Evidence(transcript: [entry]))
            }
            return true
        }
        if case .config = report.info {
            state.record.outOfState("a configuration report arrived in the operating state", evidence: entry)
        } else {
            state.reports += 1
            judgeReport(report, subject: "report \(state.reports)", entry: entry, &state)
        }
        guard confirmed else { return true }
        let answer = DataAPDU(invokeID: data.invokeID, message: .eventReportResult(EventReportResult(
            handle: report.handle, currentTime: 0, eventType: report.eventType, reply: .opaque([]))))
        return await send(channel, .presentation(answer), "acknowledgement of report \(state.reports)", &state)
    }

    /// Release and abort from the agent while associated; true when the association ended.
    func handleControl(_ apdu: APDU, entry: TranscriptEntry, _ channel: APDUChannel, _ state: inout State) async -> Bool {
        switch apdu {
        case .releaseRequest:
            state.released = true
            _ = await send(channel, .releaseResponse(.normal), "RLRE normal", &state)
            return state.reports < configuration.measurements
        case .abort(let reason):
            state.record.note("the agent aborted: \(reason.name ?? String(reason.rawValue))")
            return true
        default:
            state.record.outOfState("\(summary(apdu)) arrived during the association", evidence: entry)
            return false
        }
    }

    func judgeReport(_ report: EventReportArgument, subject: String, entry: TranscriptEntry, _ state: inout State) {
        let reads = ReadObservation.all(in: report, models: state.models)
        if reads.isEmpty { state.record.note("\(subject): event \(report.eventType) carries no observation to judge") }
        for read in reads { state.record.judgement.judgeObservation(read, subject: subject, evidence: Evidence(transcript: [entry])) }
    }

    func judgeGetAnswer(_ result: GetResult, invokeID: UInt16, expected: UInt16, entry: TranscriptEntry, _ state: inout State) {
        let evidence = Evidence(transcript: [entry])
        state.record.judgement.record(.invokeID, invokeID == expected ? .pass : .fail, subject: "GET MDS",
                                      reason: invokeID == expected ? "the GET answer carries invoke-id \(String(format4: expected))"
                                          : "the GET answer carries invoke-id \(String(format4: invokeID)), the GET had \(String(format4: expected))",
                                      evidence: evidence)
        var problems: [String] = []
        if result.handle != PHDCode.mdsHandle { problems.append("the answer is for handle \(result.handle), not the MDS (0)") }
        if let id = result.attributes.value(of: PHDCode.attrSysID) {
            // MDC_ATTR_SYS_ID is an octet string: its own length, then the EUI-64.
            let body = id.count >= 2 ? Array(id.dropFirst(2)) : []
            if body != state.systemID { problems.append("MDC_ATTR_SYS_ID \(PHDJudgement.hexBytes(body)) differs from the association's system-id \(PHDJudgement.hexBytes(state.systemID))") }
        } else {
            problems.append("the attributes lack MDC_ATTR_SYS_ID")
        }
        if let config = result.attributes.value(of: PHDCode.attrDevConfigID).flatMap(AttributeLayout.u16) {
            if let offered = state.offeredConfigID, config != offered {
                problems.append("MDC_ATTR_DEV_CONFIG_ID \(String(format4: config)) differs from the association's \(String(format4: offered))")
            }
        } else {
            problems.append("the attributes lack MDC_ATTR_DEV_CONFIG_ID")
        }
        state.record.judgement.record(.getResponse, problems.isEmpty ? .pass : .fail, subject: "GET MDS",
                                      reason: problems.isEmpty ? "answered with \(result.attributes.count) MDS attributes that agree with the association" : problems.joined(separator: "; "),
                                      evidence: evidence)
    }

}
