/// A nomenclature term the simulators write: its reference ID and its 16-bit term code.
///
/// The codes repeat rows of `Specs/terminology/mdc.yaml` (partition 2 SCADA for measurement
/// types, partition 4 DIM for units, partition 8 INFRA for device profiles), because the
/// PHD11073 module reads no YAML; `StandardConfigurationTests` holds the two to the same values.
public struct PHDTerm: Sendable, Hashable, CustomStringConvertible {
    /// The reference ID, e.g. `MDC_PULS_OXIM_SAT_O2`.
    public let refid: String
    /// The 16-bit term code within its partition.
    public let code: UInt16

    public init(_ refid: String, _ code: UInt16) {
        self.refid = refid
        self.code = code
    }

    public var description: String { refid }

    // Measurement types, partition 2 (MDC_PART_SCADA); mdc.yaml rows sourced from antidote nomenclature.h.
    public static let pulsOximSatO2 = PHDTerm("MDC_PULS_OXIM_SAT_O2", 19384)
    public static let pulsOximPulsRate = PHDTerm("MDC_PULS_OXIM_PULS_RATE", 18458)
    public static let pressBldNonInv = PHDTerm("MDC_PRESS_BLD_NONINV", 18948)
    public static let pressBldNonInvSys = PHDTerm("MDC_PRESS_BLD_NONINV_SYS", 18949)
    public static let pressBldNonInvDia = PHDTerm("MDC_PRESS_BLD_NONINV_DIA", 18950)
    public static let pressBldNonInvMean = PHDTerm("MDC_PRESS_BLD_NONINV_MEAN", 18951)
    public static let pulsRateNonInv = PHDTerm("MDC_PULS_RATE_NON_INV", 18474)
    public static let tempBody = PHDTerm("MDC_TEMP_BODY", 19292)
    public static let massBodyActual = PHDTerm("MDC_MASS_BODY_ACTUAL", 57664)
    public static let concGluCapillaryWholeBlood = PHDTerm("MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD", 29112)

    // Units, partition 4 (MDC_PART_DIM).
    public static let dimPercent = PHDTerm("MDC_DIM_PERCENT", 544)
    public static let dimBeatPerMin = PHDTerm("MDC_DIM_BEAT_PER_MIN", 2720)
    public static let dimMMHg = PHDTerm("MDC_DIM_MMHG", 3872)
    public static let dimDegC = PHDTerm("MDC_DIM_DEGC", 6048)
    public static let dimKiloG = PHDTerm("MDC_DIM_KILO_G", 1731)
    public static let dimMilliGPerDL = PHDTerm("MDC_DIM_MILLI_G_PER_DL", 2130)

    // Device specialization profiles, partition 8 (MDC_PART_INFRA), standards.md §2.
    public static let devSpecProfilePulsOxim = PHDTerm("MDC_DEV_SPEC_PROFILE_PULS_OXIM", 4100)
    public static let devSpecProfileBP = PHDTerm("MDC_DEV_SPEC_PROFILE_BP", 4103)
    public static let devSpecProfileTemp = PHDTerm("MDC_DEV_SPEC_PROFILE_TEMP", 4104)
    public static let devSpecProfileScale = PHDTerm("MDC_DEV_SPEC_PROFILE_SCALE", 4111)
    public static let devSpecProfileGlucose = PHDTerm("MDC_DEV_SPEC_PROFILE_GLUCOSE", 4113)

    /// The SCADA partition that TYPE attributes (MDC_ATTR_ID_TYPE) of measurements name.
    public static let partitionSCADA: UInt16 = 2
}
