/// Synthetic messages: invented devices and people only.
enum Fixtures {
    static let oruSegments = [
        #"MSH|^~\&|SIMDEV^0011223344556677^EUI-64|MEDCONFORM|HARNESS||20240101120000+0000||ORU^R01^ORU_R01|MSG00001|P|2.6|||NE|AL"#,
        #"PID|||PAT001^^^Testhospital^PI~ALT002^^^Otherhospital^MR||Testpatient^Alpha^^^^^L||19800101|U|"""#,
        #"OBR|1|ORD1^SIMDEV|FIL1^SIMDEV|150020^MDC_PRESS_BLD_NONINV^MDC|||20240101115900+0000"#,
        #"OBX|1|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.0.1.1|120|266016^MDC_DIM_MMHG^MDC|||||R"#,
        #"OBX|2|ST|0^Note^LOCAL||Pipe \F\ caret \S\ amp \T\ tilde \R\ backslash \E\ hex \X41\|||||||F"#,
        #"NTE|1||A&B sub^Second comp"#,
    ]

    /// The ORU fixture with CR after every segment.
    static var oru: [UInt8] { Array(oruSegments.map { $0 + "\r" }.joined().utf8) }

    /// The same message written with other delimiters: field `#`, component `*`, repetition `$`,
    /// escape `!`, subcomponent `@`, truncation `%`.
    static let customSegments = [
        "MSH#*$!@%#SIMDEV*0011223344556677*EUI-64#MEDCONFORM#HARNESS##20240101120000##ORU*R01*ORU_R01#MSG2#P#2.7",
        "PID###PAT001***Testhospital*PI$ALT002***Otherhospital*MR##Testpatient*Beta",
        "NTE#1##A@B sub*Second comp!F!!S!!L!",
    ]

    static var custom: [UInt8] { Array(customSegments.map { $0 + "\r" }.joined().utf8) }
}
