/// The machine that runs a compiled `ByteRegex` over a text's bytes: a
/// backtracking search that, past its step budget, remembers every state
/// it has tried.
extension ByteRegex {
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
}
