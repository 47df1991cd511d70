import MedConformCore
import Testing

@Suite("SHA-256 and SplitMix64 known answers")
struct DigestAndRandomTests {
    // FIPS 180-4 examples ("abc", the 448-bit message, the empty string) and a million 'a's.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256KnownAnswers(input: String, expected: String) {
        #expect(SHA256.hex(Array(input.utf8)) == expected)
    }

    @Test func sha256MillionAInChunks() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(Hex.encode(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func sha256DiffersOnOneBit() {
        #expect(SHA256.hex([0x00]) != SHA256.hex([0x01]))
    }

    @Test func splitMix64FromSeedZero() {
        var generator = SplitMix64(seed: 0)
        let outputs = (0..<3).map { _ in Hex.encode(withUnsafeBytes(of: generator.next().bigEndian) { Array($0) }) }
        #expect(outputs == ["e220a8397b1dcdaf", "6e789e6aa1b965f4", "06c45d188009454f"])
    }

    @Test func splitMix64JumpsToOutputN() {
        var generator = SplitMix64(seed: 0x0123_4567_89ab_cdef)
        for index in 0..<100 {
            #expect(generator.next() == SplitMix64.output(seed: 0x0123_4567_89ab_cdef, index: UInt64(index)))
        }
    }

    @Test func boundedIntegersStayInRangeAndCoverIt() {
        var generator = SplitMix64(seed: 7)
        var seen = [Bool](repeating: false, count: 6)
        for _ in 0..<600 {
            let value = generator.next(in: 1...6)
            #expect((1...6).contains(value))
            seen[value - 1] = true
        }
        #expect(seen.allSatisfy { $0 })
        #expect(generator.next(below: 1) == 0)
    }

    @Test func hexRoundTrip() {
        #expect(Hex.decode("0b 4D\n53") == [0x0B, 0x4D, 0x53])
        #expect(Hex.decode("0b4") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.encode([0x0B, 0xFF], separator: " ") == "0b ff")
    }
}
