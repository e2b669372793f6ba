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
