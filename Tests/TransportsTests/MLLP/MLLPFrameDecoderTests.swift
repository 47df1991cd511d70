import Testing

@testable import Transports

@Suite("MLLP frame decoder")
struct MLLPFrameDecoderTests {
    static let first = [UInt8]("MSH|^~\\&|SIMDEV\rPID|||1\r")
    static let second = [UInt8]("MSH|^~\\&|SIMDEV\rNTE|1||Testpatient^Alpha\r")
    static let stream = MLLP.frame(first) + MLLP.frame([]) + MLLP.frame(second)
    static let expected: [MLLPFrameEvent] = [.frame(first), .frame([]), .frame(second)]

    /// Feeds `bytes` in the given chunk sizes, draining after each, then finishes.
    static func decode(
        _ bytes: [UInt8], chunks sizes: [Int], maxFrameBytes: Int = 1 << 20
    ) -> [MLLPFrameEvent] {
        var decoder = MLLPFrameDecoder(maxFrameBytes: maxFrameBytes)
        var events: [MLLPFrameEvent] = []
        var position = 0
        var sizeIndex = 0
        while position < bytes.count {
            let size = sizes.isEmpty ? bytes.count : max(1, sizes[sizeIndex % sizes.count])
            sizeIndex += 1
            let end = min(bytes.count, position + size)
            decoder.feed(bytes[position..<end])
            position = end
            while let event = decoder.next() { events.append(event) }
        }
        while let event = decoder.finish() { events.append(event) }
        return events
    }

    @Test("frame() wraps a payload in start block, end block and CR")
    func framing() {
        #expect(MLLP.frame([0x41]) == [0x0B, 0x41, 0x1C, 0x0D])
        #expect(MLLP.frame([]) == [0x0B, 0x1C, 0x0D])
        #expect(MLLP.startBlock == 0x0B && MLLP.endBlock == 0x1C && MLLP.carriageReturn == 0x0D)
    }

    @Test("frames come out the same whole, byte by byte, and in fixed chunk sizes", arguments: [0, 1, 2, 3, 7, 64])
    func chunkSizes(size: Int) {
        #expect(Self.decode(Self.stream, chunks: size == 0 ? [] : [size]) == Self.expected)
    }

    @Test("frames come out the same for random chunkings")
    func randomChunkings() {
        var random = ChunkRandom(seed: 0x4D4C_4C50)
        for _ in 0..<300 {
            let sizes = (0..<8).map { _ in 1 + random.below(20) }
            #expect(Self.decode(Self.stream, chunks: sizes) == Self.expected)
        }
    }

    @Test("several feeds before draining keep order")
    func feedBeforeDrain() {
        var decoder = MLLPFrameDecoder()
        for byte in Self.stream { decoder.feed([byte]) }
        var events: [MLLPFrameEvent] = []
        while let event = decoder.next() { events.append(event) }
        #expect(events == Self.expected)
        #expect(decoder.bufferedByteCount == 0)
    }

