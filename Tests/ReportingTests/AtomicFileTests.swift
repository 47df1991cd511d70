import Foundation
import MedConformCore
import Testing
@testable import Reporting

@Suite("AtomicFile")
struct AtomicFileTests {
    private func contents(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    @Test func writesAndLeavesNoTemporaryFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.path + "/report.xml"
        try AtomicFile.write(Array("first".utf8), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("first".utf8))
        #expect(try contents(directory.path) == ["report.xml"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
    }

    @Test func overwritesAnExistingFileWhole() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.path + "/result.json"
        try AtomicFile.write(Array(repeating: 0x41, count: 100_000), to: path)
        try AtomicFile.write(Array("short".utf8), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("short".utf8))
        try AtomicFile.write([], to: path)
        #expect(FileManager.default.contents(atPath: path) == Data())
        #expect(try contents(directory.path) == ["result.json"])
    }

    @Test func readersNeverSeeAPartialFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.path + "/report.html"
        let versions: [[UInt8]] = (0..<4).map { Array(repeating: UInt8(ascii: "a") + $0, count: 200_000 * (Int($0) + 1)) }
        try AtomicFile.write(versions[0], to: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for round in 0..<20 { try AtomicFile.write(versions[round % versions.count], to: path) }
            }
            group.addTask {
                for _ in 0..<200 {
                    let seen = FileManager.default.contents(atPath: path).map { [UInt8]($0) }
                    #expect(seen.map { versions.contains($0) } ?? false, "a reader saw a file no writer wrote whole")
                }
            }
            try await group.waitForAll()
        }
        #expect(try contents(directory.path) == ["report.html"])
    }

    @Test func missingDirectoriesAreCreated() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.path + "/a/b/report.xml"
        try AtomicFile.write([1], to: path)
        #expect(FileManager.default.contents(atPath: path) == Data([1]))
    }

    @Test func aFileInTheWayOfADirectoryNamesThePath() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let blocker = directory.path + "/blocker"
        try AtomicFile.write([1], to: blocker)
        let path = blocker + "/inner/report.xml"
        do {
            try AtomicFile.write([1], to: path)
            Issue.record("wrote below a regular file")
        } catch let error as ReportingError {
            #expect(error == .createDirectory(path: blocker, reason: "a file that is not a directory is in the way"))
        }
    }

    #if os(Linux)
    @Test func aRefusedWriteNamesThePath() throws {
        // Root may write almost anywhere; /proc refuses new files to everyone.
        let path = "/proc/self/medconform-report.xml"
        do {
            try AtomicFile.write([1], to: path)
            Issue.record("wrote into /proc")
        } catch let error as ReportingError {
            guard case let .writeFile(failedPath, reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(failedPath == path)
            #expect(reason.contains("errno"))
            #expect(error.description.hasPrefix("cannot write '\(path)': "))
        }
    }
    #endif

    @Test func aDirectoryInTheWayIsReported() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.path + "/taken"
        try FileManager.default.createDirectory(atPath: path + "/inside", withIntermediateDirectories: true)
        #expect(throws: ReportingError.self) { try AtomicFile.write([1], to: path) }
        #expect(try contents(directory.path) == ["taken"], "the temporary file was removed")
    }
}

