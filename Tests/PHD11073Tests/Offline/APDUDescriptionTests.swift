import Testing
@testable import PHD11073

@Suite("APDUDescription: decoded APDUs as text", .enabled(if: PHDVectors.isAvailable, "shared/vectors/ieee11073_20601 not found"))
struct APDUDescriptionTests {
    private func described(_ file: String, valueMaps: PHDValueMaps = PHDValueMaps()) throws -> APDUDescription {
        APDUDescription(try APDU.decode(try #require(PHDVectors.bytes(file))), valueMaps: valueMaps)
    }

    @Test("H211: the association request's fields with their names")
    func associationRequest() throws {
        let description = try described("H211.hex")
        #expect(description.lines == [
            "AARQ assoc-version 0x80000000",
            "  data-proto 0x5079 (20601)",
            "    protocol-version 0x80000000",
            "    encoding-rules 0xA000 (MDER, PER)",
            "    nomenclature-version 0x80000000",
            "    functional-units 0x00000000",
            "    system-type 0x00800000 (agent)",
            "    system-id 8877665544332211",
            "    dev-config-id 0x4000 (extended)",
            "    data-req-mode-capab flags 0x0081 agent-count 1 manager-count 1",
            "    option-list 0 attributes",
        ])
        #expect(description.text.contains("dev-config-id 0x4000 (extended)"))
        #expect(description.text.contains("system-id 8877665544332211"))
        #expect(description.summary == "AARQ agent 8877665544332211 dev-config-id 0x4000 (extended)")
        #expect(try described("H211_ID_05DC.hex").text.contains("dev-config-id 0x05DC (standard)"))
    }

    @Test("H212: the result's name and the manager's config-id")
    func associationResponse() throws {
        let description = try described("H212.hex")
        #expect(description.summary == "AARE accepted-unknown-config (3)")
        #expect(description.text.contains("system-type 0x80000000 (manager)"))
        #expect(description.text.contains("dev-config-id 0x0000 (manager-config-response)"))
    }

    @Test("H241 read through H221's value maps: 62.4 and 25.6 at 2007-02-01 12:10")
    func scanReportWithValueMap() throws {
        var maps = PHDValueMaps()
        maps.learn(from: try APDU.decode(try #require(PHDVectors.bytes("H221.hex"))))
        #expect(maps[handle: 1] == [.init(attribute: PHDCode.attrNuValObsSimp, length: 4), .init(attribute: PHDCode.attrTimeStampAbs, length: 8)])
        let description = try described("H241.hex", valueMaps: maps)
        #expect(description.lines == [
            "PRST invoke-id 0x4321 ROIV confirmed event report",
            "  obj-handle 0, event-time 0x00000000, event-type MDC_NOTI_SCAN_REPORT_FIXED (3357)",
            "  data-req-id 0xF000, scan-report-no 0, 2 observations",
            "    handle 1: MDC_ATTR_NU_VAL_OBS_SIMP 62.4, MDC_ATTR_TIME_STAMP_ABS 2007-02-01 12:10:00.00",
            "    handle 2: MDC_ATTR_NU_VAL_OBS_SIMP 25.6, MDC_ATTR_TIME_STAMP_ABS 2007-02-01 12:10:00.00",
        ])
        #expect(description.summary == "PRST invoke-id 0x4321 ROIV confirmed event report MDC_NOTI_SCAN_REPORT_FIXED 2 observations")
        let unmapped = try described("H241.hex")
        #expect(unmapped.lines[3] == "    handle 1: 12 bytes FF0002702007020112100000 (no value map for this handle)")
        #expect(!unmapped.text.contains("62.4"))
    }

    @Test("H221: config objects with class, handle, type as partition:code, unit and value map")
    func configReport() throws {
        let description = try described("H221.hex")
        #expect(description.lines.contains("  config-report-id 0x4000 (extended), 2 objects"))
        #expect(description.lines.contains("    object handle 1, class MDC_MOC_VMO_METRIC_NU (6), 4 attributes"))
        #expect(description.lines.contains("      MDC_ATTR_ID_TYPE 2:57664"))
        #expect(description.lines.contains("      MDC_ATTR_UNIT_CODE 1731"))
        #expect(description.lines.contains("      MDC_ATTR_ATTRIBUTE_VAL_MAP MDC_ATTR_NU_VAL_OBS_SIMP 4 bytes, MDC_ATTR_TIME_STAMP_ABS 8 bytes"))
        #expect(description.summary.hasSuffix("MDC_NOTI_CONFIG config-report-id 0x4000 (extended), 2 objects"))
        #expect(try described("H222.hex").summary == "PRST invoke-id 0x4321 RORS confirmed event report MDC_NOTI_CONFIG accepted-config (0)")
    }

