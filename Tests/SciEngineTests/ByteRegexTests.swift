@testable import SciEngine
import Testing

/// The byte-level matcher must find exactly what Swift's `Regex` (with
/// `.unicodeScalar` semantics, as `extract` and `regexp_replace` compile
/// patterns) finds: the same first match and the same groups, over ASCII,
/// digits of every script, Chinese, line breaks, marks and empty text.
@Suite struct ByteRegexTests {
    /// Pieces of text: ASCII, digits Swift's `\d` takes (五, ½, ², ٣, ５),
    /// Chinese, line breaks `.` refuses, a combining mark, a 4-byte emoji.
    static let pieces = ["a", "b", "c", "1", "2", "9", "0", "号", "实", "验", "五", "½", "²", "٣", "５", "\n", "\r", "\r\n", "\u{85}", "\u{2028}",
                         " ", "-", "_", "e\u{301}", "😀", "A", "Z", "$", "."]

    static func randomText(_ random: inout SeededGenerator) -> String {
        let length = Int.random(in: 0...10, using: &random)
        return (0..<length).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
    }

    /// A random pattern of the subset, `depth` levels of nesting at most.
    static func randomPattern(_ random: inout SeededGenerator, depth: Int = 3) -> String {
        func atom() -> String {
            let atoms = ["a", "b", "1", "号", "实验", "五", "-", " ", "_", "[0-9]", "[a-c]", "[^0-9]", "[^a]", "[A-Z_]", ".", "\\d", "[^0-9a]",
                         "\\.", "\\$", "[.$]", "e"]
            if depth > 0, Int.random(in: 0..<4, using: &random) == 0 {
                let inner = randomPattern(&random, depth: depth - 1)
                return Bool.random(using: &random) ? "(\(inner))" : "(?:\(inner))"
            }
            return atoms.randomElement(using: &random) ?? "a"
        }
        func quantified() -> String {
            let base = atom()
            let quantifiers = ["", "", "", "*", "+", "?", "{2}", "{1,3}", "{2,}", "{,2}", "*?", "+?", "??", "{1,2}?"]
            return base + (quantifiers.randomElement(using: &random) ?? "")
        }
        var branches: [String] = []
        for _ in 0..<(Int.random(in: 0..<5, using: &random) == 0 ? 2 : 1) {
            var branch = ""
            if Int.random(in: 0..<8, using: &random) == 0 { branch += "^" }
            for _ in 0..<Int.random(in: 1...4, using: &random) { branch += quantified() }
            if Int.random(in: 0..<8, using: &random) == 0 { branch += "$" }
            branches.append(branch)
        }
        return branches.joined(separator: "|")
    }

    /// Swift's answer: each group's UTF-8 byte range (nil: took no part), or nil.
    static func swiftMatch(_ regex: Regex<AnyRegexOutput>, _ text: String) -> [Range<Int>?]? {
        guard let match = text.firstMatch(of: regex) else { return nil }
        return (0..<match.output.count).map { g in
            match.output[g].substring.map { found in
                let start = text.utf8.distance(from: text.utf8.startIndex, to: found.startIndex)
                return start..<start + found.utf8.count
            }
        }
    }

    /// The byte matcher's answer; with `budget` 0, remembering every state
    /// it tries from the first step.
    static func byteMatch(_ compiled: ByteRegex, _ text: String, budget: Int = ByteRegex.budget) -> [Range<Int>?]? {
        var copy = text
        return copy.withUTF8 { buffer in
            let matcher = ByteRegex.Matcher(compiled)
            matcher.budget = budget
            switch matcher.search(buffer) {
            case .matched: return (0...compiled.groupCount).map { matcher.range($0) }
            case .none, .tooHard: return nil
            }
        }
    }

