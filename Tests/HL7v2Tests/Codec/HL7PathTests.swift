import Testing

@testable import HL7v2

@Suite("HL7Path")
struct HL7PathTests {
    @Test(
        "valid paths parse and print back",
        arguments: [
            ("PID-3", HL7Path(segment: "PID", field: 3)),
            ("MSH-9.2", HL7Path(segment: "MSH", field: 9, component: 2)),
            ("OBX-3.1", HL7Path(segment: "OBX", field: 3, component: 1)),
            ("PID-3(2).1.1", HL7Path(segment: "PID", field: 3, repetition: 2, component: 1, subcomponent: 1)),
            ("PID-3(2)", HL7Path(segment: "PID", field: 3, repetition: 2)),
            ("ZA1-120.34.5", HL7Path(segment: "ZA1", field: 120, component: 34, subcomponent: 5)),
        ])
    func parses(text: String, expected: HL7Path) throws {
        let path = try #require(HL7Path(text))
        #expect(path == expected)
        #expect(path.description == text)
    }

    @Test(
        "malformed paths are rejected",
        arguments: [
            "", "PID", "PID-", "PID-0", "pid-3", "PI-3", "PIDX-3", "PID-3.", "PID-3.0", "PID-3(0)", "PID-3()",
            "PID-3(2", "PID-3.1.1.1", "PID-3 ", "PID-x", "PID-1234567", "PID--3", "PID-3(2)(3)", "PID-3.1(2)",
            "PÏD-3",
        ])
    func rejects(text: String) {
        #expect(HL7Path(text) == nil)
    }
}
