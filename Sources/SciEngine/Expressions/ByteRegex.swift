/// A regular expression of the subset in `ByteRegexNode`, compiled once to a
/// small program and run over a string's UTF-8 bytes by a backtracking
/// machine that tries alternatives in the same order as Swift's `Regex` (with
/// `.unicodeScalar` semantics), so it finds the same first match and the same
/// groups, without making a `String` or touching Swift's interpreter. A match
/// only starts at a scalar boundary, and classes consume whole scalars, so it
/// never matches inside a multi-byte character. Positions are byte offsets.
struct ByteRegex: Sendable {
    struct Instruction: Sendable {
        enum Kind: UInt8, Sendable {
            case literal, set, setRun, notSet, any, digit, notDigit, split, jump, save, start, end, match
        }
        var kind: Kind
        /// literal: start in `literals`; split: the preferred branch; jump: the
        /// target; save: the slot; setRun: the fewest bytes.
        var a: Int32 = 0
        /// literal: its length; split: the other branch; setRun: the most (-1: any number).
        var b: Int32 = 0
        var set = ASCIISet()
        /// setRun: giving bytes back could never lead to a match (see `possessiveRuns`).
        var possessive = false
    }

    let node: ByteRegexNode
    let program: [Instruction]
    let literals: [UInt8]
    let groupCount: Int
    /// The bytes a match can start with; every byte when it can be empty.
    let firstBytes: ByteSet
    let canBeEmpty: Bool
    let anchored: Bool
    /// No split or jump: one path through the program, so a failure ends
    /// the attempt and no group needs restoring.
    let linear: Bool

    /// Backtracking steps one attempt may take before the search goes on
    /// remembering every (instruction, position) it has tried: a pattern
    /// such as `(x+x+)+y` takes exponential time by plain backtracking (one
    /// row of 30 letters ran for hours, deaf to Ctrl-C), and linear time
    /// when no state is tried twice. That is sound here because whether a
    /// state leads to a match does not depend on how it was reached (no
    /// back-references), and the first path to reach it is the preferred one.
    static let budget = 1 << 20

    /// The most states (instructions × positions) a search remembers: 32 MB
    /// of bits. A longer text past the budget is left to Swift's `Regex`.
    static let memoStates = 1 << 28

    /// The compiled pattern, or nil when it is outside the subset.
    init?(_ source: String) {
        guard let (node, groups) = ByteRegexParser.parse(source) else { return nil }
        self.init(node: node, groups: groups)
    }

    /// Compiled to record every group, or only group `keeping` (what
    /// `extract` returns: fewer steps, the same match).
    init(node: ByteRegexNode, groups: Int, keeping: Int? = nil) {
        var compiler = Compiler(keeping: keeping)
        if keeping ?? 0 == 0 { compiler.emit(Instruction(kind: .save, a: 0)) }
        compiler.compile(node)
        if keeping ?? 0 == 0 { compiler.emit(Instruction(kind: .save, a: 1)) }
        compiler.emit(Instruction(kind: .match))
        self.node = node
        linear = !compiler.program.contains { $0.kind == .split || $0.kind == .jump }
        program = linear ? Self.possessiveRuns(compiler.program, compiler.literals) : compiler.program
        literals = compiler.literals
        groupCount = groups
        canBeEmpty = node.nullable
        firstBytes = node.firstBytes
        anchored = node.anchoredAtStart
    }

    /// A linear program's greedy runs marked possessive where what follows
    /// can never begin with a byte of the run's set (`[0-9]+号`): a shorter
    /// run would leave one of its bytes next, which nothing after could take
    /// (a `$` neither, the text not ending there); only a `^` after it could.
    static func possessiveRuns(_ program: [Instruction], _ literals: [UInt8]) -> [Instruction] {
        var marked = program
        for (pc, instruction) in program.enumerated() where instruction.kind == .setRun {
            var next = ByteSet(), safe = true
            rest: for later in program[(pc + 1)...] {
                switch later.kind {
                case .save, .end, .match: continue
                case .literal:
                    if let first = literals[Int(later.a)...].first { next.insert(first) }
                    break rest
                case .set: next = next.union(ByteSet(ascii: later.set)); break rest
                case .setRun:
                    next = next.union(ByteSet(ascii: later.set))
                    if later.a > 0 { break rest }
                case .start: safe = false; break rest
                default: next = next.union(ByteSet(ascii: ASCIISet().complement)).union(.nonASCII); break rest
                }
            }
            let overlaps = next.intersects(ascii: instruction.set)
            marked[pc].possessive = safe && !overlaps
        }
        return marked
    }

