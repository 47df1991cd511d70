import Testing
@testable import PHD11073

@Suite("IEEE 11073-20601 public vectors", .enabled(if: PHDVectors.isAvailable, "shared/vectors/ieee11073_20601 not found: vector tests skipped"))
struct VectorDecodingTests {
    @Test("every vector decodes and encodes back to the same bytes")
    func roundTrip() throws {
        let vectors = PHDVectors.all()
        #expect(vectors.count >= 30)
        for (name, bytes) in vectors {
            let apdu = try APDU.decode(bytes)
            #expect(try apdu.encoded() == bytes, "\(name)")
        }
    }

    @Test("H211: an agent's association request as the manifest states it")
    func associationRequest() throws {
        guard case .associationRequest(let request) = try APDU.decode(try #require(PHDVectors.bytes("H211.hex"))) else {
            Issue.record("not an AARQ"); return
        }
        #expect(request.assocVersion == 0x8000_0000)
        #expect(request.dataProtos.map(\.id) == [0x5079])
        let info = try #require(request.phdInformation)
        #expect(info.protocolVersion == 0x8000_0000)
        #expect(info.encodingRules == 0xA000)
        #expect(info.nomenclatureVersion == 0x8000_0000)
        #expect(info.functionalUnits == 0)
        #expect(info.systemType == 0x0080_0000)
        #expect(info.systemID == [0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11])
        #expect(info.devConfigID == 0x4000)
        #expect(info.dataReqModeFlags == 0x0081)
        #expect(info.dataReqInitAgentCount == 1 && info.dataReqInitManagerCount == 1)
        #expect(info.optionList.isEmpty)
        for (file, id) in [("H211_ID_0190.hex", 0x0190), ("H211_ID_02BC.hex", 0x02BC), ("H211_ID_05DC.hex", 0x05DC)] {
            guard case .associationRequest(let other) = try APDU.decode(try #require(PHDVectors.bytes(file))) else {
                Issue.record("\(file) is not an AARQ"); continue
            }
            #expect(other.phdInformation?.devConfigID == UInt16(id), "\(file)")
        }
    }

    @Test("association responses, including the one labelled known-config that says unknown")
    func associationResponses() throws {
        let cases: [(String, AssociateResult)] = [("H212.hex", .acceptedUnknownConfig), ("rx_aare_example_one.hex", .accepted),
                                                  ("blood_pressure__aare_accept_known_conf.hex", .acceptedUnknownConfig)]
        for (file, result) in cases {
            guard case .associationResponse(let response) = try APDU.decode(try #require(PHDVectors.bytes(file))) else {
                Issue.record("\(file) is not an AARE"); continue
            }
            #expect(response.result == result, "\(file)")
            #expect(response.selectedDataProto.phdInformation?.systemType == 0x8000_0000, "\(file)")
        }
        guard case .associationResponse(let h212) = try APDU.decode(try #require(PHDVectors.bytes("H212.hex"))) else {
            Issue.record("H212.hex is not an AARE")
            return
        }
        #expect(h212.selectedDataProto.phdInformation?.systemID == [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88])
    }

    @Test("release and abort APDUs, including the one labelled rlre that is an abort")
    func releaseAndAbort() throws {
        #expect(try APDU.decode(try #require(PHDVectors.bytes("rx_rlrq_normal.hex"))) == .releaseRequest(.normal))
        #expect(try APDU.decode(try #require(PHDVectors.bytes("rx_rlre_normal.hex"))) == .releaseResponse(.normal))
        #expect(try APDU.decode(try #require(PHDVectors.bytes("blood_pressure__rlrq.hex"))) == .releaseRequest(.normal))
        #expect(try APDU.decode(try #require(PHDVectors.bytes("blood_pressure__rlre.hex"))) == .abort(.responseTimeout))
        let aborts: [(String, AbortReason)] = [("rx_abrt_undefined.hex", .undefined), ("rx_abrt_buffer_overflow.hex", .bufferOverflow),
                                               ("rx_abrt_response_timeout.hex", .responseTimeout), ("rx_abrt_config_timeout.hex", .configurationTimeout)]
        for (file, reason) in aborts {
            #expect(try APDU.decode(try #require(PHDVectors.bytes(file))) == .abort(reason), "\(file)")
        }
    }

