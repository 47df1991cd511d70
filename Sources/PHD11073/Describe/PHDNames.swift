/// The standard's names for the numbers descriptions show (IEEE 11073-20601 and its
/// nomenclature, as in signove/antidote `src/dim/nomenclature.h`). A number without a name
/// here is shown as a number: a wrong name would mislead more than none.
public enum PHDNames {
    /// MDC_NOTI_… for an event type, or nil.
    public static func eventType(_ code: UInt16) -> String? {
        switch code {
        case PHDCode.notiConfig: "MDC_NOTI_CONFIG"
        case PHDCode.notiScanReportFixed: "MDC_NOTI_SCAN_REPORT_FIXED"
        case PHDCode.notiScanReportVar: "MDC_NOTI_SCAN_REPORT_VAR"
        case PHDCode.notiScanReportMPFixed: "MDC_NOTI_SCAN_REPORT_MP_FIXED"
        case PHDCode.notiScanReportMPVar: "MDC_NOTI_SCAN_REPORT_MP_VAR"
        case PHDCode.notiUnbufScanReportVar: "MDC_NOTI_UNBUF_SCAN_REPORT_VAR"
        case PHDCode.notiUnbufScanReportFixed: "MDC_NOTI_UNBUF_SCAN_REPORT_FIXED"
        case PHDCode.notiUnbufScanReportMPVar: "MDC_NOTI_UNBUF_SCAN_REPORT_MP_VAR"
        case PHDCode.notiUnbufScanReportMPFixed: "MDC_NOTI_UNBUF_SCAN_REPORT_MP_FIXED"
        default: nil
        }
    }

    /// MDC_MOC_… for an object class, or nil.
    public static func objectClass(_ code: UInt16) -> String? {
        switch code {
        case PHDCode.mocVMOMetricEnum: "MDC_MOC_VMO_METRIC_ENUM"
        case PHDCode.mocVMOMetricNu: "MDC_MOC_VMO_METRIC_NU"
        case PHDCode.mocScanCfgEpi: "MDC_MOC_SCAN_CFG_EPI"
        case PHDCode.mocScanCfgPeri: "MDC_MOC_SCAN_CFG_PERI"
        case PHDCode.mocVMOPMStore: "MDC_MOC_VMO_PMSTORE"
        default: nil
        }
    }

    /// MDC_ACT_… for an action type, or nil.
    public static func actionType(_ code: UInt16) -> String? {
        switch code {
        case PHDCode.actSetTime: "MDC_ACT_SET_TIME"
        case PHDCode.actDataRequest: "MDC_ACT_DATA_REQUEST"
        default: nil
        }
    }

    /// The MDC_ATTR_… name for an attribute ID, or nil.
    public static func attribute(_ id: UInt16) -> String? {
        let name = PHDCode.attributeName(id)
        return name.hasPrefix("MDC_") ? name : nil
    }

    /// The range a dev-config-id falls in: standard, extended, reserved, or the value a
    /// manager's AARE carries.
    public static func configIDRange(_ id: UInt16) -> String {
        switch id {
        case 0: "manager-config-response"
        case 0x0001...0x3FFF: "standard"
        case 0x4000...0x7FFF: "extended"
        default: "reserved"
        }
    }

    /// The encoding rules set in an encoding-rules bit string, then any bits 20601 does not define.
    public static func encodingRules(_ bits: UInt16) -> [String] {
        let known: [(UInt16, String)] = [(PhdAssociationInformation.EncodingRule.mder, "MDER"),
                                         (PhdAssociationInformation.EncodingRule.xer, "XER"),
                                         (PhdAssociationInformation.EncodingRule.per, "PER")]
        var names = known.filter { bits & $0.0 != 0 }.map(\.1)
        let other = bits & ~known.reduce(0) { $0 | $1.0 }
        if other != 0 { names.append("undefined bits \(DescriptionText.hex(other))") }
        return names
    }

    /// agent, manager, both, or the undefined bits of a system-type bit string.
    public static func systemType(_ bits: UInt32) -> [String] {
        let known: [(UInt32, String)] = [(PhdAssociationInformation.SystemType.manager, "manager"),
                                         (PhdAssociationInformation.SystemType.agent, "agent")]
        var names = known.filter { bits & $0.0 != 0 }.map(\.1)
        let other = bits & ~known.reduce(0) { $0 | $1.0 }
        if other != 0 { names.append("undefined bits \(DescriptionText.hex(other))") }
        return names
    }

    /// The name of an ROER error-value, or nil.
    public static func errorValue(_ value: UInt16) -> String? {
        switch value {
        case 1: "no-such-object-instance"
        case 2: "access-denied"
        case 9: "no-such-action"
        case 17: "invalid-object-instance"
        case 23: "protocol-violation"
        case 24: "not-allowed-by-object"
        case 25: "action-timed-out"
        case 26: "action-aborted"
        default: nil
        }
    }

    /// The name of an RORJ problem, or nil.
    public static func rejectProblem(_ value: UInt16) -> String? {
        switch value {
        case 0: "unrecognized-apdu"
        case 2: "badly-structured-apdu"
        case 101: "unrecognized-operation"
        case 103: "resource-limitation"
        case 303: "unexpected-error"
        default: nil
        }
    }

    /// The name of a set modification's operator, or nil.
    public static func modifyOperator(_ value: UInt16) -> String? {
        switch value {
        case 0: "replace"
        case 1: "add-values"
        case 2: "remove-values"
        case 3: "set-to-default"
        default: nil
        }
    }
}