    /// The same pattern recording only group `group`.
    func keeping(_ group: Int) -> ByteRegex {
        ByteRegex(node: node, groups: groupCount, keeping: group)
    }

    private struct Compiler {
        let keeping: Int?
        var program: [Instruction] = []
        var literals: [UInt8] = []

        mutating func emit(_ instruction: Instruction) {
            program.append(instruction)
        }

        var here: Int32 { Int32(program.count) }

        mutating func compile(_ node: ByteRegexNode) {
            switch node {
            case .literal(let bytes):
                emit(Instruction(kind: .literal, a: Int32(literals.count), b: Int32(bytes.count)))
                literals += bytes
            case .set(let set, let negated): emit(Instruction(kind: negated ? .notSet : .set, set: set))
            case .any: emit(Instruction(kind: .any))
            case .digit(let negated): emit(Instruction(kind: negated ? .notDigit : .digit))
            case .group(let number, let inner):
                let recorded = number.flatMap { keeping == nil || keeping == $0 ? $0 : nil }
                if let recorded { emit(Instruction(kind: .save, a: Int32(2 * recorded))) }
                compile(inner)
                if let recorded { emit(Instruction(kind: .save, a: Int32(2 * recorded + 1))) }
            case .sequence(let parts):
                for part in parts { compile(part) }
            case .alternation(let branches):
                var jumps: [Int] = []
                for (k, branch) in branches.enumerated() {
                    if k == branches.count - 1 {
                        compile(branch)
                    } else {
                        let split = program.count
                        emit(Instruction(kind: .split, a: here + 1))
                        compile(branch)
                        jumps.append(program.count)
                        emit(Instruction(kind: .jump))
                        program[split].b = here
                    }
                }
                for jump in jumps { program[jump].a = here }
            case .repetition(.set(let set, negated: false), let min, let max, true):
                // One byte per match, taken greedily: a run, not a loop.
                emit(Instruction(kind: .setRun, a: Int32(min), b: Int32(max ?? -1), set: set))
            case .repetition(.literal(let bytes), let min, let max, true) where bytes.count == 1 && bytes[0] < 0x80:
                var set = ASCIISet()
                set.insert(bytes[0])
                emit(Instruction(kind: .setRun, a: Int32(min), b: Int32(max ?? -1), set: set))
            case .repetition(let inner, let min, let max, let greedy):
                for _ in 0..<min { compile(inner) }
                if let max {
                    // e{0,k} as (?:e(?:e…)?)?: every split leaves for the end.
                    var splits: [Int] = []
                    for _ in min..<max {
                        splits.append(program.count)
                        emit(Instruction(kind: .split))
                        compile(inner)
                    }
                    for split in splits { setSplit(split, body: Int32(split + 1), exit: here, greedy: greedy) }
                } else {
                    let loop = program.count
                    emit(Instruction(kind: .split))
                    compile(inner)
                    emit(Instruction(kind: .jump, a: Int32(loop)))
                    setSplit(loop, body: Int32(loop + 1), exit: here, greedy: greedy)
                }
            case .start: emit(Instruction(kind: .start))
            case .end: emit(Instruction(kind: .end))
            }
        }

        mutating func setSplit(_ at: Int, body: Int32, exit: Int32, greedy: Bool) {
            program[at].a = greedy ? body : exit
            program[at].b = greedy ? exit : body
        }
    }

