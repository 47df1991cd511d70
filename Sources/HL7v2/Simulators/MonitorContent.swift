import MedConformCore

/// The fixed identity and the seeded values of the simulated monitor's messages.
///
/// Everything here is synthetic: the patients are invented test names, the identifiers are
/// drawn from the seed, and the device identifier is a made-up EUI-64.
enum MonitorContent {
    /// The simulated device's EUI-64, in MSH-3, OBR-2/3 and OBX-18.
    static let deviceEUI64 = "0012345678ABCDEF"
    /// MSH-3: application name, EUI-64, and the universal ID type.
    static let sendingApplication = "MEDCONFORM-SIM^\(deviceEUI64)^EUI-64"
    /// OBX-18: the equipment instance identifier.
    static let equipment = "\(deviceEUI64)^EUI-64"
    /// MSH-21, as Mindray-style messages and several integration projects write it.
    static let profileIdentifier = "IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO"
    /// OBR-4, as the HAPI and GE examples write it.
    static let universalServiceID = "182777000^monitoring of patient^SNOMED-CT"
    /// The model number reported in the one text (ST) observation.
    static let modelNumber = "MEDCONFORM VS-SIM 1.0"

    /// Invented names; never a real person.
    static let patientNames = [
        "Testpatient^Alpha", "Testpatient^Bravo", "Testpatient^Charlie", "Testpatient^Delta",
        "Testpatient^Echo", "Testpatient^Foxtrot", "Samplecase^Golf", "Samplecase^Hotel",
    ]

    /// Who the monitor is attached to; one patient per seed, as a bedside monitor has.
    struct Patient: Sendable, Equatable {
        /// 16 digits, the national identifier form of the example overlay.
        var nationalID: String
        var name: String
        var sex: String
        var location: String
    }

    static func patient(seed: UInt64) -> Patient {
        // A stream of its own (salted seed), so patient and vital signs never share draws.
        var random = SplitMix64(seed: seed ^ 0x5041_5449_454E_5431)
        var digits = String(random.next(in: 1...9))
        for _ in 0..<15 { digits += String(random.next(in: 0...9)) }
        let name = patientNames[random.next(in: 0...(patientNames.count - 1))]
        let sex = random.next(below: 2) == 0 ? "F" : "M"
        let bed = random.next(in: 1...24)
        let location = "SIM-ICU^" + (bed < 10 ? "0" : "") + String(bed) + "^1"
        return Patient(nationalID: digits, name: name, sex: sex, location: location)
    }

    /// The six upper-case hex digits that make this seed's control IDs unique among seeds.
    static func controlIDPrefix(seed: UInt64, salt: UInt64) -> String {
        let value = SplitMix64.output(seed: seed ^ salt, index: 0) & 0xFF_FFFF
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 6 - hex.count) + hex
    }

    /// One set of vital signs, realistic for an adult at rest.
    struct VitalSigns: Sendable, Equatable {
        var spo2: Int
        var pulseRate: Int
        var systolic: Int
        var diastolic: Int
        var mean: Int
        /// Tenths of a degree Celsius.
        var temperatureTenths: Int
        /// Seconds between the observation and the message.
        var observationLag: Int

        var temperatureText: String {
            String(temperatureTenths / 10) + "." + String(temperatureTenths % 10)
        }
    }

    static func vitalSigns(seed: UInt64, index: Int) -> VitalSigns {
        var random = SplitMix64(seed: SplitMix64.output(seed: seed, index: UInt64(max(0, index))))
        let spo2 = random.next(in: 94...99)
        let pulse = random.next(in: 55...95)
        let systolic = random.next(in: 105...135)
        let diastolic = random.next(in: 65...88)
        // MAP = DIA + (SYS - DIA) / 3, rounded half up in integers: no floating point in output.
        let mean = diastolic + (systolic - diastolic + 1) / 3
        let temperature = random.next(in: 363...374)
        let lag = random.next(in: 5...30)
        return VitalSigns(spo2: spo2, pulseRate: pulse, systolic: systolic, diastolic: diastolic, mean: mean,
                          temperatureTenths: temperature, observationLag: lag)
    }
}