    @Test func randomPatternsMatchAsSwiftRegexDoes() throws {
        var random = SeededGenerator(seed: 17)
        var compiledPatterns = 0, matches = 0
        for _ in 0..<1200 {
            let source = Self.randomPattern(&random)
            guard let compiled = ByteRegex(source) else { continue }
            compiledPatterns += 1
            let regex = try Regex(source).matchingSemantics(.unicodeScalar)
            #expect(compiled.groupCount == TextPattern.groups(in: source), "\(source)")
            for _ in 0..<40 {
                let text = Self.randomText(&random)
                let expected = Self.swiftMatch(regex, text)
                if expected != nil { matches += 1 }
                #expect(Self.byteMatch(compiled, text) == expected, "pattern \(source.debugDescription) on \(text.debugDescription)")
                // Remembering the states tried finds the same match and groups.
                #expect(Self.byteMatch(compiled, text, budget: 0) == expected, "remembering: pattern \(source.debugDescription) on \(text.debugDescription)")
                // Recording one group only (as extract does) finds the same.
                let group = Int.random(in: 0...compiled.groupCount, using: &random)
                let one = Self.byteMatch(compiled.keeping(group), text)
                #expect(one.map { $0[group] } == expected.map { $0[group] }, "group \(group) of \(source.debugDescription) on \(text.debugDescription)")
            }
        }
        // About half the generated patterns are in the subset (the rest
        // repeat what can match nothing, or a Chinese literal), and they match.
        #expect(compiledPatterns > 500)
        #expect(matches > 7000)
    }

    @Test func randomReplacementsAgreeWithSwiftRegex() throws {
        var random = SeededGenerator(seed: 29)
        let replacement = try #require(try? Replacement.parse("<\\0|\\1>", groups: nil).get())
        var checked = 0
        for _ in 0..<1000 {
            let source = Self.randomPattern(&random)
            guard let compiled = ByteRegex(source), !compiled.canBeEmpty, compiled.groupCount >= 1 else { continue }
            let regex = try Regex(source).matchingSemantics(.unicodeScalar)
            for _ in 0..<20 {
                let text = Self.randomText(&random)
                let expected = text.replacing(regex) { match in
                    "<" + String(match.output[0].substring ?? "") + "|" + String(match.output[1].substring ?? "") + ">"
                }
                #expect(TextPattern.replacingAll(in: text, compiled, with: replacement, atMost: nil) == .replaced(expected), "pattern \(source.debugDescription) on \(text.debugDescription)")
                checked += 1
            }
        }
        #expect(checked > 1000)
    }

    @Test func theBenchPatternFindsTheNumberBeforeHao() throws {
        let compiled = try #require(ByteRegex("([0-9]+)号"))
        #expect(Self.byteMatch(compiled, "实验室123号") == [9..<15, 9..<12])
        #expect(Self.byteMatch(compiled, "实验室号") == nil)
        #expect(Self.byteMatch(compiled, "") == nil)
        #expect(Self.byteMatch(compiled, "１２号") == nil, "[0-9] is ASCII only")
        // \d is Swift's: 五 and ５ are digits to it (RE2 takes only 0-9).
        let digits = try #require(ByteRegex("\\d+"))
        #expect(Self.byteMatch(digits, "第五５号") == [3..<9])
    }

    /// Greedy runs that never give back (what follows cannot start with
    /// one of their bytes) and patterns with no branch (no groups restored)
    /// still find what Swift finds, anchors after a run included.
    @Test func runsThatNeverGiveBackAgreeWithSwift() throws {
        let texts = ["", "aa", "aab", "123号", "号123号", "12", "a1b2", "x", "ab$", "aaa\n"]
        for source in ["a*^", "a*^b?", "x*$", "[0-9]+号", "[0-9]+[0-9]", "a+a?b", "(a+)(a*)$", "([0-9]*)(号)?", "[a-z]+[0-9]*[a-z]", "^[0-9]+$"] {
            let compiled = try #require(ByteRegex(source), "\(source)")
            let regex = try Regex(source).matchingSemantics(.unicodeScalar)
            for text in texts {
                #expect(Self.byteMatch(compiled, text) == Self.swiftMatch(regex, text), "\(source.debugDescription) on \(text.debugDescription)")
            }
        }
        let bench = try #require(ByteRegex("([0-9]+)号"))
        #expect(bench.linear && bench.program.contains { $0.kind == .setRun && $0.possessive })
        #expect(!(try #require(ByteRegex("[0-9]+[0-9]"))).program.contains { $0.possessive })
        #expect(!(try #require(ByteRegex("a*^"))).program.contains { $0.possessive })
    }

