/// A compiled regular expression over ASCII bytes, matched in linear time.
///
/// Spec patterns (`^[0-9]+(\.[0-9]+){0,5}$`) run on every OBX of every message, so they must be
/// cheap, and they run on device data, so they must not backtrack exponentially. This is a
/// Thompson automaton simulated breadth-first (each input byte is looked at once per live
/// state), covering the ICU syntax specs need: literals, `.`, classes with ranges and `\d \w
/// \s`, groups, `|`, `* + ? {n} {n,} {n,m}` (lazy forms too) and `^ $`. Anything else makes
/// ``init(_:)`` return nil and the caller falls back to `NSRegularExpression`.
///
/// Semantics follow `NSRegularExpression.firstMatch` for ASCII input: the pattern matches if
/// it matches anywhere, `^` is the start of input and `$` the end or just before a final line
/// terminator. Input with bytes of 0x80 and above must go to `NSRegularExpression`, where `.`
/// and classes see characters, not bytes (``ValuePattern`` does that).
struct BytePattern: Sendable {
    enum Instruction: Sendable {
        case byteSet(ByteSet)
        case split(Int, Int)
        case jump(Int)
        case startOfInput
        case endOfInput
        case match
    }

    let program: [Instruction]
    /// The program as an automaton, when small enough: runs most of each match (see ``BytePatternDFA``).
    let automaton: BytePatternDFA?

    /// The largest program accepted; bounded repetition expands, so this caps spec mistakes
    /// such as `a{1000}{1000}` at compile time.
    static let maxInstructions = 4096

    /// Compiles `pattern`; nil when it uses syntax this engine does not cover.
    init?(_ pattern: String) {
        let bytes = Array(pattern.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var parser = BytePatternParser(bytes)
        guard let tree = parser.parse() else { return nil }
        var emitter = Emitter()
        guard emitter.emit(tree) else { return nil }
        emitter.program.append(.match)
        guard emitter.program.count <= Self.maxInstructions else { return nil }
        program = emitter.program
        automaton = BytePatternDFA.build(program, anchoredAtStart: Self.isAnchoredAtStart(program))
    }

    private static func isAnchoredAtStart(_ program: [Instruction]) -> Bool {
        if case .startOfInput = program.first { return true }
        return false
    }

    /// Whether the pattern matches somewhere in `input` (ASCII input; see the type's notes).
    func matches(_ input: ArraySlice<UInt8>) -> Bool {
        input.withUnsafeBufferPointer { matches($0) }
    }

    /// Whether the pattern matches somewhere in `input` (ASCII input; see the type's notes).
    func matches(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let automaton, let last = input.last else { return simulate(input) }
        guard (0x0A...0x0D).contains(last) else {
            // `$` can hold only at the end: the automaton reads every byte.
            switch automaton.run(input, until: input.count - 1) {
            case .verdict(let verdict): return verdict
            case .state(let state): return automaton.matchesAtEnd(state, last)
            }
        }
        // A final line terminator: `$` may hold before it (and before a final CR LF), where the
        // VM takes over.
        let end = input.count >= 2 && input[input.count - 2] == 0x0D && last == 0x0A ? input.count - 2 : input.count - 1
        guard end >= 1 else { return simulate(input) }
        switch automaton.run(input, until: end - 1) {
        case .verdict(let verdict): return verdict
        case .state(let state): return simulate(input, from: end - 1, live: automaton.live[state])
        }
    }

    /// The VM alone, whatever the input; for tests that check the automaton against it.
    func matchesWithoutAutomaton(_ input: ArraySlice<UInt8>) -> Bool {
        input.withUnsafeBufferPointer { simulate($0) }
    }

    /// Runs the VM from `start`, where the instructions in `live` are live (`^` and `$` already
    /// followed), or from the beginning.
    private func simulate(_ input: UnsafeBufferPointer<UInt8>, from start: Int = 0, live: [Int32]? = nil) -> Bool {
        let size = program.count
        // Two state lists of `size` entries and a work stack: every instruction is pushed at
        // most once per incoming edge, and each has at most two.
        let scratch = size * 4 + 4
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: size) { marks in
            marks.initialize(repeating: 0)
            return withUnsafeTemporaryAllocation(of: Int32.self, capacity: scratch) { lists in
                run(input, marks: marks, lists: lists, from: start, live: live)
            }
        }
    }

