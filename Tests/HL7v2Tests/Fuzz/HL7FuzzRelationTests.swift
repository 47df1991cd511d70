import FuzzCore
import MedConformCore
import Testing
import Transports

@testable import HL7v2

/// Invariant I4 of fuzzing.md §9.4 for HL7 v2 over MLLP: without a lie the framing and the
/// MSH-1/MSH-2 declaration hold; a lie breaks exactly the relation it names.
@Suite struct HL7FuzzRelationTests {
    /// Which of the four relations hold in a framed message: start block, end block + CR,
    /// MSH-1, MSH-2 (checked at the start of the payload).
    static func relations(_ bytes: [UInt8]) -> (start: Bool, end: Bool, msh1: Bool, msh2: Bool) {
        let start = bytes.first == MLLP.startBlock && bytes.dropFirst().first != MLLP.startBlock
        // The message's last segment ends in CR, so an honest frame ends CR, EB, CR.
        let end = bytes.count >= 3 && Array(bytes.suffix(3)) == [MLLP.carriageReturn, MLLP.endBlock, MLLP.carriageReturn]
        let payload = Array(bytes.drop { $0 == MLLP.startBlock || $0 == 0x0A })
        let msh1 = payload.count > 4 && payload[3] == 0x7C && payload[4] != 0x7C
        let msh2 = payload.count > 8 && Array(payload[4..<9]) == Array(#"^~\&|"#.utf8)
        return (start, end, msh1, msh2)
    }

    @Test func enumeratedCasesKeepOrBreakExactlyTheDeclaredRelation() throws {
        let message = try HL7FuzzGoldenTests.baseMessage()
        let space = try HL7FuzzModel.caseSpace(of: message, profileDigest: [1], generatorVersion: "t", seed: 1)
        var lies = 0
        for n in 0..<space.enumeratedCount {
            // Every lie, and every 11th other case: rendering all of them would load the shared
            // CPUs for seconds, which timing-sensitive socket tests in this target do not like.
            let anomaly = try #require(space.enumeratedAnomaly(n))
            guard anomaly.lie != nil || n % 11 == 0 else { continue }
            let built = space.case(at: n)
            #expect(built.anomalies == [anomaly])
            let held = Self.relations(built.bytes)
            // Structural operators may legitimately move MSH (drop, reorder, rename it) or
            // put bytes into its first fields; only the framing must hold for them.
            let touchesHeader = anomaly.path.hasPrefix("MSH") || anomaly.operatorName.hasPrefix("hl7.segment")
                || anomaly.operatorName == "hl7.delimiter.duplicate"
            switch anomaly.lie {
            case nil:
                #expect(held.start && held.end, "case \(n) \(anomaly)")
                if !touchesHeader { #expect(held.msh1 && held.msh2, "case \(n) \(anomaly)") }
            case "MLLP.SB/framing"?:
                lies += 1
                #expect(!held.start && held.end && held.msh1 && held.msh2, "case \(n) \(anomaly)")
            case "MLLP.EB/framing"?, "MLLP.CR/framing"?:
                lies += 1
                #expect(held.start && !held.end && held.msh1 && held.msh2, "case \(n) \(anomaly)")
            case "MSH.1/declaration"?:
                lies += 1
                #expect(held.start && held.end && !held.msh1, "case \(n) \(anomaly)")
            case "MSH.2/declaration"?:
                lies += 1
                // MSH-1 itself is intact; the simple check above cannot tell an empty MSH-2
                // or one that starts with `|` from a doubled MSH-1, so it is not asserted.
                #expect(held.start && held.end && !held.msh2, "case \(n) \(anomaly)")
            case let other?:
                Issue.record("unexpected lie \(other)")
            }
        }
        // 3 + 3 + 6 framing lies, 5 MSH-1 lies, 8 MSH-2 lies.
        #expect(lies == 25)
    }

    @Test func freeFunctionCaseSeedMatchesTheKey() {
        let key = RunKey(profileDigest: [9], modelDigest: [8], generatorVersion: "v", seed: 7)
        #expect(caseSeed(key, 123) == key.caseSeed(123))
    }
}
