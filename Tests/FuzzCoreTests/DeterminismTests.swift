import MedConformCore
import Testing

@testable import FuzzCore

/// Known-answer vectors from fuzzing.md §3.5 (cross-checked there against C and Python).
@Suite struct DeterminismTests {
    @Test func splitMix64KnownAnswers() {
        var g = SplitMix64(seed: 0)
        let outputs = [g.next(), g.next(), g.next()]
        #expect(outputs == [0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f])
        #expect(SplitMix64.output(seed: 0, index: 2) == 0x06c45d188009454f)
    }

    @Test func xoshiroKnownAnswers() {
        var x = Xoshiro256StarStar(seed: 0x0123456789abcdef)
        let outputs = [x.next(), x.next(), x.next()]
        #expect(outputs == [0xa2c2a42038d4ec3d, 0x05fc25d0738e7b0f, 0x625e7bff938e701e])
    }

    @Test func jumpEqualsSequential() {
        let key = RunKey(profileDigest: [1, 2, 3], modelDigest: [4], generatorVersion: "g1", seed: 42)
        var sequential = SplitMix64(seed: key.value)
        for n in 0..<1000 as Range<UInt64> {
            let expected = sequential.next()
            #expect(expected == key.caseSeed(n))
        }
    }

    @Test func absorbIsLengthPrefixedAndOrderSensitive() {
        #expect(absorb(0, [1, 2]) != absorb(absorb(0, [1]), [2]))
        #expect(absorb(0, [0]) != absorb(0, [0, 0]))
        #expect(absorb(0, [UInt8](repeating: 7, count: 8)) != absorb(0, [UInt8](repeating: 7, count: 9)))
        #expect(absorb(0, text: "OBX[1].5") != absorb(0, text: "OBX[1].6"))
        let key = RunKey(profileDigest: [], modelDigest: [], generatorVersion: "", seed: 0)
        #expect(key.value != RunKey(profileDigest: [], modelDigest: [], generatorVersion: "", seed: 1).value)
    }

    @Test func littleEndianEncoding() {
        #expect(littleEndianBytes(0x0102030405060708) == [8, 7, 6, 5, 4, 3, 2, 1])
    }

    @Test func belowIsInRangeAndCoversValues() {
        var x = Xoshiro256StarStar(seed: 9)
        var seen = [Bool](repeating: false, count: 7)
        for _ in 0..<2000 {
            let v = x.below(7)
            #expect(v < 7)
            seen[Int(v)] = true
        }
        #expect(seen.allSatisfy { $0 })
        let zero = x.below(0)
        let one = x.below(1)
        #expect(zero == 0 && one == 0)
    }

    @Test func chanceAndWeights() {
        var x = Xoshiro256StarStar(seed: 10)
        let never = x.chance(0, 5)
        let always = x.chance(5, 5)
        let undefined = x.chance(1, 0)
        #expect(!never && always && !undefined)
        let empty = x.pickWeighted([])
        let zeros = x.pickWeighted([0, 0])
        let only = x.pickWeighted([0, 3, 0])
        #expect(empty == nil && zeros == nil && only == 1)
        var counts = [0, 0, 0]
        for _ in 0..<3000 {
            if let i = x.pickWeighted([1, 0, 2]) { counts[i] += 1 }
        }
        #expect(counts[1] == 0)
        #expect(counts[2] > counts[0])
    }

    @Test func shuffleIsPermutationAndDeterministic() {
        var a = Array(0..<50)
        var b = a
        var x = Xoshiro256StarStar(seed: 5)
        var y = Xoshiro256StarStar(seed: 5)
        x.shuffle(&a)
        y.shuffle(&b)
        #expect(a == b)
        #expect(a.sorted() == Array(0..<50))
        #expect(a != Array(0..<50))
    }

    @Test func streamsArePathKeyed() {
        var a = stream(caseSeed: 1, purpose: "OBX[1].5.1.1")
        var b = stream(caseSeed: 1, purpose: "OBX[1].5.1.1")
        var c = stream(caseSeed: 1, purpose: "OBX[2].5.1.1")
        let (va, vb, vc) = (a.next(), b.next(), c.next())
        #expect(va == vb)
        #expect(va != vc)
    }
}
