import MedConformCore

/// The five IEEE 11073-104zz device specializations the simulators play, each with its
/// standard configuration (the one a manager may know without a configuration report).
///
/// Sources (read for facts; nothing copied): signove/antidote `src/specializations/*.c`
/// (`pulse_oximeter.c`, `blood_pressure_monitor.c`, `weighing_scale.c`, `glucometer.c`),
/// conqlima/Antidote `src/specializations/thermometer.c` for the thermometer, antidote's
/// test APDUs in shared/vectors/ieee11073_20601, and the Continua "mcesl" Java agent classes
/// (`org.continuaalliance.mcesl.deviceSpecialization.*DeviceSpecialization`). The same facts
/// are data in `Specs/phd/standard-configurations.yaml`, with what could not be confirmed.
public enum PHDSpecialization: String, CaseIterable, Sendable, Hashable {
    case pulseOximeter = "pulse-oximeter"
    case bloodPressure = "blood-pressure"
    case thermometer = "thermometer"
    case weighingScale = "weighing-scale"
    case glucoseMeter = "glucose-meter"

    /// The ISO/IEEE 11073 part number: 10404, 10407, 10408, 10415, 10417.
    public var partNumber: Int {
        switch self {
        case .pulseOximeter: 10404
        case .bloodPressure: 10407
        case .thermometer: 10408
        case .weighingScale: 10415
        case .glucoseMeter: 10417
        }
    }

    /// The prefix of this specialization's requirement IDs, e.g. `P10404`.
    public var requirementPrefix: String { "P\(partNumber)" }

    /// The standard dev-config-id (standards.md §2). Pulse oximeters have a second one,
    /// 0x0191 (401), that the simulator does not use.
    public var devConfigID: UInt16 {
        switch self {
        case .pulseOximeter: 0x0190  // antidote pulse_oximeter.c, vector H211_ID_0190
        case .bloodPressure: 0x02BC  // antidote blood_pressure_monitor.c, vector H211_ID_02BC
        case .thermometer: 0x0320  // conqlima/Antidote thermometer.c only
        case .weighingScale: 0x05DC  // antidote weighing_scale.c, vector weighing_scale/std_config_05DC
        case .glucoseMeter: 0x06A4  // antidote glucometer.c
        }
    }

    /// The MDC_DEV_SPEC_PROFILE_* term of MDC_ATTR_SYS_TYPE_SPEC_LIST.
    public var profile: PHDTerm {
        switch self {
        case .pulseOximeter: .devSpecProfilePulsOxim
        case .bloodPressure: .devSpecProfileBP
        case .thermometer: .devSpecProfileTemp
        case .weighingScale: .devSpecProfileScale
        case .glucoseMeter: .devSpecProfileGlucose
        }
    }

    /// The specialization with `devConfigID` as its standard configuration.
    public static func standard(devConfigID: UInt16) -> PHDSpecialization? {
        allCases.first { $0.devConfigID == devConfigID }
    }

    /// The objects of the standard configuration, in handle order.
    public var objects: [PHDStandardObject] {
        let basicWithTime = [PHDValueMapEntry(PHDCode.attrNuValObsBasic, 2), PHDValueMapEntry(PHDCode.attrTimeStampAbs, 8)]
        switch self {
        case .pulseOximeter:
            // Handles 1 and 10, spec 0x4040: antidote pulse_oximeter.c (config 0x0190) and the
            // mcesl PulseOxDeviceSpecialization. Value map: mcesl gives (BASIC, 2)(TIME_STAMP_ABS, 8),
            // and antidote's own report for 0x0190 carries a value and an absolute time (10 bytes),
            // but antidote's configuration function lists (BASIC, 2) alone: the time stamp entry
            // is not confirmed by two agreeing sources.
            return [
                PHDStandardObject(handle: 1, type: .pulsOximSatO2, unit: .dimPercent, metricSpecSmall: 0x4040, valueMap: basicWithTime),
                PHDStandardObject(handle: 10, type: .pulsOximPulsRate, unit: .dimBeatPerMin, metricSpecSmall: 0x4040, valueMap: basicWithTime),
            ]
        case .bloodPressure:
            // antidote blood_pressure_monitor.c (0x02BC); the same two objects, plus a status
            // object, are in antidote's blood_pressure/roiv_mdc_noti_config vector (config 0x4000).
            return [
                PHDStandardObject(handle: 1, type: .pressBldNonInv, unit: .dimMMHg, metricSpecSmall: 0xF040,
                                  metricStructSmall: 0x0303, components: [.pressBldNonInvSys, .pressBldNonInvDia, .pressBldNonInvMean],
                                  valueMap: [PHDValueMapEntry(PHDCode.attrNuCmpdValObsBasic, 10), PHDValueMapEntry(PHDCode.attrTimeStampAbs, 8)]),
                PHDStandardObject(handle: 2, type: .pulsRateNonInv, unit: .dimBeatPerMin, metricSpecSmall: 0xF040, valueMap: basicWithTime),
            ]
        case .thermometer:
            // conqlima/Antidote thermometer.c (0x0320): handle 1, MDC_TEMP_BODY, 0xF040, MDC_DIM_DEGC.
            // Its value map says (NU_VAL_OBS_SIMP, 2), which contradicts itself (SIMP is a 4-byte
            // FLOAT); the mcesl classes quote "Part 10408: (MDC_ATTR_NU_VAL_OBS_BASIC,2),
            // (MDC_ATTR_TIME_STAMP_ABS,8)", which is used here. Unconfirmed.
            return [PHDStandardObject(handle: 1, type: .tempBody, unit: .dimDegC, metricSpecSmall: 0xF040, valueMap: basicWithTime)]
        case .weighingScale:
            // antidote weighing_scale.c (0x05DC) and its weighing_scale/std_config_05DC vector agree:
            // a FLOAT (SIMP, 4) and an absolute time stamp.
            return [PHDStandardObject(handle: 1, type: .massBodyActual, unit: .dimKiloG, metricSpecSmall: 0xF040,
                                      valueMap: [PHDValueMapEntry(PHDCode.attrNuValObsSimp, 4), PHDValueMapEntry(PHDCode.attrTimeStampAbs, 8)])]
        case .glucoseMeter:
            // antidote glucometer.c (0x06A4) and mcesl GlucoseMeterDeviceSpecialization agree on the
            // configuration (BASIC, 2)(TIME_STAMP_ABS, 8); antidote's sample report writes a 4-byte
            // FLOAT instead, against its own value map. The value map is followed here.
            return [PHDStandardObject(handle: 1, type: .concGluCapillaryWholeBlood, unit: .dimMilliGPerDL, metricSpecSmall: 0xF040, valueMap: basicWithTime)]
        }
    }