    private func run(_ input: UnsafeBufferPointer<UInt8>, marks: UnsafeMutableBufferPointer<UInt32>,
                     lists: UnsafeMutableBufferPointer<Int32>, from start: Int, live: [Int32]?) -> Bool {
        let size = program.count
        let count = input.count
        var currentStart = 0, currentCount = 0
        var nextStart = size
        let stackStart = size * 2
        var generation: UInt32 = 1
        let anchoredAtStart: Bool = {
            if case .startOfInput = program.first { return true }
            return false
        }()

        // `$` matches at the end or before one final line terminator (LF, VT, FF, CR or CRLF).
        func isEnd(_ position: Int) -> Bool {
            if position == count { return true }
            let last = input[count - 1]
            if position == count - 1 { return (0x0A...0x0D).contains(last) }
            if position == count - 2 { return input[count - 2] == 0x0D && last == 0x0A }
            return false
        }

        // Adds `pc` and everything reachable from it without input; true when a match is reached.
        func add(_ pc: Int, at position: Int, listStart: Int, listCount: inout Int) -> Bool {
            var depth = 0
            lists[stackStart] = Int32(pc)
            depth = 1
            while depth > 0 {
                depth -= 1
                let top = Int(lists[stackStart + depth])
                guard marks[top] != generation else { continue }
                marks[top] = generation
                switch program[top] {
                case .match:
                    return true
                case .jump(let target):
                    lists[stackStart + depth] = Int32(target)
                    depth += 1
                case .split(let first, let second):
                    // Second pushed first so the first alternative is explored first.
                    lists[stackStart + depth] = Int32(second)
                    lists[stackStart + depth + 1] = Int32(first)
                    depth += 2
                case .startOfInput:
                    if position == 0 {
                        lists[stackStart + depth] = Int32(top + 1)
                        depth += 1
                    }
                case .endOfInput:
                    if isEnd(position) {
                        lists[stackStart + depth] = Int32(top + 1)
                        depth += 1
                    }
                case .byteSet:
                    lists[listStart + listCount] = Int32(top)
                    listCount += 1
                }
            }
            return false
        }

        var position = min(max(start, 0), count)
        // Handed over live instructions already include the restart at `position`.
        var restarted = false
        if let live, live.count <= size {
            for pc in live where pc >= 0 && Int(pc) < size {
                lists[currentStart + currentCount] = pc
                currentCount += 1
            }
            restarted = true
        }
        while true {
            // Unanchored search: a new attempt may start at every position.
            if !restarted, position == 0 || !anchoredAtStart {
                if add(0, at: position, listStart: currentStart, listCount: &currentCount) { return true }
            }
            restarted = false
            if position == count || (currentCount == 0 && anchoredAtStart) { return false }
            let byte = input[position]
            generation &+= 1
            if generation == 0 {
                marks.update(repeating: 0)
                generation = 1
            }
            var nextCount = 0
            for slot in currentStart..<currentStart + currentCount {
                let pc = Int(lists[slot])
                if case .byteSet(let set) = program[pc], set.contains(byte) {
                    if add(pc + 1, at: position + 1, listStart: nextStart, listCount: &nextCount) { return true }
                }
            }
            swap(&currentStart, &nextStart)
            currentCount = nextCount
            position += 1
        }
    }
}

/// Turns the parse tree into a program (Thompson construction, Pike-VM layout).
private struct Emitter {
    var program: [BytePattern.Instruction] = []

    mutating func emit(_ node: PatternNode) -> Bool {
        guard program.count <= BytePattern.maxInstructions else { return false }
        switch node {
        case .empty:
            return true
        case .set(let set):
            program.append(.byteSet(set))
            return true
        case .start:
            program.append(.startOfInput)
            return true
        case .end:
            program.append(.endOfInput)
            return true
        case .sequence(let items):
            for item in items where !emit(item) { return false }
            return true
        case .alternation(let branches):
            guard let last = branches.last else { return true }
            var jumps: [Int] = []
            for branch in branches.dropLast() {
                let split = program.count
                program.append(.split(split + 1, 0))
                guard emit(branch) else { return false }
                jumps.append(program.count)
                program.append(.jump(0))
                program[split] = .split(split + 1, program.count)
            }
            guard emit(last) else { return false }
            for jump in jumps { program[jump] = .jump(program.count) }
            return true
        case .repetition(let inner, let minimum, let maximum):
            for _ in 0..<minimum where !emit(inner) { return false }
            guard let maximum else {
                // inner*: L: split(body, out); body; jump L
                let loop = program.count
                program.append(.split(loop + 1, 0))
                guard emit(inner) else { return false }
                program.append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
                return true
            }
            // Up to (maximum - minimum) optional copies, each skipping to the common end.
            var splits: [Int] = []
            for _ in 0..<(maximum - minimum) {
                splits.append(program.count)
                program.append(.split(program.count + 1, 0))
                guard emit(inner) else { return false }
            }
            for split in splits { program[split] = .split(split + 1, program.count) }
            return true
        }
    }
}