    /// What one search found.
    enum Outcome {
        case matched, none, tooHard
    }

    /// One entry of the backtracking stack: a thread to resume at `pc` and
    /// `position`; a slot to restore (`slot` ≥ 0) to `position`; or (slot
    /// `giveBack`) a greedy run of one-byte matches that can give back its
    /// last byte, down to `low`.
    struct Entry {
        var pc: Int32
        var slot: Int32
        var position: Int
        var low: Int
    }

    static let thread: Int32 = -1
    static let giveBack: Int32 = -2

    /// A search's working memory, kept between searches so that a search
    /// allocates nothing: one per thread. The program, the group slots and
    /// the stack are in memory of their own (a search runs millions of
    /// times: no array's checks or copies).
    final class Matcher {
        let program: UnsafeMutableBufferPointer<Instruction>
        let literals: UnsafeMutableBufferPointer<UInt8>
        /// Byte offsets of each group's start and end (2 per group, group 0
        /// the whole match); -1 for a group that took no part.
        let slots: UnsafeMutableBufferPointer<Int>
        let linear: Bool
        /// Linear, and no run ever gives back: one attempt is one pass.
        let straight: Bool
        let canBeEmpty: Bool
        let anchored: Bool
        /// The bytes an attempt may start at.
        let firstBytes: ByteSet
        let asciiStarts: Bool
        /// Steps a search may take from one start before it remembers the
        /// states it has tried (tests make it small).
        var budget = ByteRegex.budget
        /// The most states a search may remember (tests make it small).
        var memoStates = ByteRegex.memoStates
        /// One bit per (position, instruction) tried, position-major, while
        /// a search remembers; nil until one needs it.
        private var tried: UnsafeMutablePointer<UInt64>?
        private var triedWords = 0
        private var remembering = false
        private var stack: UnsafeMutablePointer<Entry>
        private var capacity = 64

        init(_ regex: ByteRegex) {
            canBeEmpty = regex.canBeEmpty
            anchored = regex.anchored
            // Where an attempt may start: a byte a match can begin with
            // (any, when it can be empty) that is not inside a scalar.
            var starts = regex.canBeEmpty ? ByteSet(ascii: ASCIISet().complement).union(.nonASCII) : regex.firstBytes
            starts.words.2 = 0  // 0x80…0xBF continue a scalar
            firstBytes = starts
            asciiStarts = starts.words.2 == 0 && starts.words.3 == 0
            program = .allocate(capacity: regex.program.count)
            _ = program.initialize(from: regex.program)
            literals = .allocate(capacity: Swift.max(1, regex.literals.count))
            _ = literals.initialize(from: regex.literals)
            slots = .allocate(capacity: 2 * (regex.groupCount + 1))
            slots.initialize(repeating: -1)
            linear = regex.linear
            straight = regex.linear && !regex.program.contains { $0.kind == .setRun && !$0.possessive }
            stack = .allocate(capacity: capacity)
        }

        deinit {
            tried?.deallocate()
            program.deallocate()
            literals.deallocate()
            slots.deallocate()
            stack.deallocate()
        }

        /// The byte range group `group` matched in the last search (nil
        /// when that group took no part).
        @inline(__always)
        func range(_ group: Int) -> Range<Int>? {
            let start = slots[2 * group], end = slots[2 * group + 1]
            return start >= 0 && end >= start ? start..<end : nil
        }

