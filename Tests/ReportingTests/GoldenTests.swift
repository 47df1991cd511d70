import Foundation
import Testing
@testable import Reporting

/// Byte-for-byte goldens of the main fixture. Record with `MEDCONFORM_RECORD=1`.
@Suite("Golden files")
struct GoldenTests {
    @Test func junit() throws {
        let bytes = try JUnitReport.render(Fixtures.run())
        checkJUnitStructure(bytes) // a golden must never enshrine a broken document
        expectGolden(bytes, named: "junit.xml")
    }

    @Test(.enabled(if: schemaAvailable, schemaMissingNote))
    func junitGoldenValidates() throws {
        let golden = try #require(FileManagerContents.read(TestPaths.golden + "/junit.xml"))
        expectValidJUnit(golden)
    }

    @Test func json() throws {
        let bytes = try JSONResultLog.render(Fixtures.run())
        expectGolden(bytes, named: "result.json")
        #expect(try JSONResultLog.decode(bytes) == Fixtures.run())
    }
}

enum FileManagerContents {
    static func read(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }
}
