import Testing

@testable import PHD11073

/// The fuzz-only faults' triggers, on the bytes alone: each fires on the input its fault
/// describes and never on the valid APDUs of an ordinary exchange.
struct PHDFuzzTriggerTests {
    static func encoded(_ name: String) throws -> [UInt8] {
        try #require(try PHDFuzzBase.named(name)?.apdu.encoded())
    }

    @Test func validBasesSetOffNothing() throws {
        for base in PHDFuzzBase.all {
            let bytes = try base.apdu.encoded()
            #expect(!PHDFuzzTriggers.aareProtoInfoLengthDisagrees(bytes), "\(base.name)")
            #expect(!PHDFuzzTriggers.eventResultOfUnknownType(bytes), "\(base.name)")
            #expect(!PHDFuzzTriggers.configReportCountsNoObjectsInANonEmptyList(bytes), "\(base.name)")
            #expect(!PHDFuzzTriggers.configReportHasAttribute(bytes, longerThan: PHDFuzzTriggers.longAttributeBytes), "\(base.name)")
        }
    }

    @Test func aareWithAWrongProtoInfoLength() throws {
        var bytes = try Self.encoded("to-agent/aare-accepted-unknown-config")
        bytes[9] &+= 1
        #expect(PHDFuzzTriggers.aareProtoInfoLengthDisagrees(bytes))
        #expect(!PHDFuzzTriggers.aareProtoInfoLengthDisagrees(Array(bytes.prefix(9))))
    }

    @Test func eventResultOfAnUnknownType() throws {
        var bytes = try Self.encoded("to-agent/rors-event-report")
        bytes[18] = 0xFF
        bytes[19] = 0xFF
        #expect(PHDFuzzTriggers.eventResultOfUnknownType(bytes))
        // The same event type in a configuration report (an invocation) is no result.
        var report = try Self.encoded("to-manager/roiv-config-report")
        report[18] = 0xFF
        #expect(!PHDFuzzTriggers.eventResultOfUnknownType(report))
    }

    @Test func configurationReportCountingNoObjects() throws {
        var bytes = try Self.encoded("to-manager/roiv-config-report")
        #expect(PHDFuzzTriggers.u16(bytes, 24) == 3)
        bytes[24] = 0
        bytes[25] = 0
        #expect(PHDFuzzTriggers.configReportCountsNoObjectsInANonEmptyList(bytes))
    }

    @Test func configurationReportWithALongAttribute() throws {
        var bytes = try Self.encoded("to-manager/roiv-config-report")
        // The first attribute of the first object: its value length at bytes 38-39.
        bytes[38] = 0x04
        bytes[39] = 0x01
        #expect(PHDFuzzTriggers.configReportHasAttribute(bytes, longerThan: 1024))
        #expect(!PHDFuzzTriggers.configReportHasAttribute(bytes, longerThan: 1025))
        #expect(!PHDFuzzTriggers.configReportHasAttribute(Array(bytes.prefix(30)), longerThan: 1024))
    }
}
