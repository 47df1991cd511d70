/// A deterministic automaton for the middle of a ``BytePattern`` match, built once when the
/// pattern compiles.
///
/// The Pike VM in ``BytePattern`` keeps a list of live instructions and follows every split and
/// jump again at each byte; for the short values specs check (OBX-4 `1.0.1.1` on every OBX of
/// every message) that bookkeeping costs more than the bytes. Here each set of live
/// instructions the VM can reach becomes one state, and a byte moves between states with one
/// table lookup.
///
/// The VM's step from one position to the next is a pure function of the live set, the byte,
/// and whether `^` and `$` can hold at the next position. `^` holds only at position 0, which
/// ``start`` covers. `$` holds at the end, and before a final line terminator: ``next`` covers
/// the steps to positions where it cannot hold, ``matchesAtEnd`` the last step of a value that
/// does not end in a line terminator. For one that does, the matcher hands the live set back to
/// the VM for the last bytes. So `^` and `$` keep exactly the VM's semantics.
///
/// Patterns whose automaton would be large get none (``build(_:anchoredAtStart:)`` returns nil)
/// and run on the VM alone.
struct BytePatternDFA: Sendable {
    /// A table entry: the pattern matched on the way to the next position.
    static let matched: Int32 = -1
    /// A table entry: no instruction is live any more and none can start again (anchored patterns).
    static let dead: Int32 = -2

    /// The equivalence class of each byte: bytes that every byte set of the program treats alike.
    let classOf: [UInt8]
    let classCount: Int
    /// `next[state * classCount + class]`: the following state, ``matched`` or ``dead``.
    let next: [Int32]
    /// The state at position 0 when `$` cannot hold there; ``matched`` when the pattern matches
    /// there already.
    let start: Int32
    /// `matchesAtEnd[state * classCount + class]`: whether the pattern matches when the last
    /// byte of the input, of that class, is read in that state (the step onto the end, where `$` holds).
    let matchesAtEnd: [Bool]
    /// The live byte-set instructions of each state, for handing over to the VM.
    let live: [[Int32]]

    /// The largest automaton built, in states and in table entries, and the longest program one
    /// is built for: each entry costs a closure over the program, so these bound the work of
    /// compiling a pattern as well as the table's size.
    static let maxStates = 256
    static let maxEntries = 1 << 15
    static let maxProgram = 256

    /// Runs the automaton from position 0 up to (not including) `end`, a position before any
    /// where `$` could hold. Returns the verdict when it is known before `end`, otherwise the
    /// state at `end`.
    @inline(__always)
    func run(_ input: UnsafeBufferPointer<UInt8>, until end: Int) -> Result {
        guard start >= 0 else { return .verdict(start == Self.matched) }
        let classes = classCount
        return classOf.withUnsafeBufferPointer { classOf in
            next.withUnsafeBufferPointer { next in
                var state = Int(start)
                var position = 0
                // `stop` is at most `input.count`, bytes index the 256 classes, and every entry
                // of `next` is a state below `live.count` or negative: every read is in range.
                let stop = min(end, input.count)
                while position < stop {
                    let entry = next[state &* classes &+ Int(classOf[Int(input[position])])]
                    if entry < 0 { return .verdict(entry == Self.matched) }
                    state = Int(entry)
                    position += 1
                }
                return .state(state)
            }
        }
    }

    /// Whether the pattern matches when `byte`, the last of the input, is read in `state`.
    @inline(__always)
    func matchesAtEnd(_ state: Int, _ byte: UInt8) -> Bool {
        matchesAtEnd[state * classCount + Int(classOf[Int(byte)])]
    }

    enum Result {
        case verdict(Bool)
        case state(Int)
    }

