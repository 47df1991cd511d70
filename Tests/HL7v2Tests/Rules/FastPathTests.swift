import Testing

@testable import HL7v2

/// The rules' fast paths must give exactly what the paths they shortcut give: field spans what
/// `HL7Field` gives, the pattern automaton what the VM gives, the word-at-a-time scans what a
/// byte loop gives, the open-addressing index what a dictionary gives.
@Suite("HL7 v2 rules: fast paths")
struct FastPathTests {
    /// Random messages whose fields mix text, every delimiter, escapes and empty pieces.
    static func randomMessage(_ random: inout TestRandom) -> [UInt8] {
        let alphabet = Array("ab1.^~&\\\"|".utf8)
        var text = "MSH|^~\\&|" + (random.below(2) == 0 ? "" : "x^y~z&w")
        for _ in 0..<random.below(6) {
            text += "\r" + random.pick(["PID", "OBX", "MSH", "OBR"])
            for _ in 0..<random.below(9) {
                text += "|" + String(decoding: (0..<random.below(12)).map { _ in random.pick(alphabet) }, as: UTF8.self)
            }
        }
        return Array(text.utf8)
    }

    @Test("field spans split exactly as HL7Field, HL7Component and HL7Subcomponent")
    func fieldSpans() throws {
        var random = TestRandom(seed: 0x5350_414E)
        // Mismatches are gathered and expected once: an expectation per comparison would make
        // this test slow enough in debug builds to crowd the timing tests that run beside it.
        var mismatches: [String] = []
        func check(_ span: Range<Int>, _ raw: ArraySlice<UInt8>, _ context: MessageContext, _ what: @autoclosure () -> String) {
            if !context.slice(span).elementsEqual(raw) { mismatches.append(what()) }
        }
        for _ in 0..<200 {
            guard let message = try? HL7Message.parse(Self.randomMessage(&random)) else { continue }
            let context = MessageContext(message: message, subject: "test")
            for index in 0..<message.segmentCount {
                let segment = message.segments[index]
                for n in -1...10 {
                    let field = segment.field(n)
                    let span = context.field(index, n)
                    check(span.raw, field.raw, context, "\(index) \(n) raw")
                    check(context.fieldRange(index, n), segment.rawBytes(field: n), context, "\(index) \(n) range")
                    check(context.firstRepetition(span), field.firstRepetition, context, "\(index) \(n) first")
                    let coded = context.codedComponents(span)
                    check(coded.code, field.component(1).raw, context, "\(index) \(n) code")
                    check(coded.text, field.component(2).raw, context, "\(index) \(n) text")
                    check(coded.system, field.component(3).raw, context, "\(index) \(n) system")
                    for r in -1...2 {
                        let repetition = field.repetition(r)
                        let repetitionSpan = context.repetition(span, r)
                        check(repetitionSpan.raw, repetition.raw, context, "\(index) \(n) (\(r))")
                        for c in 0...3 {
                            let component = repetition.component(c)
                            let componentSpan = context.component(repetitionSpan, c)
                            check(componentSpan.raw, component.raw, context, "\(index) \(n) (\(r)).\(c)")
                            for s in 0...2 {
                                check(context.subcomponent(componentSpan, s), component.subcomponent(s).raw, context,
                                      "\(index) \(n) (\(r)).\(c).\(s)")
                            }
                        }
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("the pattern automaton agrees with the VM", arguments: [
        #"^[0-9]+(\.[0-9]+){0,5}$"#, #"^[0-9]{16}$"#, "a(b|c)*d", #"^\w+@\w+\.[a-z]{2,3}$"#, "x?y+z*$", "[^.]+\\.",
        "ab$", "a$|b", "^a|b$", "(^a|b)c", "a$\n", "$", "^", "^$", "a*", "(a|)*b", "[ab]{2,4}$", ".$", "\\s$",
    ])
    func automaton(_ source: String) throws {
        let pattern = try #require(BytePattern(source))
        #expect(pattern.automaton != nil)
        var random = TestRandom(seed: 0x4446_4100 &+ UInt64(source.utf8.count))
        let alphabet = Array("0123456789.abcdxyz@_ \n\r\t-".utf8)
        var mismatches: [[UInt8]] = []
        for _ in 0..<1_500 {
            var input = (0..<random.below(12)).map { _ in random.pick(alphabet) }
            if random.below(4) == 0 { input += random.pick([[0x0D, 0x0A], [0x0A], [0x0D], [0x0B], [0x0C]]) }
            let slice = ArraySlice(input)
            if pattern.matches(slice) != pattern.matchesWithoutAutomaton(slice) { mismatches.append(input) }
        }
        #expect(mismatches.isEmpty, "/\(source)/ on \(mismatches.prefix(5))")
    }

    @Test("a pattern too long for an automaton runs on the VM alone")
    func longPattern() throws {
        let pattern = try #require(BytePattern("^[0-9]{300}$"))
        #expect(pattern.automaton == nil)
        #expect(pattern.matches(ArraySlice([UInt8](repeating: 0x35, count: 300))))
        #expect(!pattern.matches(ArraySlice([UInt8](repeating: 0x35, count: 299))))
    }

    @Test("counting a byte eight at a time agrees with a byte loop")
    func countByte() {
        var random = TestRandom(seed: 0x434F_554E)
        var mismatches: [[UInt8]] = []
        for _ in 0..<2_000 {
            let bytes = (0..<random.below(40)).map { _ in random.pick(Array("ab\\|".utf8)) }
            let limit = 1 + random.below(3)
            let expected = min(bytes.filter { $0 == 0x5C }.count, limit)
            if bytes.withUnsafeBufferPointer({ ByteWords.count(of: 0x5C, in: $0, upTo: limit) }) != expected { mismatches.append(bytes) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("the charset word test passes only words of printable ASCII and CR, and every such word without CR")
    func charsetWords() {
        var random = TestRandom(seed: 0x5445_5854)
        let interesting: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x41, 0x7E, 0x7F, 0x80, 0xC3, 0xFF]
        var mismatches: [[UInt8]] = []
        for _ in 0..<10_000 {
            let bytes = (0..<8).map { _ in random.below(3) == 0 ? random.pick(interesting) : random.byte() }
            let clean = bytes.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0D }
            let passed = bytes.withUnsafeBytes { PrintableASCII.exceptions($0.baseAddress!) == 0 }
            // Passing a word skips its bytes, so it must be clean. A CR may send a clean word
            // to the byte-by-byte path (its borrow flags the byte above), which costs only time.
            if passed && !clean { mismatches.append(bytes) }
            if clean && !bytes.contains(0x0D) && !passed { mismatches.append(bytes) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        let crThenSpace: [UInt8] = [0x0D, 0x20, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41]
        #expect(crThenSpace.withUnsafeBytes { PrintableASCII.exceptions($0.baseAddress!) } != 0)
    }

    @Test("the word-at-a-time match mask flags exactly the matching bytes")
    func matchMask() {
        var random = TestRandom(seed: 0x4D41_534B)
        var mismatches: [[UInt8]] = []
        for _ in 0..<5_000 {
            let bytes = (0..<8).map { _ in random.pick([0x00, 0x01, 0x7C, 0x7D, 0x80, 0xFC, 0xFF, 0x0D]) as UInt8 }
            let target = random.pick([0x00, 0x7C, 0x0D, 0xFF] as [UInt8])
            let word = bytes.withUnsafeBufferPointer { ByteWords.load($0, at: 0)! }
            var expected: UInt64 = 0
            for (offset, byte) in bytes.enumerated() where byte == target { expected |= 0x80 << (8 * UInt64(offset)) }
            if ByteWords.matches(word, ByteWords.broadcast(target)) != expected { mismatches.append(bytes + [target]) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("the scanner's word-at-a-time skip finds every separator and line end")
    func scanner() throws {
        var random = TestRandom(seed: 0x5343_414E)
        let alphabet = Array("abcdefgh|".utf8)
        let lineEnds: [[UInt8]] = [[0x0D], [0x0A], [0x0D, 0x0A], [0x0D, 0x0D]]
        var mismatches: [[UInt8]] = []
        for _ in 0..<2_000 {
            var bytes = Array("MSH|^~\\&|".utf8)
            for _ in 0..<random.below(4) {
                bytes += (0..<random.below(30)).map { _ in random.pick(alphabet) }
                bytes += random.pick(lineEnds) + Array("OBX|".utf8)
            }
            bytes += (0..<random.below(30)).map { _ in random.pick(alphabet) }
            if random.below(2) == 0 { bytes += random.pick(lineEnds) }
            guard case let .success((_, index)) = HL7Scanner.analyse(bytes) else {
                Issue.record("\(bytes) did not scan")
                continue
            }
            // The marks are the field separators and segment ends, in order.
            var expected: [Int32] = []
            var lineEnd = false
            for (offset, byte) in bytes.enumerated() {
                if byte == 0x7C { expected.append(Int32(offset)) }
                if byte == 0x0D || byte == 0x0A {
                    if !lineEnd { expected.append(Int32(offset)) }
                    lineEnd = true
                } else {
                    lineEnd = false
                }
            }
            if !lineEnd { expected.append(Int32(bytes.count)) }
            if index.marks != expected { mismatches.append(bytes) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("the open-addressing index finds what a dictionary finds")
    func byteIndex() {
        var random = TestRandom(seed: 0x494E_4458)
        var index = ByteIndex()
        var reference: [[UInt8]: Int] = [:]
        var inserted: [[UInt8]] = []
        var mismatches: [[UInt8]] = []
        for row in 0..<300 {
            let key = (0..<random.below(random.below(2) == 0 ? 4 : 24)).map { _ in random.pick(Array("MDC_AB".utf8)) }
            if index.insert(key, row: row) != (reference[key] == nil) { mismatches.append(key) }
            if reference[key] == nil { reference[key] = row }
            inserted.append(key)
        }
        for _ in 0..<2_000 {
            let key = random.below(3) == 0
                ? random.pick(inserted)
                : (0..<random.below(random.below(2) == 0 ? 4 : 24)).map { _ in random.pick(Array("MDC_AB".utf8)) }
            let padded = [0x7C] + key + [0x7C]
            if index.row(for: key) != reference[key] || index.row(in: padded, 1..<padded.count - 1) != reference[key] {
                mismatches.append(key)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(index.row(in: [1, 2], 1..<5) == nil)
    }
}
