import Testing
@testable import Reporting

/// What every JUnit document must satisfy, checked on the parsed document; returns the root.
@discardableResult
func checkJUnitStructure(_ bytes: [UInt8], timestamps: Bool = true,
                         sourceLocation: SourceLocation = #_sourceLocation) -> XMLElement? {
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), sourceLocation: sourceLocation)
    #expect(!text.contains("<![CDATA["), "no CDATA", sourceLocation: sourceLocation)
    #expect(!text.contains("\r"), "LF line ends only", sourceLocation: sourceLocation)
    #expect(text.unicodeScalars.allSatisfy(XMLCharacters.isAllowed), sourceLocation: sourceLocation)
    let parsed = XMLElement.parse(bytes)
    guard let root = parsed.root else {
        Issue.record("JUnit does not parse: \(parsed.errors)", sourceLocation: sourceLocation)
        return nil
    }
    #expect(root.name == "testsuites", sourceLocation: sourceLocation)
    #expect(root.attributeNames == ["name", "tests", "failures", "errors", "time"], sourceLocation: sourceLocation)
    let suites = root.children
    #expect(!suites.isEmpty && suites.allSatisfy { $0.name == "testsuite" }, sourceLocation: sourceLocation)
    var sums = (tests: 0, failures: 0, errors: 0)
    for suite in suites {
        let expectedAttributes = ["name", "tests", "failures", "errors", "skipped", "time"]
            + (timestamps ? ["timestamp"] : []) + ["hostname"]
        #expect(suite.attributeNames == expectedAttributes, sourceLocation: sourceLocation)
        #expect(suite.attribute("name")?.isEmpty == false, sourceLocation: sourceLocation)
        if timestamps {
            #expect(isTimestamp(suite.attribute("timestamp") ?? ""), sourceLocation: sourceLocation)
        }
        #expect(isTime(suite.attribute("time") ?? ""), sourceLocation: sourceLocation)
        let properties = suite.children.first
        #expect(properties?.name == "properties", "properties come first", sourceLocation: sourceLocation)
        #expect(suite.children(named: "properties").count == 1, sourceLocation: sourceLocation)
        let propertyList = properties?.children ?? []
        #expect(!propertyList.isEmpty && propertyList.allSatisfy { $0.name == "property" && $0.attributeNames == ["name", "value"] },
                sourceLocation: sourceLocation)
        for property in propertyList {
            #expect(!(property.attribute("value") ?? "").contains("\n"), sourceLocation: sourceLocation)
        }
        let cases = suite.children(named: "testcase")
        var counted = (failures: 0, errors: 0, skipped: 0)
        for testcase in cases {
            #expect(testcase.attributeNames == ["name", "classname", "time"], sourceLocation: sourceLocation)
            #expect(isTime(testcase.attribute("time") ?? ""), sourceLocation: sourceLocation)
            let outcomes = testcase.children.filter { ["failure", "error", "skipped"].contains($0.name) }
            #expect(outcomes.count <= 1, "at most one outcome element", sourceLocation: sourceLocation)
            #expect(testcase.children(named: "system-out").count == 1, sourceLocation: sourceLocation)
            for outcome in outcomes {
                let message = outcome.attribute("message") ?? ""
                #expect(!message.isEmpty && message.unicodeScalars.count <= 500, sourceLocation: sourceLocation)
                #expect(!message.contains("\n") && !message.contains("\t"), sourceLocation: sourceLocation)
                #expect(outcome.text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) == message,
                        "body starts with the message", sourceLocation: sourceLocation)
                switch outcome.name {
                case "failure": counted.failures += 1
                case "error": counted.errors += 1
                default:
                    counted.skipped += 1
                    #expect(outcome.attribute("type") == nil, "skipped has no type", sourceLocation: sourceLocation)
                }
                if outcome.name != "skipped" {
                    #expect(outcome.attributeNames == ["message", "type"], sourceLocation: sourceLocation)
                }
            }
        }
        #expect(suite.attribute("tests") == String(cases.count), sourceLocation: sourceLocation)
        #expect(suite.attribute("failures") == String(counted.failures), sourceLocation: sourceLocation)
        #expect(suite.attribute("errors") == String(counted.errors), sourceLocation: sourceLocation)
        #expect(suite.attribute("skipped") == String(counted.skipped), sourceLocation: sourceLocation)
        sums.tests += cases.count
        sums.failures += counted.failures
        sums.errors += counted.errors
    }
    #expect(root.attribute("tests") == String(sums.tests), sourceLocation: sourceLocation)
    #expect(root.attribute("failures") == String(sums.failures), sourceLocation: sourceLocation)
    #expect(root.attribute("errors") == String(sums.errors), sourceLocation: sourceLocation)
    #expect(isTime(root.attribute("time") ?? ""), sourceLocation: sourceLocation)
    return root
}

/// Validates against junit-10.xsd; call only from tests enabled by `schemaAvailable`.
func expectValidJUnit(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    guard let schema = TestPaths.junitSchema else {
        Issue.record("junit-10.xsd not found", sourceLocation: sourceLocation)
        return
    }
    let errors = XMLSchemaValidation.validate(xml: bytes, schemaPath: schema)
    #expect(errors.isEmpty, "junit-10.xsd: \(errors.prefix(5))", sourceLocation: sourceLocation)
}

let schemaAvailable = TestPaths.junitSchema != nil
let schemaMissingNote: Comment = "junit-10.xsd not found (../shared/junit/ from the package root, or $MEDCONFORM_JUNIT_XSD)"

func isTime(_ text: String) -> Bool {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 2 && !parts[0].isEmpty && parts[1].count == 3
        && parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
}

func isTimestamp(_ text: String) -> Bool {
    let pattern = Array("dddd-dd-ddTdd:dd:dd")
    let chars = Array(text)
    return chars.count == pattern.count && zip(chars, pattern).allSatisfy { char, expected in
        expected == "d" ? (char.isASCII && char.isNumber) : char == expected
    }
}