    @Test("bytes before a start block are reported once with their offset and count")
    func garbageBeforeStart() {
        let bytes = [UInt8]("junk") + MLLP.frame(Self.first) + [0x0A, 0x0A] + MLLP.frame(Self.second)
        let offsetOfLF = 4 + Self.first.count + 3
        for sizes in [[], [1], [3, 5]] {
            #expect(
                Self.decode(bytes, chunks: sizes) == [
                    .problem(.bytesOutsideFrame(count: 4, offset: 0)), .frame(Self.first),
                    .problem(.bytesOutsideFrame(count: 2, offset: offsetOfLF)), .frame(Self.second),
                ])
        }
    }

    @Test("bytes after the last frame are reported by finish()")
    func garbageAtEnd() {
        let bytes = MLLP.frame(Self.first) + [0x20, 0x20, 0x20]
        #expect(
            Self.decode(bytes, chunks: [2]) == [
                .frame(Self.first), .problem(.bytesOutsideFrame(count: 3, offset: Self.first.count + 3)),
            ])
        #expect(Self.decode([0x41], chunks: []) == [.problem(.bytesOutsideFrame(count: 1, offset: 0))])
    }

    @Test("an end block not followed by CR is reported and the frame still delivered")
    func missingCR() {
        let bytes = [0x0B] + Self.first + [0x1C, 0x41] + MLLP.frame(Self.second)
        let offset = 1 + Self.first.count + 1
        for sizes in [[], [1], [4]] {
            #expect(
                Self.decode(bytes, chunks: sizes) == [
                    .frame(Self.first), .problem(.missingCarriageReturnAfterEndBlock(offset: offset)),
                    .problem(.bytesOutsideFrame(count: 1, offset: offset)), .frame(Self.second),
                ])
        }
        // A start block right after the end block begins the next frame.
        let tight = [0x0B] + Self.first + [0x1C] + MLLP.frame(Self.second)
        #expect(
            Self.decode(tight, chunks: [5]) == [
                .frame(Self.first), .problem(.missingCarriageReturnAfterEndBlock(offset: offset)), .frame(Self.second),
            ])
        // The stream ends right after the end block.
        let cut = [0x0B] + Self.first + [0x1C]
        #expect(
            Self.decode(cut, chunks: []) == [
                .frame(Self.first), .problem(.missingCarriageReturnAfterEndBlock(offset: cut.count)),
            ])
    }

    @Test("a start block inside a frame drops the unfinished frame and starts anew")
    func startInsideFrame() {
        let bytes = [0x0B] + [UInt8]("MSH|partial") + MLLP.frame(Self.second)
        for sizes in [[], [1], [6]] {
            #expect(
                Self.decode(bytes, chunks: sizes) == [
                    .problem(.startBlockInsideFrame(offset: 12)), .frame(Self.second),
                ])
        }
    }

    @Test("a stream closed inside a frame reports truncation")
    func truncated() {
        let bytes = MLLP.frame(Self.first) + [0x0B] + [UInt8]("MSH|^~")
        #expect(
            Self.decode(bytes, chunks: [3]) == [.frame(Self.first), .problem(.truncatedAtEndOfStream(bufferedBytes: 6))])
        #expect(Self.decode([0x0B], chunks: []) == [.problem(.truncatedAtEndOfStream(bufferedBytes: 0))])
        var decoder = MLLPFrameDecoder()
        decoder.feed([0x0B, 0x41])
        #expect(decoder.next() == nil)
        #expect(decoder.bufferedByteCount == 1)
        #expect(decoder.finish() == .problem(.truncatedAtEndOfStream(bufferedBytes: 1)))
        #expect(decoder.finish() == nil)
        #expect(decoder.bufferedByteCount == 0)
        // The decoder is reusable after finish; offsets keep counting.
        decoder.feed(MLLP.frame([0x42]))
        #expect(decoder.next() == .frame([0x42]))
    }

    @Test("an oversize frame is discarded up to the next start block")
    func oversize() {
        let big = [UInt8](repeating: 0x41, count: 100)
        let bytes = [0x20] + MLLP.frame(big) + MLLP.frame(Self.first)
        for sizes in [[], [1], [7, 33]] {
            #expect(
                Self.decode(bytes, chunks: sizes, maxFrameBytes: 64) == [
                    .problem(.bytesOutsideFrame(count: 1, offset: 0)), .problem(.frameTooLarge(limit: 64, offset: 1)),
                    .frame(Self.first),
                ])
        }
        // Exactly at the cap is fine.
        #expect(Self.decode(MLLP.frame(big), chunks: [9], maxFrameBytes: 100) == [.frame(big)])
        #expect(
            Self.decode(MLLP.frame(big), chunks: [9], maxFrameBytes: 99) == [
                .problem(.frameTooLarge(limit: 99, offset: 0))
            ])
    }

    @Test("10 MB without an end block keeps memory bounded by the cap")
    func boundedMemory() {
        let cap = 64 * 1024
        let chunkSize = 4096
        var decoder = MLLPFrameDecoder(maxFrameBytes: cap)
        let chunk = [UInt8](repeating: 0x41, count: chunkSize)
        decoder.feed([0x0B])
        var events: [MLLPFrameEvent] = []
        var highest = 0
        for _ in 0..<(10 * 1024 * 1024 / chunkSize) {
            decoder.feed(chunk)
            highest = max(highest, decoder.bufferedByteCount)
            while let event = decoder.next() { events.append(event) }
            highest = max(highest, decoder.bufferedByteCount)
        }
        #expect(highest <= cap + chunkSize)
        #expect(events == [.problem(.frameTooLarge(limit: cap, offset: 0))])
        // After the flood, the next frame is decoded normally.
        decoder.feed(MLLP.frame(Self.first))
        #expect(decoder.next() == .frame(Self.first))
        #expect(decoder.finish() == nil)
    }

    @Test("offsets count from the start of the stream across feeds")
    func offsetsAcrossFeeds() {
        var decoder = MLLPFrameDecoder()
        decoder.feed(MLLP.frame(Self.first))
        #expect(decoder.next() == .frame(Self.first))
        decoder.feed([0x58, 0x0B, 0x41])
        #expect(decoder.next() == .problem(.bytesOutsideFrame(count: 1, offset: Self.first.count + 3)))
        decoder.feed([0x0B])
        #expect(decoder.next() == .problem(.startBlockInsideFrame(offset: Self.first.count + 6)))
    }

    @Test("every problem message names its position")
    func messages() {
        let cases: [(MLLPFramingProblem, String)] = [
            (.bytesOutsideFrame(count: 3, offset: 10), "byte 10: 3 bytes outside"),
            (.bytesOutsideFrame(count: 1, offset: 0), "byte 0: 1 byte outside"),
            (.frameTooLarge(limit: 64, offset: 5), "byte 5: MLLP frame exceeds the limit of 64"),
            (.missingCarriageReturnAfterEndBlock(offset: 7), "byte 7: end block"),
            (.startBlockInsideFrame(offset: 9), "byte 9: start block"),
            (.truncatedAtEndOfStream(bufferedBytes: 12), "after 12 payload bytes"),
        ]
        for (problem, fragment) in cases {
            #expect(problem.description.contains(fragment), "\(problem.description)")
        }
    }

    @Test("random byte streams never trap and stay within the cap")
    func robustness() {
        var random = ChunkRandom(seed: 0xF00D)
        let alphabet: [UInt8] = [0x0B, 0x1C, 0x0D, 0x0A, 0x41, 0x7C]
        for _ in 0..<2_000 {
            let cap = random.below(40)
            let bytes = (0..<random.below(300)).map { _ in
                random.below(2) == 0 ? alphabet[random.below(alphabet.count)] : UInt8(truncatingIfNeeded: random.next())
            }
            var decoder = MLLPFrameDecoder(maxFrameBytes: cap)
            var position = 0
            var framesOK = true
            var bufferOK = true
            while position < bytes.count {
                let end = min(bytes.count, position + 1 + random.below(50))
                decoder.feed(bytes[position..<end])
                position = end
                while let event = decoder.next() {
                    if case let .frame(payload) = event, payload.count > cap { framesOK = false }
                }
                if decoder.bufferedByteCount > cap { bufferOK = false }
            }
            var finishing = 0
            while decoder.finish() != nil { finishing += 1 }
            #expect(framesOK && bufferOK && finishing <= 2 && decoder.bufferedByteCount == 0)
        }
    }
}
