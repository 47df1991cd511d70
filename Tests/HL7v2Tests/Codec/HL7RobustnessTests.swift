import Testing
import Transports

@testable import HL7v2

/// Deterministic pseudo-random inputs through every entry point: nothing may trap, and the
/// few invariants that must hold for any input are checked on the way.
@Suite("HL7 codec robustness")
struct HL7RobustnessTests {
    static let casesPerShard = 5_000
    static let shards = Array(0..<4)

    static let corpus: [[UInt8]] = {
        var inputs = Vectors.files(withExtension: "hl7").map(\.bytes)
        inputs += Vectors.files(withExtension: "mllp").map(\.bytes)
        inputs += [Fixtures.oru, Fixtures.custom]
        return inputs
    }()

    static let insertions: [[UInt8]] = [
        "|", "^", "~", "\\", "&", "#", "\r", "\n", "\r\n", "\"\"", "\\X", "\\X0\\", "\\X4G\\", "\\.br\\", "\\F\\",
        "\\Z", "\\C2842\\", "\\M", "MSH|^~\\&|", "\rMSH|", "\rPID|", "\rzz|", "\u{0B}", "\u{1C}", "\u{1C}\r",
        "\u{0B}MSH|^~\\&\r\u{1C}\r", "\u{FEFF}", "\u{00}", "\u{FF}",
    ].map { Array($0.utf8) }

    @Test("20,000 random and mutated inputs never trap", arguments: shards)
    func neverTraps(shard: Int) async {
        var random = TestRandom(seed: 0x4D45_4443_4F4E_4600 &+ UInt64(shard))
        var parsed = 0
        var violations = Violations()
        for caseIndex in 0..<Self.casesPerShard {
            // Long CPU loops hand the cooperative pool back now and then, so that tests
            // doing loopback I/O in parallel are not starved past their timeouts.
            if caseIndex % 50 == 0 { await Task.yield() }
            let input = Self.makeInput(&random)
            violations.caseIndex = caseIndex
            if Self.exercise(input, &random, &violations) { parsed += 1 }
        }
        // The generator must reach deep code, not just the first error.
        #expect(parsed > Self.casesPerShard / 10, "only \(parsed) inputs parsed")
        #expect(violations.found.isEmpty, "shard \(shard): \(violations.found.prefix(5))")
    }

    /// Invariant failures collected cheaply; `#expect` in the inner loops would dominate the
    /// run time in debug builds.
    struct Violations {
        var caseIndex = 0
        var found: [String] = []

        mutating func check(_ condition: Bool, _ what: @autoclosure () -> String) {
            if !condition, found.count < 20 { found.append("case \(caseIndex): \(what())") }
        }
    }

    static func makeInput(_ random: inout TestRandom) -> [UInt8] {
        let alphabet = Array("|^~\\&#\r\n\"MSHPIDOBX01 .".utf8) + [0x0B, 0x1C]
        switch random.below(10) {
        case 0:
            return (0..<random.below(200)).map { _ in random.byte() }
        case 1:
            return (0..<random.below(200)).map { _ in random.pick(alphabet) }
        case 2:
            return Array("MSH".utf8) + (0..<random.below(120)).map { _ in random.pick(alphabet) }
        default:
            var bytes = random.pick(corpus)
            for _ in 0...random.below(5) { mutate(&bytes, &random) }
            return bytes
        }
    }

    static func mutate(_ bytes: inout [UInt8], _ random: inout TestRandom) {
        let position = random.below(bytes.count + 1)
        switch random.below(6) {
        case 0:
            if position < bytes.count { bytes[position] = random.byte() }
        case 1:
            bytes.insert(contentsOf: random.pick(insertions), at: position)
        case 2:
            bytes.removeSubrange(position..<min(bytes.count, position + random.below(40)))
        case 3:
            bytes.removeSubrange(min(position, bytes.count)...)
        case 4:
            let end = min(bytes.count, position + random.below(60))
            bytes.insert(contentsOf: bytes[position..<end], at: random.below(bytes.count + 1))
        default:
            if position < bytes.count { bytes[position] = random.pick(Array("|^~\\&\r\n".utf8)) }
        }
    }

    /// Runs every entry point; returns whether the input parsed as a message.
    static func exercise(_ input: [UInt8], _ random: inout TestRandom, _ violations: inout Violations) -> Bool {
        _ = HL7Escaping.unescape(input[...], delimiters: .standard)
        _ = HL7Escaping.elements(input[...], delimiters: .standard)
        for chunk in HL7FileSplitter.split(input) {
            violations.check(chunk.offset >= 0 && chunk.offset + chunk.bytes.count <= input.count, "chunk out of file")
            _ = try? HL7Message.parse(chunk.bytes)
        }
        deframe(input, &random, &violations)
        _ = try? HL7Message.parse(input, maxBytes: random.below(input.count + 2))
        guard let message = try? HL7Message.parse(input) else { return false }
        walk(message, &violations)
        violations.check(message.bytes.last == 0x0D, "bytes not CR-terminated")
        violations.check((try? HL7Message.parse(message.encoded())) == message, "reparse differs")
        let segment = random.below(message.segmentCount + 1)
        let field = random.below(30) - 2
        let edited = message.replacingField(
            segment: segment, field: field, with: Array(random.pick(insertions)))
        violations.check(edited.segmentCount == message.segmentCount, "edit changed segment count")
        _ = message.removingSegments(at: [random.below(message.segmentCount + 1)])
        for path in ["MSH-9.1", "PID-3(2).1.1", "OBX-5", "MSH-2", "MSH-1.2"] {
            _ = message[path]
        }
        return true
    }

    static func walk(_ message: HL7Message, _ violations: inout Violations) {
        for segment in message.segments {
            _ = segment.id
            violations.check(!segment.raw.contains(0x0D) && !segment.raw.contains(0x0A), "line break in segment")
            for n in -1...(segment.fieldCount + 1) {
                let field = segment.field(n)
                _ = field.text
                _ = field.isNull
                _ = field.unescaped()
                _ = HL7Escaping.elements(field.raw, delimiters: message.delimiters)
                for r in 0...field.repetitionCount {
                    let repetition = field.repetition(r)
                    for c in 0...(repetition.componentCount + 1) {
                        let component = repetition.component(c)
                        _ = component.text
                        for s in 0...(component.subcomponentCount + 1) {
                            let subcomponent = component.subcomponent(s)
                            _ = subcomponent.isNull
                            _ = subcomponent.unescaped()
                        }
                    }
                }
            }
        }
    }

    static func deframe(_ input: [UInt8], _ random: inout TestRandom, _ violations: inout Violations) {
        let cap = 1 + random.below(512)
        var decoder = MLLPFrameDecoder(maxFrameBytes: cap)
        var position = 0
        while position < input.count {
            let size = 1 + random.below(64)
            let end = min(input.count, position + size)
            decoder.feed(input[position..<end])
            position = end
            while let event = decoder.next() {
                if case let .frame(payload) = event { violations.check(payload.count <= cap, "frame above cap") }
            }
            violations.check(decoder.bufferedByteCount <= cap, "buffered above cap")
        }
        var finishing = 0
        while decoder.finish() != nil {
            finishing += 1
            violations.check(finishing <= 3, "finish does not settle")
        }
        violations.check(decoder.bufferedByteCount == 0, "buffer left after finish")
    }
}