@Suite("ReportWriter")
struct ReportWriterTests {
    @Test func writesEveryReportAndTheAttachmentsJUnitNames() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let target = directory.path + "/out/run-1"
        let paths = try ReportWriter(directory: target).write(Fixtures.run())
        #expect(paths.junit == target + "/TEST-20260101T120000Z-0001.xml")
        #expect(paths.json == target + "/result.json")
        #expect(paths.html == target + "/report.html")
        #expect(paths.attachments == [target + "/attachments/pcd01-basic/NAT-OBX-6.txt",
                                      target + "/attachments/pcd01-basic/PCD-ACK-1.txt"])
        for path in paths.all { #expect(FileManager.default.fileExists(atPath: path), "\(path)") }

        let junit = try #require(FileManager.default.contents(atPath: paths.junit))
        #expect([UInt8](junit) == (try JUnitReport.render(Fixtures.run())))
        let root = try #require(checkJUnitStructure([UInt8](junit)))
        let attachmentLines = root.descendants.filter { $0.name == "system-out" }
            .flatMap { $0.text.split(separator: "\n") }
            .filter { $0.hasPrefix("[[ATTACHMENT|") }
        #expect(attachmentLines.count == 2)
        for line in attachmentLines {
            let relative = line.dropFirst("[[ATTACHMENT|".count).dropLast(2)
            #expect(FileManager.default.fileExists(atPath: target + "/" + relative), "\(relative)")
        }
        let json = try #require(FileManager.default.contents(atPath: paths.json))
        #expect(try JSONResultLog.decode([UInt8](json)) == Fixtures.run())

        let attachment = String(decoding: try #require(FileManager.default.contents(atPath: paths.attachments[1])), as: UTF8.self)
        #expect(attachment.contains("check: PCD-ACK-1"))
        #expect(attachment.contains("[2] harness-to-device +0.125s, \(Fixtures.acknowledgement.count) bytes: ACK^R01 AA"))
        #expect(attachment.contains("0000: 0b 4d 53 48 7c 5e 7e 5c  26 7c 4d 45 44 43 4f 4e  |.MSH|^~\\&|MEDCON|"))
        #expect(!attachment.contains("more bytes"), "attachments hold every byte")
    }

    @Test func writingTwiceReplacesTheFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let writer = ReportWriter(directory: directory.path)
        try writer.write(Fixtures.run())
        let paths = try writer.write(Fixtures.partialRun())
        let json = try #require(FileManager.default.contents(atPath: paths.json))
        #expect(try JSONResultLog.decode([UInt8](json)).partial)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test func hostileIdsStayInsideTheDirectory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let paths = try ReportWriter(directory: directory.path + "/r").write(Fixtures.hostile("../../escape/\u{0}.."))
        for path in paths.all {
            #expect(path.hasPrefix(directory.path + "/r/"))
            let relative = path.dropFirst((directory.path + "/r/").count)
            #expect(!relative.split(separator: "/").contains { $0 == ".." || $0.hasPrefix(".") }, "\(relative)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/escape"))
        #expect(paths.junit.hasPrefix(directory.path + "/r/TEST-"))
        #expect(!paths.junit.dropFirst((directory.path + "/r/").count).contains("/"))
    }

    @Test func collidingIdsGetDistinctAttachments() throws {
        let observation = Observation(.fail, subject: "s", reason: "r", evidence: Evidence(transcript: [Fixtures.received]))
        let checks = ["A/B", "A_B", "a_b"].map {
            CheckResult.judged(id: $0, title: "", requirements: [], observations: [observation])
        }
        let run = Fixtures.run(suites: [SuiteResult(id: "s", title: "", plugin: "p", checks: checks)])
        #expect(AttachmentPlan(run: run).items.map(\.relativePath)
            == ["attachments/s/A_B.txt", "attachments/s/A_B-2.txt", "attachments/s/a_b-3.txt"])
    }

    @Test func aFileWhereADirectoryShouldBeIsReportedByPath() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let blocker = directory.path + "/blocker"
        try AtomicFile.write([1], to: blocker)
        do {
            try ReportWriter(directory: blocker + "/reports").write(Fixtures.run())
            Issue.record("wrote below a regular file")
        } catch let error as ReportingError {
            #expect(error == .createDirectory(path: blocker, reason: "a file that is not a directory is in the way"))
            #expect(error.description == "cannot create directory '\(blocker)': a file that is not a directory is in the way")
        }
    }

    #if os(Linux)
    @Test func anUnwritableDirectoryIsReportedByPath() throws {
        // Root may write anywhere, so use a path the kernel refuses to anyone: below /proc.
        do {
            try ReportWriter(directory: "/proc/medconform-reports").write(Fixtures.zeroSuites())
            Issue.record("wrote into /proc")
        } catch let error as ReportingError {
            #expect(error.description.contains("'/proc/medconform-reports'"), "\(error)")
        }
    }
    #endif
}