    @Test("H221 and H222: a configuration report and its acceptance")
    func configuration() throws {
        let report = try #require(try eventReport("H221.hex"))
        guard case .config(let config) = report.info else { Issue.record("no config report"); return }
        #expect(config.reportID == 0x4000)
        #expect(config.objects.map(\.handle) == [1, 2])
        #expect(config.objects.allSatisfy { $0.objectClass == PHDCode.mocVMOMetricNu })
        guard case .presentation(let data) = try APDU.decode(try #require(PHDVectors.bytes("H222.hex"))),
              case .eventReportResult(let result) = data.message else { Issue.record("H222 is not a RORS"); return }
        #expect(data.invokeID == 0x4321)
        #expect(result.reply == .configResponse(reportID: 0x4000, result: .acceptedConfig))
    }

    @Test("H241: fixed scan report values 62.4 and 25.6 at 2007-02-01 12:10")
    func fixedScanReport() throws {
        let report = try #require(try eventReport("H241.hex"))
        #expect(report.eventType == PHDCode.notiScanReportFixed)
        guard case .scanFixed(let scan) = report.info else { Issue.record("no fixed scan report"); return }
        #expect(scan.dataReqID == 0xF000)
        #expect(scan.observations.map(\.handle) == [1, 2])
        let first = scan.observations[0].value
        #expect(PHDFloat(bits: UInt32(first[0]) << 24 | UInt32(first[1]) << 16 | UInt32(first[2]) << 8 | UInt32(first[3])).value.description == "62.4")
        let second = scan.observations[1].value
        #expect(PHDFloat(bits: UInt32(second[0]) << 24 | UInt32(second[1]) << 16 | UInt32(second[2]) << 8 | UInt32(second[3])).value.description == "25.6")
        #expect(AbsoluteTime(bytes: Array(first[4...]))?.description == "2007-02-01 12:10:00.00")
    }

    @Test("blood pressure multi-person report: 113/71/85 mmHg and pulse 71 for person 0x0042")
    func bloodPressureReport() throws {
        let report = try #require(try eventReport("blood_pressure__roiv_mds_note_scan_report_mp_fixed.hex"))
        guard case .scanMPFixed(let scan) = report.info else { Issue.record("no MP fixed scan report"); return }
        #expect(scan.persons.map(\.personID) == [0x0042])
        let observations = scan.persons[0].observations
        #expect(observations.map(\.handle) == [1, 2, 3])
        let compound = observations[0].value
        // BasicNuObsValueCmp: count 3, length 6, three SFLOATs, then the time stamp.
        #expect(Array(compound[0..<4]) == [0, 3, 0, 6])
        let values = (0..<3).map { PHDSFloat(bits: UInt16(compound[4 + 2 * $0]) << 8 | UInt16(compound[5 + 2 * $0])).value.description }
        #expect(values == ["113", "71", "85"])
        #expect(AbsoluteTime(bytes: Array(compound[10...]))?.description == "2010-07-21 15:35:53.00")
        let pulse = observations[1].value
        #expect(PHDSFloat(bits: UInt16(pulse[0]) << 8 | UInt16(pulse[1])).value.description == "71")
    }

    @Test("pulse oximeter: config 0x0191 with SpO2 and pulse; unbuffered fixed report 98 % and 72 bpm")
    func pulseOximeter() throws {
        let config = try #require(try eventReport("pulse_oximeter__pulse_oximeter_noti_config.hex"))
        guard case .config(let report) = config.info else { Issue.record("no config report"); return }
        #expect(report.reportID == 0x0191)
        let types = report.objects.map { $0.attributes.value(of: PHDCode.attrIDType) }
        #expect(types == [[0x00, 0x02, 0x4B, 0xB8], [0x00, 0x02, 0x48, 0x1A]])
        let scan = try #require(try eventReport("pulse_oximeter__pulse_oximeter_unbuf_scan_report_fixed.hex"))
        #expect(scan.eventType == PHDCode.notiUnbufScanReportFixed)
        guard case .scanFixed(let fixed) = scan.info else { Issue.record("no fixed scan report"); return }
        let values = fixed.observations.map { PHDSFloat(bits: UInt16($0.value[0]) << 8 | UInt16($0.value[1])).value.description }
        #expect(values == ["98", "72"])
    }

    private func eventReport(_ file: String) throws -> EventReportArgument? {
        guard case .presentation(let data) = try APDU.decode(try #require(PHDVectors.bytes(file))),
              case .eventReport(let report, _) = data.message else { return nil }
        return report
    }
}