    /// The plausible range of each number an object reports (components in order), for the
    /// simulated values and for tests that check them.
    public func plausibleRanges(handle: UInt16) -> [ClosedRange<Double>] {
        switch (self, handle) {
        case (.pulseOximeter, 1): [90...100]
        case (.pulseOximeter, 10), (.bloodPressure, 2): [50...110]
        case (.bloodPressure, 1): [100...140, 60...90, 60...140]
        case (.thermometer, _): [36.0...37.5]
        case (.weighingScale, _): [50...110]
        case (.glucoseMeter, _): [70...140]
        default: []
        }
    }

    /// The numbers of measurement `index` for each object, drawn from `generator` inside the
    /// plausible ranges: whole numbers for SpO2, pulse, pressure and glucose; tenths for
    /// temperature and weight.
    func draw(using generator: inout SplitMix64) -> [[PHDRawNumber]] {
        func whole(_ range: ClosedRange<Int>) -> PHDRawNumber {
            PHDRawNumber(mantissa: Int32(generator.next(in: range)), exponent: 0)
        }
        func tenths(_ range: ClosedRange<Int>) -> PHDRawNumber {
            PHDRawNumber(mantissa: Int32(generator.next(in: range)), exponent: -1)
        }
        switch self {
        case .pulseOximeter:
            return [[whole(90...100)], [whole(50...110)]]
        case .bloodPressure:
            let systolic = generator.next(in: 100...140), diastolic = generator.next(in: 60...90)
            // Mean arterial pressure as devices estimate it: diastolic plus a third of the pulse pressure.
            let mean = (systolic + 2 * diastolic + 1) / 3
            return [[systolic, diastolic, mean].map { PHDRawNumber(mantissa: Int32($0), exponent: 0) }, [whole(50...110)]]
        case .thermometer:
            return [[tenths(360...375)]]
        case .weighingScale:
            return [[tenths(500...1100)]]
        case .glucoseMeter:
            return [[whole(70...140)]]
        }
    }

    /// A first value far outside the plausible range (``PHDAgentFault/outOfRange``).
    var implausibleValue: PHDRawNumber {
        switch self {
        case .pulseOximeter: PHDRawNumber(mantissa: 150, exponent: 0)  // SpO2 150 %
        case .bloodPressure: PHDRawNumber(mantissa: 400, exponent: 0)  // systolic 400 mmHg
        case .thermometer: PHDRawNumber(mantissa: 520, exponent: -1)  // 52.0 °C
        case .weighingScale: PHDRawNumber(mantissa: 9000, exponent: -1)  // 900.0 kg
        case .glucoseMeter: PHDRawNumber(mantissa: 1900, exponent: 0)  // 1900 mg/dL
        }
    }

    /// A unit that measures something else than the first object (``PHDAgentFault/wrongUnit``).
    var unrelatedUnit: PHDTerm {
        self == .weighingScale ? .dimPercent : .dimKiloG
    }

    /// Another specialization's standard configuration (``PHDAgentFault/wrongConfigID``).
    var otherSpecialization: PHDSpecialization {
        let all = Self.allCases
        let index = all.firstIndex(of: self) ?? 0
        return all[(index + 1) % all.count]
    }

    /// A name for logs and summaries: "pulse oximeter (10404)".
    public var title: String { rawValue.split(separator: "-").joined(separator: " ") + " (\(partNumber))" }
}
