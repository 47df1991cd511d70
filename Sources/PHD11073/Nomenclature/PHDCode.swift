/// 16-bit nomenclature codes the 20601 codec and checks use, by name (standards.md §2;
/// signove/antidote `src/dim/nomenclature.h`). Measurement types and units, which HL7 uses
/// too, are data in `Specs/terminology/mdc.yaml`, read through Core's ``MDCNomenclature``.
public enum PHDCode {
    // Notifications (partition 1, object-oriented).
    public static let notiConfig: UInt16 = 3356
    public static let notiScanReportFixed: UInt16 = 3357
    public static let notiScanReportVar: UInt16 = 3358
    public static let notiScanReportMPFixed: UInt16 = 3359
    public static let notiScanReportMPVar: UInt16 = 3360
    public static let notiUnbufScanReportVar: UInt16 = 3362
    public static let notiUnbufScanReportFixed: UInt16 = 3363
    public static let notiUnbufScanReportMPVar: UInt16 = 3365
    public static let notiUnbufScanReportMPFixed: UInt16 = 3366

    // Actions.
    public static let actSetTime: UInt16 = 3095
    public static let actDataRequest: UInt16 = 3099

    // Attributes.
    public static let attrSysID: UInt16 = 2436
    public static let attrTimeAbs: UInt16 = 2439
    public static let attrTimeStampAbs: UInt16 = 2448
    public static let attrUnitCode: UInt16 = 2454
    public static let attrDevConfigID: UInt16 = 2628
    public static let attrMetricSpecSmall: UInt16 = 2630
    public static let attrIDType: UInt16 = 2351
    public static let attrNuValObsBasic: UInt16 = 2636
    public static let attrAttributeValMap: UInt16 = 2645
    public static let attrNuValObsSimp: UInt16 = 2646
    public static let attrSysTypeSpecList: UInt16 = 2650
    public static let attrMetricStructSmall: UInt16 = 2675
    public static let attrNuCmpdValObsSimp: UInt16 = 2676
    public static let attrNuCmpdValObsBasic: UInt16 = 2677
    public static let attrIDPhysioList: UInt16 = 2678

    // Object classes.
    public static let mocVMOMetricEnum: UInt16 = 5
    public static let mocVMOMetricNu: UInt16 = 6
    public static let mocScanCfgEpi: UInt16 = 18
    public static let mocScanCfgPeri: UInt16 = 19
    public static let mocVMOPMStore: UInt16 = 61

    /// The MDS object's handle.
    public static let mdsHandle: UInt16 = 0

    /// A readable name for an attribute ID, for evidence.
    public static func attributeName(_ id: UInt16) -> String {
        switch id {
        case attrSysID: "MDC_ATTR_SYS_ID"
        case attrTimeAbs: "MDC_ATTR_TIME_ABS"
        case attrTimeStampAbs: "MDC_ATTR_TIME_STAMP_ABS"
        case attrUnitCode: "MDC_ATTR_UNIT_CODE"
        case attrDevConfigID: "MDC_ATTR_DEV_CONFIG_ID"
        case attrMetricSpecSmall: "MDC_ATTR_METRIC_SPEC_SMALL"
        case attrIDType: "MDC_ATTR_ID_TYPE"
        case attrNuValObsBasic: "MDC_ATTR_NU_VAL_OBS_BASIC"
        case attrAttributeValMap: "MDC_ATTR_ATTRIBUTE_VAL_MAP"
        case attrNuValObsSimp: "MDC_ATTR_NU_VAL_OBS_SIMP"
        case attrSysTypeSpecList: "MDC_ATTR_SYS_TYPE_SPEC_LIST"
        case attrMetricStructSmall: "MDC_ATTR_METRIC_STRUCT_SMALL"
        case attrNuCmpdValObsSimp: "MDC_ATTR_NU_CMPD_VAL_OBS_SIMP"
        case attrNuCmpdValObsBasic: "MDC_ATTR_NU_CMPD_VAL_OBS_BASIC"
        case attrIDPhysioList: "MDC_ATTR_ID_PHYSIO_LIST"
        default: "attribute \(id)"
        }
    }

    /// Attribute IDs by name, for specs that list mandatory attributes.
    public static func attribute(named name: String) -> UInt16? {
        let known: [UInt16] = [attrSysID, attrTimeAbs, attrTimeStampAbs, attrUnitCode, attrDevConfigID, attrMetricSpecSmall,
                               attrIDType, attrNuValObsBasic, attrAttributeValMap, attrNuValObsSimp, attrSysTypeSpecList,
                               attrMetricStructSmall, attrNuCmpdValObsSimp, attrNuCmpdValObsBasic, attrIDPhysioList]
        return known.first { attributeName($0) == name }
    }
}