        /// The first match at or after byte `from` (a scalar boundary).
        func search(_ text: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Outcome {
            remembering = false
            let count = text.count
            var start = from
            while start <= count {
                if start < count {
                    // Eight bytes at a time past text that is not ASCII
                    // (Chinese) when only an ASCII byte can start a match.
                    if asciiStarts, let base = text.baseAddress {
                        while start + 8 <= count, UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0x8080_8080_8080_8080 {
                            start += 8
                        }
                        if start >= count { continue }
                    }
                    if !firstBytes.contains(text[start]) {
                        if anchored { return .none }
                        start += 1
                        continue
                    }
                } else if !canBeEmpty {
                    return .none
                }
                switch run(text, at: start) {
                case .matched: return .matched
                case .tooHard:
                    // Again from this start, remembering states: each is
                    // tried once in the rest of this search, whatever the start.
                    guard !remembering, remember(text, from: start) else { return .tooHard }
                    if run(text, at: start) == .matched { return .matched }
                case .none: break
                }
                if anchored { return .none }
                start += 1
            }
            return .none
        }

        /// Clears a bit for every state at or after `from`; false when there
        /// would be too many.
        private func remember(_ text: UnsafeBufferPointer<UInt8>, from: Int) -> Bool {
            let (states, overflow) = (text.count + 1).multipliedReportingOverflow(by: program.count)
            guard !overflow, states <= memoStates else { return false }
            let words = (states + 63) / 64
            if words > triedWords {
                tried?.deallocate()
                tried = .allocate(capacity: words)
                triedWords = words
            }
            guard let tried else { return false }
            let first = from * program.count / 64
            (tried + first).initialize(repeating: 0, count: words - first)
            remembering = true
            return true
        }

        /// Whether the state was tried before in this search; marks it tried.
        @inline(__always)
        private func triedBefore(_ pc: Int, _ position: Int) -> Bool {
            guard let tried else { return false }
            let bit = position * program.count + pc
            let word = bit >> 6, mask = UInt64(1) << UInt64(bit & 63)
            if tried[word] & mask != 0 { return true }
            tried[word] |= mask
            return false
        }

        @inline(__always)
        private func push(_ entry: Entry, _ depth: inout Int) {
            if depth == capacity {
                let larger = UnsafeMutablePointer<Entry>.allocate(capacity: capacity * 2)
                larger.moveInitialize(from: stack, count: depth)
                stack.deallocate()
                stack = larger
                capacity *= 2
            }
            (stack + depth).initialize(to: entry)
            depth += 1
        }

        private func run(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> Outcome {
            if straight { return runStraight(text, at: start) }
            for k in slots.indices { slots[k] = -1 }
            var depth = 0
            push(Entry(pc: 0, slot: thread, position: start, low: 0), &depth)
            var steps = 0
            while depth > 0 {
                let entry = stack[depth - 1]
                var pc = Int(entry.pc), position = entry.position
                if entry.slot >= 0 {
                    slots[Int(entry.slot)] = entry.position
                    depth -= 1
                    continue
                } else if entry.slot == giveBack {
                    // Resume after the run one byte shorter; the entry stays
                    // while the run can give back more.
                    if position - 1 >= entry.low { stack[depth - 1].position = position - 1 } else { depth -= 1 }
                } else {
                    depth -= 1
                }
                thread: while true {
                    if remembering {
                        if triedBefore(pc, position) { break thread }
                    } else {
                        steps += 1
                        if steps > budget { return .tooHard }
                    }
                    let instruction = program[pc]
                    switch instruction.kind {
                    case .setRun:
                        // A greedy run of bytes of the set, `a` to `b` of them
                        // (b < 0: no limit); shorter runs wait on the stack.
                        let low = position + Int(instruction.a)
                        let end = setRun(instruction, text, position)
                        guard end >= low else { break thread }
                        if end > low && !instruction.possessive { push(Entry(pc: Int32(pc + 1), slot: giveBack, position: end - 1, low: low), &depth) }
                        position = end
                    case .split:
                        push(Entry(pc: instruction.b, slot: thread, position: position, low: 0), &depth)
                        pc = Int(instruction.a)
                        continue thread
                    case .jump:
                        pc = Int(instruction.a)
                        continue thread
                    case .save:
                        let slot = Int(instruction.a)
                        if !linear { push(Entry(pc: 0, slot: instruction.a, position: slots[slot], low: 0), &depth) }
                        slots[slot] = position
                    case .match:
                        return .matched
                    default:
                        guard let next = consume(instruction, text, position) else { break thread }
                        position = next
                    }
                    pc += 1
                }
            }
            return .none
        }

        /// `run` for a program with one path and no run that gives back:
        /// no stack, no budget (it takes one step per instruction at most).
        private func runStraight(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> Outcome {
            for k in slots.indices { slots[k] = -1 }
            var position = start, pc = 0
            while true {
                let instruction = program[pc]
                switch instruction.kind {
                case .save: slots[Int(instruction.a)] = position
                case .match: return .matched
                case .setRun:
                    let end = setRun(instruction, text, position)
                    guard end >= position + Int(instruction.a) else { return .none }
                    position = end
                default:
                    guard let next = consume(instruction, text, position) else { return .none }
                    position = next
                }
                pc += 1
            }
        }

        /// Where a greedy run of the instruction's set from `position` ends.
        @inline(__always)
        private func setRun(_ instruction: Instruction, _ text: UnsafeBufferPointer<UInt8>, _ position: Int) -> Int {
            let limit = instruction.b < 0 ? text.count : Swift.min(text.count, position + Int(instruction.b))
            var end = position
            while end < limit, instruction.set.contains(text[end]) { end += 1 }
            return end
        }

        /// Where an instruction that takes one path (a literal, a class, an
        /// anchor) leaves the text, or nil when it does not match there.
        @inline(__always)
        private func consume(_ instruction: Instruction, _ text: UnsafeBufferPointer<UInt8>, _ position: Int) -> Int? {
            let count = text.count
            switch instruction.kind {
            case .literal:
                let length = Int(instruction.b)
                guard position + length <= count else { return nil }
                let base = Int(instruction.a)
                var k = 0
                while k < length, text[position + k] == literals[base + k] { k += 1 }
                return k == length ? position + length : nil
            case .set:
                return position < count && instruction.set.contains(text[position]) ? position + 1 : nil
            case .notSet:
                guard position < count else { return nil }
                let byte = text[position]
                if byte < 0x80 { return instruction.set.contains(byte) ? nil : position + 1 }
                return position + ByteRegex.scalarLength(byte, at: position, count)
            case .any:
                guard position < count else { return nil }
                let (value, length) = ByteRegex.decode(text, at: position)
                return ByteRegex.isLineBreak(value) ? nil : position + length
            case .digit, .notDigit:
                guard position < count else { return nil }
                let (value, length) = ByteRegex.decode(text, at: position)
                return ByteRegex.isDigit(value) == (instruction.kind == .digit) ? position + length : nil
            case .start: return position == 0 ? position : nil
            case .end: return position == count ? position : nil
            default: return nil
            }
        }
    }

    /// The length of the scalar whose first byte is `lead` (1 for a byte
    /// that cannot lead one), no further than the text's end.
    @inline(__always)
    static func scalarLength(_ lead: UInt8, at position: Int, _ count: Int) -> Int {
        let length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        return Swift.min(length, count - position)
    }

    /// The scalar at `position` and its length in bytes.
    @inline(__always)
    static func decode(_ text: UnsafeBufferPointer<UInt8>, at position: Int) -> (UInt32, Int) {
        let lead = text[position]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length = scalarLength(lead, at: position, text.count)
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<Swift.max(1, length) { value = value << 6 | UInt32(text[position + k] & 0x3F) }
        return (value, length)
    }

    /// What `.` does not match: \n, \v, \f, \r, U+0085, U+2028, U+2029.
    @inline(__always)
    static func isLineBreak(_ value: UInt32) -> Bool {
        (0x0A...0x0D).contains(value) || value == 0x85 || value == 0x2028 || value == 0x2029
    }

    /// Swift's `\d`: an ASCII digit, or any scalar with a numeric type.
    @inline(__always)
    static func isDigit(_ value: UInt32) -> Bool {
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        return hasNumericType(value)
    }

    /// Kept out of line: asking for the numeric type needs its type's
    /// metadata, which would otherwise be looked up on every search.
    @inline(never)
    static func hasNumericType(_ value: UInt32) -> Bool {
        Unicode.Scalar(value)?.properties.numericType != nil
    }
}