    @Test func patternsOutsideTheSubsetAreLeftToSwift() {
        for source in ["\\w+", "(?i)a", "a(?=b)", "(?<name>a)", "a**", "a++", "(a*)*", "(?:)+", "é+", "e\u{301}", "[[:digit:]]", "(a)\\1",
                       "a{101}", "\\D", "[a-]", "[z-a]", "\\s", "\\b", "[^]", "]", "a{2", "(a", "a)", "^*", "[é]", "\\n", "a|*"] {
            #expect(ByteRegex(source) == nil, "\(source)")
        }
        for source in ["([0-9]+)号", "^(..)", "(实验)(室)", "[$]", "x*", "(a)|(b)", "^$", "a{,3}", "[A-Za-z_.]+?", "\\d{2,4}"] {
            #expect(ByteRegex(source) != nil, "\(source)")
        }
    }

    /// Past the budget a search remembers the states it has tried, so
    /// that a pattern exponential by plain backtracking takes linear time:
    /// `(x+x+)+y` over 40 letters (2^40 paths) answers at once.
    @Test func aSearchPastTheBudgetRemembersAndStaysLinear() throws {
        let pattern = try TextPattern.compile("(x+x+)+y").get()
        let compiled = try #require(pattern.bytes)
        for (text, expected) in [(String(repeating: "x", count: 40), nil), (String(repeating: "x", count: 40) + "y", 0..<41),
                                 ("z" + String(repeating: "x", count: 3_000) + "z", nil)] as [(String, Range<Int>?)] {
            var copy = text
            let found = copy.withUTF8 { buffer -> Range<Int>?? in
                let matcher = ByteRegex.Matcher(compiled)
                switch matcher.search(buffer) {
                case .matched: return .some(matcher.range(0))
                case .none: return .some(nil)
                case .tooHard: return nil
                }
            }
            #expect(found == .some(expected), "\(text.prefix(12))…")
        }
    }

    /// A text too long to remember every state is left to Swift's `Regex`,
    /// which gives the same answer.
    @Test func aSearchTooLongToRememberIsAnsweredBySwift() throws {
        let pattern = try TextPattern.compile("(a|aa)+b").get()
        let compiled = try #require(pattern.bytes)
        let text = String(repeating: "a", count: 20) + "c"
        let outcome = text.utf8.withContiguousStorageIfAvailable { buffer in
            let probe = ByteRegex.Matcher(compiled)
            probe.budget = 50
            probe.memoStates = 10
            return probe.search(buffer)
        }
        #expect(outcome == .tooHard)
        let matcher = ByteRegex.Matcher(compiled)
        matcher.budget = 50
        matcher.memoStates = 10
        let found = Array("xaab".utf8).withUnsafeBufferPointer { pattern.firstMatch(bytes: $0, group: 1, matcher: matcher) }
        #expect(found == 2..<3)
        let none = Array(text.utf8).withUnsafeBufferPointer { pattern.firstMatch(bytes: $0, group: 0, matcher: matcher) }
        #expect(none == nil)
    }

    /// The column path (every core, a plain list or a dictionary) gives what
    /// Swift's `Regex` gives row by row, nulls and empty text included.
    @Test func extractOverAColumnAgreesRowByRow() throws {
        var random = SeededGenerator(seed: 5)
        let words = ["实验室", "研究院", "科学中心", "", "a", "号"]
        let rows = 40_000
        let values: [Value] = (0..<rows).map { _ in
            if Int.random(in: 0..<20, using: &random) == 0 { return .null }
            let word = words.randomElement(using: &random) ?? ""
            let number = Int.random(in: 0..<3, using: &random) == 0 ? "" : String(Int.random(in: 0..<300, using: &random))
            return .string(word + number + (Bool.random(using: &random) ? "号" : "室"))
        }
        let column = try #require(Column.from(values))
        for (source, group) in [("([0-9]+)号", 1), ("([0-9]+)号", 0), ("(\\w+)号", 1), ("^(.)(x)?", 2)] {
            let pattern = try TextPattern.compile(source).get()
            let regex = try Regex(source).matchingSemantics(.unicodeScalar)
            let expected: [Value] = values.map { value in
                guard case .string(let text) = value, let match = text.firstMatch(of: regex) else { return .null }
                return .string(match.output[group].substring.map(String.init) ?? "")
            }
            for form in [column, column.plain()] {
                let result = try Functions.extractColumn(form, pattern, group: group)
                #expect((0..<rows).map { result[$0] } == expected, "\(source) group \(group)")
            }
        }
    }
}