    /// Builds the automaton of `program`; nil when it would exceed the size limits.
    static func build(_ program: [BytePattern.Instruction], anchoredAtStart: Bool) -> BytePatternDFA? {
        guard program.count <= maxProgram else { return nil }
        // Byte classes: the bytes with the same membership in every byte set.
        var sets: [ByteSet] = []
        for instruction in program {
            if case .byteSet(let set) = instruction { sets.append(set) }
        }
        var classOf = [UInt8](repeating: 0, count: 256)
        var signatures: [[Bool]: UInt8] = [:]
        for byte in 0...255 {
            let signature = sets.map { $0.contains(UInt8(byte)) }
            if let known = signatures[signature] {
                classOf[byte] = known
            } else {
                guard signatures.count < 256 else { return nil }
                let number = UInt8(signatures.count)
                signatures[signature] = number
                classOf[byte] = number
            }
        }
        let classCount = signatures.count
        var representative = [UInt8](repeating: 0, count: classCount)
        for byte in (0...255).reversed() { representative[Int(classOf[byte])] = UInt8(byte) }

        let closer = Closure(program: program)
        let none = Closure.Set(live: [], matched: false)
        let restart = anchoredAtStart ? none : closer.closure(from: [0], atStart: false, atEnd: false)
        let restartAtEnd = anchoredAtStart ? none : closer.closure(from: [0], atStart: false, atEnd: true)
        let initial = closer.closure(from: [0], atStart: true, atEnd: false)
        var states: [[Int32]] = []
        var numbers: [[Int32]: Int32] = [:]
        var next: [Int32] = []
        var matchesAtEnd: [Bool] = []

        func number(of live: [Int32]) -> Int32? {
            if let known = numbers[live] { return known }
            guard states.count < maxStates, (states.count + 1) * classCount <= maxEntries else { return nil }
            let assigned = Int32(states.count)
            numbers[live] = assigned
            states.append(live)
            next.append(contentsOf: repeatElement(dead, count: classCount))
            matchesAtEnd.append(contentsOf: repeatElement(false, count: classCount))
            return assigned
        }

        let start: Int32
        if initial.matched {
            start = matched
        } else if anchoredAtStart && initial.live.isEmpty {
            start = dead
        } else {
            guard let first = number(of: initial.live) else { return nil }
            start = first
        }
        var pending = 0
        while pending < states.count {
            let live = states[pending]
            for byteClass in 0..<classCount {
                let byte = representative[byteClass]
                var targets: [Int] = []
                for pc in live {
                    if case .byteSet(let set) = program[Int(pc)], set.contains(byte) { targets.append(Int(pc) + 1) }
                }
                let atEnd = closer.closure(from: targets, atStart: false, atEnd: true)
                matchesAtEnd[pending * classCount + byteClass] = atEnd.matched || restartAtEnd.matched
                let stepped = closer.closure(from: targets, atStart: false, atEnd: false)
                let entry: Int32
                if stepped.matched || restart.matched {
                    entry = matched
                } else {
                    let union = Array(Swift.Set(stepped.live + restart.live)).sorted()
                    if anchoredAtStart && union.isEmpty {
                        entry = dead
                    } else {
                        guard let target = number(of: union) else { return nil }
                        entry = target
                    }
                }
                next[pending * classCount + byteClass] = entry
            }
            pending += 1
        }
        return BytePatternDFA(classOf: classOf, classCount: classCount, next: next, start: start,
                              matchesAtEnd: matchesAtEnd, live: states)
    }

    /// The instructions reachable without input from some seeds: the VM's `add`, computed
    /// ahead of time for a position where `^` and `$` hold or not as given.
    private struct Closure {
        struct Set {
            /// The byte-set instructions reached, sorted.
            var live: [Int32]
            /// Whether `match` was reached.
            var matched: Bool
        }

        let program: [BytePattern.Instruction]

        func closure(from seeds: [Int], atStart: Bool, atEnd: Bool) -> Set {
            var seen = Swift.Set<Int>()
            var live: [Int32] = []
            var stack = seeds.reversed() as [Int]
            var matched = false
            while let pc = stack.popLast() {
                guard pc >= 0, pc < program.count, seen.insert(pc).inserted else { continue }
                switch program[pc] {
                case .match:
                    matched = true
                case .jump(let target):
                    stack.append(target)
                case .split(let first, let second):
                    stack.append(second)
                    stack.append(first)
                case .startOfInput:
                    if atStart { stack.append(pc + 1) }
                case .endOfInput:
                    if atEnd { stack.append(pc + 1) }
                case .byteSet:
                    live.append(Int32(pc))
                }
            }
            return Set(live: live.sorted(), matched: matched)
        }
    }
}