    @Test("blood pressure: compound SFLOATs 113, 71, 85 for person 0x0042 through the device's own config")
    func multiPersonCompound() throws {
        var maps = PHDValueMaps()
        maps.learn(from: try APDU.decode(try #require(PHDVectors.bytes("blood_pressure__roiv_mdc_noti_config.hex"))))
        let description = try described("blood_pressure__roiv_mds_note_scan_report_mp_fixed.hex", valueMaps: maps)
        #expect(description.lines.contains("    person-id 0x0042, 3 observations"))
        #expect(description.lines.contains("      handle 1: MDC_ATTR_NU_CMPD_VAL_OBS_BASIC 113, 71, 85, MDC_ATTR_TIME_STAMP_ABS 2010-07-21 15:35:53.00"))
        #expect(description.lines.contains("      handle 2: MDC_ATTR_NU_VAL_OBS_BASIC 71, MDC_ATTR_TIME_STAMP_ABS 2010-07-21 15:35:53.00"))
    }

    @Test("blood_pressure__rlre.hex is an abort: ABRT response-timeout")
    func abort() throws {
        let description = try described("blood_pressure__rlre.hex")
        #expect(description.summary == "ABRT response-timeout (2)")
        #expect(description.text.contains("ABRT response-timeout"))
        #expect(try described("rx_rlrq_normal.hex").summary == "RLRQ normal (0)")
        #expect(APDUDescription(.abort(AbortReason(rawValue: 9))).summary == "ABRT 9")
    }

    @Test("bytes that do not decode: their kind, size and the codec's error")
    func undecodable() {
        let description = APDUDescription(bytes: [0xE7, 0x00, 0xFF, 0xFF, 0x00])
        #expect(description.summary == "PRST 5 bytes that do not decode: at offset 0x2 (2): the length of PRST says 65535 bytes but only 1 remain")
        #expect(description.lines.count == 3)
        #expect(APDUDescription(bytes: []).summary.hasPrefix("APDU 0 bytes that do not decode"))
    }

    @Test("names: config-id ranges, encoding rules, system types, data APDU answers")
    func names() {
        #expect([0, 1, 0x3FFF, 0x4000, 0x7FFF, 0x8000, 0xFFFF].map { PHDNames.configIDRange($0) }
                == ["manager-config-response", "standard", "standard", "extended", "extended", "reserved", "reserved"])
        #expect(PHDNames.encodingRules(0xE001) == ["MDER", "XER", "PER", "undefined bits 0x0001"])
        #expect(PHDNames.systemType(0x8080_0000) == ["manager", "agent"])
        #expect(APDUDescription(.associationRequest(AssociationRequest(dataProtos: []))).summary == "AARQ without a 20601 data-proto (offers none)")
        let anonymous = PhdAssociationInformation(systemType: 0, systemID: [], devConfigID: 0x8001)
        #expect(APDUDescription(.associationRequest(AssociationRequest(dataProtos: [.phd(anonymous)]))).summary
                == "AARQ system-type 0x00000000 (empty) dev-config-id 0x8001 (reserved)")
        let reject = APDUDescription(.presentation(DataAPDU(invokeID: 7, message: .reject(problem: 2))))
        #expect(reject.summary == "PRST invoke-id 0x0007 RORJ badly-structured-apdu (2)")
        let error = APDUDescription(.presentation(DataAPDU(invokeID: 7, message: .error(ErrorResult(errorValue: 1, parameter: [])))))
        #expect(error.lines == ["PRST invoke-id 0x0007 ROER", "  error-value no-such-object-instance (1)", "  parameter 0 bytes"])
    }

    @Test("every vector: the same text every time, a one-line summary, no lines left empty")
    func deterministic() {
        for (name, bytes) in PHDVectors.all() {
            let first = APDUDescription(bytes: bytes), second = APDUDescription(bytes: bytes)
            #expect(first == second, "\(name)")
            #expect(!first.summary.contains("\n") && !first.summary.isEmpty, "\(name)")
            #expect(!first.summary.contains("do not decode"), "\(name)")
            #expect(first.lines.allSatisfy { $0.contains { $0 != " " } }, "\(name)")
        }
    }
}
