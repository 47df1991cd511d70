import MedConformCore
import Testing
@testable import PHD11073

/// Mutated vectors through the codec, the capture reader and the description: whatever the
/// bytes, they answer with a value (an APDU, an error at an offset inside the input, a
/// problem) and never trap. Mutations come from SplitMix64, so a failure names a seed and
/// an index that reproduce it on any machine.
@Suite("Codec robustness: mutated vectors", .enabled(if: PHDVectors.isAvailable, "shared/vectors/ieee11073_20601 not found"))
struct CodecRobustnessTests {
    static let vectors = PHDVectors.all().map(\.bytes)
    /// 200,000 mutations in all, in slices that run in parallel.
    static let slices: [UInt64] = Array(1...8)
    static let perSlice = 25_000

    /// Mutation `index` of the slice seeded `seed`: one to four byte flips, insertions or
    /// deletions of one vector. Draws take the remainder of a 64-bit output: the bias is
    /// below 2^-50 for these bounds and `next(below:)` costs more in a debug build.
    static func mutation(seed: UInt64, index: Int, of vectors: [[UInt8]] = vectors) -> [UInt8] {
        var random = SplitMix64(seed: SplitMix64.output(seed: seed, index: UInt64(index)))
        func draw(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
        var bytes = vectors[draw(vectors.count)]
        for _ in 0...draw(4) {
            let position = draw(bytes.count + 1)
            switch draw(3) {
            case 0 where position < bytes.count: bytes[position] ^= UInt8(1 + draw(255))
            case 1: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
            default: if position < bytes.count { bytes.remove(at: position) }
            }
        }
        return bytes
    }

    @Test("mutations decode to an APDU that encodes back byte for byte, or an error inside the input", arguments: slices)
    func mutations(seed: UInt64) {
        var decoded = 0, failed = 0
        // Findings are gathered and expected once: an #expect per mutation would cost more
        // than the decoding it checks.
        var findings: [String] = []
        let vectors = Self.vectors
        for index in 0..<Self.perSlice {
            let bytes = Self.mutation(seed: seed, index: index, of: vectors)
            do throws(MDERDecodingError) {
                let apdu = try APDU.decode(bytes)
                decoded += 1
                if (try? apdu.encoded()) != bytes { findings.append("seed \(seed) index \(index): encodes differently") }
                // Descriptions of odd APDUs are where an unchecked length would trap.
                if index % 8 == 0 { _ = APDUDescription(apdu).lines }
            } catch {
                failed += 1
                // An offset equal to the count means "at the end": a field that is missing.
                if !(0...bytes.count).contains(error.offset) { findings.append("seed \(seed) index \(index): \(error)") }
            }
        }
        #expect(findings.isEmpty, "\(findings.prefix(10))")
        // Both outcomes occur, or the mutations would not exercise the decoder.
        #expect(decoded > 0 && failed > 0)
    }

    @Test("mutated captures read without traps, in hex text and binary")
    func mutatedCaptures() {
        var random = SplitMix64(seed: 0xCA97)
        var incomplete = 0
        for index in 0..<2_000 {
            var bytes = Self.mutation(seed: 99, index: index)
            if index % 2 == 0 { bytes = Array(CaptureFixtures.hexText(bytes).utf8) }
            let at = Int(random.next(below: UInt64(bytes.count + 1)))
            bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
            let capture = PHDCapture.read(bytes)
            if !capture.apdus.dropLast().allSatisfy({ $0.isComplete }) { incomplete += 1 }
            for apdu in capture.apdus { _ = APDUDescription(bytes: apdu.bytes).summary }
        }
        #expect(incomplete == 0)
    }

    @Test("a header claiming 65535 bytes that never come: reported at the length field")
    func lengthClaimsTooMuch() throws {
        let bytes: [UInt8] = [0xE2, 0x00, 0xFF, 0xFF, 0x80, 0x00, 0x00, 0x00]
        #expect(throws: MDERDecodingError(offset: 2, problem: .lengthExceedsEnclosing(what: "AARQ", declared: 65535, available: 4))) {
            try APDU.decode(bytes)
        }
        let capture = PHDCapture.read(bytes)
        #expect(capture.problems.map(\.kind) == [.truncatedAPDU(declared: 65535, available: 4)])
        #expect(APDUDescription(bytes: capture.apdus[0].bytes).summary
                == "AARQ 8 bytes that do not decode: at offset 0x2 (2): the length of AARQ says 65535 bytes but only 4 remain")

        // Inside a consistent APDU: H211's system-id length (offset 34) made 0xFFFF.
        var h211 = try #require(PHDVectors.bytes("H211.hex"))
        h211[34] = 0xFF
        h211[35] = 0xFF
        do throws(MDERDecodingError) {
            _ = try APDU.decode(h211)
            Issue.record("decoded")
        } catch {
            #expect(error.offset == 34)
            guard case .lengthExceedsEnclosing(let what, let declared, _) = error.problem else { Issue.record("\(error)"); return }
            #expect(what == "system-id" && declared == 65535)
        }

        // A field cut short by its enclosing length: assoc-version needs 4 bytes, 2 remain.
        #expect(throws: MDERDecodingError(offset: 4, problem: .truncated(what: "assoc-version", needed: 4, available: 2))) {
            try APDU.decode([0xE2, 0x00, 0x00, 0x02, 0x80, 0x00])
        }
    }
}
