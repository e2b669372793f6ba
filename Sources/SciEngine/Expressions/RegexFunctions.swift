import SciLanguage

/// extract and regexp_replace: regular expressions in Swift's syntax (the
/// common one of RE2, Java and PCRE: `. [a-z] [^…] * + ? {m,n} | ( ) (?: ) ^ $ \d \w \s`),
/// matched code point by code point as DuckDB's RE2 and Spark's Java do.
/// A pattern is compiled once per call (once per distinct pattern when it
/// comes from a column), and applied once per distinct text; a pattern of
/// `ByteRegex`'s subset runs on the text's bytes, the rest on Swift's `Regex`.
extension Functions {
    static let regexFunctions: [FunctionDeclaration] = [
        FunctionDeclaration(
            name: "extract", signature: "extract(text, regex[, group])", summary: "The first match of the regular expression (or its group-th parenthesised group; 0, the default, is the whole match); null when nothing matches, empty text for a group that took no part.",
            example: #"sentences | where text contains "亩" | take 2 | select area = extract(text, "([0-9]+)亩", 1)"#,
            arity: 2...3, typing: extractTyping, evaluate: extract),
        FunctionDeclaration(
            name: "regexp_replace", signature: "regexp_replace(text, regex, with)", summary: #"The text with every match replaced by with, in which \1 … \9 stand for the match's groups, \0 for the whole match and \\ for a backslash (as DuckDB's regexp_replace(…, 'g'))."#,
            example: #"entities | where kind == "lab" | take 2 | select name, r = regexp_replace(name, "(实验室)$", "[\1]")"#,
            arity: 3...3, typing: replaceTyping, evaluate: regexpReplace),
    ]

    /// The first `textArguments` are text (or null), and a pattern written
    /// out compiles: its number of groups, or the typing error to give.
    static func patternGroups(_ arguments: [ArgumentType], textArguments: Int) -> Result<Int?, TypingFailure> {
        for index in 0..<textArguments where arguments[index].type != .string && arguments[index].type != .null {
            return .failure(TypingFailure(typing: .wrongArgument(index: index, expected: "text")))
        }
        guard case .string(let pattern)? = arguments[1].literal else { return .success(nil) }
        switch TextPattern.compile(pattern) {
        case .success(let compiled): return .success(compiled.groupCount)
        case .failure(let problem): return .failure(TypingFailure(typing: .badArgument(index: 1, message: problem.message)))
        }
    }

    struct TypingFailure: Error {
        var typing: Typing
    }

    static let extractTyping: @Sendable ([ArgumentType]) -> Typing = { arguments in
        let groups: Int?
        switch patternGroups(arguments, textArguments: 2) {
        case .failure(let failure): return failure.typing
        case .success(let found): groups = found
        }
        if arguments.count == 3 {
            guard case .integer(let group)? = arguments[2].literal, group >= 0 else { return .wrongArgument(index: 2, expected: "a group number (a whole number, 0 or more, written out)") }
            if let groups, group > groups {
                return .badArgument(index: 2, message: "the regular expression has \(groups) group\(groups == 1 ? "" : "s"), so there is no group \(group)")
            }
        }
        return .result(.string)
    }

    static let replaceTyping: @Sendable ([ArgumentType]) -> Typing = { arguments in
        let groups: Int?
        switch patternGroups(arguments, textArguments: 3) {
        case .failure(let failure): return failure.typing
        case .success(let found): groups = found
        }
        if case .string(let with)? = arguments[2].literal {
            switch Replacement.parse(with, groups: groups) {
            case .success: break
            case .failure(let problem): return .badArgument(index: 2, message: problem.message)
            }
        }
        return .result(.string)
    }

    static func extract(_ call: FunctionCall) throws -> Operand {
        var group = 0
        if call.arguments.count == 3, case .scalar(.integer(let n)) = call.arguments[2] { group = Int(clamping: n) }
        if case .column(let texts) = call.arguments[0], case .string = texts.storage, case .scalar(.string(let source)) = call.arguments[1] {
            let pattern = try TextPattern.compile(source).get(at: call.argumentRanges[1])
            guard group <= pattern.groupCount else {
                throw Diagnostic(message: "the regular expression has \(pattern.groupCount) groups, so there is no group \(group)", range: call.argumentRanges.last ?? call.range)
            }
            return .column(try extractColumn(texts, pattern, group: group))
        }
        return try withPatterns(call) { pattern in
            guard group <= pattern.groupCount else {
                throw Diagnostic(message: "the regular expression has \(pattern.groupCount) groups, so there is no group \(group)", range: call.argumentRanges.last ?? call.range)
            }
            return { text in pattern.firstMatch(in: text, group: group).map(Value.string) ?? .null }
        }
    }

    static func regexpReplace(_ call: FunctionCall) throws -> Operand {
        // The replacement is nearly always a literal: parsed once then.
        var fixed: Replacement?
        if case .scalar(.string(let with)) = call.arguments[2] {
            fixed = try Replacement.parse(with, groups: nil).get(at: call.argumentRanges[2])
        }
        // One row's result can pass the limit by itself (each letter of a
        // long text replaced by a long text): it stops there.
        let limit = MemoryLimit.current
        func replaced(_ text: String, _ pattern: TextPattern, _ replacement: Replacement) throws -> Value {
            try MemoryLimit.text(pattern.replacingAll(in: text, with: replacement, atMost: limit), cappedAt: limit, at: call.range)
        }
        if fixed != nil || call.arguments[2].type == .null, case .scalar = call.arguments[2] {
            return try withPatterns(call) { pattern in
                guard let fixed else { return { _ in .null } }
                try fixed.check(groups: pattern.groupCount, at: call.argumentRanges[2])
                return { text in try replaced(text, pattern, fixed) }
            }
        }
        var patterns: [String: TextPattern] = [:]
        let columns = call.arguments.map { $0.materialize(count: call.rowCount) }
        var builder = CheckedColumnBuilder(range: call.range)
        for row in 0..<call.rowCount {
            guard case .string(let text) = columns[0][row], case .string(let source) = columns[1][row], case .string(let with) = columns[2][row] else {
                _ = try builder.append(.null)
                continue
            }
            let pattern: TextPattern
            if let compiled = patterns[source] {
                pattern = compiled
            } else {
                pattern = try TextPattern.compile(source).get(at: call.argumentRanges[1])
                patterns[source] = pattern
            }
            let replacement = try Replacement.parse(with, groups: pattern.groupCount).get(at: call.argumentRanges[2])
            _ = try builder.append(try replaced(text, pattern, replacement))
        }
        return .column(builder.build(count: call.rowCount).conformed(to: .string))
    }

    /// Applies `make(pattern)` to the text: the pattern compiled once when
    /// it is a literal (and the function applied once per distinct text),
    /// else once per distinct pattern.
    static func withPatterns(_ call: FunctionCall, _ make: (TextPattern) throws -> (String) throws -> Value) throws -> Operand {
        switch call.arguments[1] {
        case .scalar(.string(let source)):
            let transform = try make(try TextPattern.compile(source).get(at: call.argumentRanges[1]))
            return try mapText(FunctionCall(arguments: [call.arguments[0]], argumentRanges: call.argumentRanges, range: call.range, rowCount: call.rowCount), transform)
                .materialize(count: call.rowCount).conformed(to: .string).operand
        case .scalar: return .scalar(.null)
        case .column(let patterns):
            var cache: [String: (String) throws -> Value] = [:]
            let texts = call.arguments[0].materialize(count: call.rowCount)
            var builder = CheckedColumnBuilder(range: call.range)
            for row in 0..<call.rowCount {
                guard case .string(let text) = texts[row], case .string(let source) = patterns[row] else {
                    _ = try builder.append(.null)
                    continue
                }
                // Stored only when made: a function taken out of a dictionary
                // and put back is wrapped in a new thunk each time, and a
                // chain of 100,000 thunks overflowed the stack when released.
                let transform: (String) throws -> Value
                if let made = cache[source] {
                    transform = made
                } else {
                    transform = try make(try TextPattern.compile(source).get(at: call.argumentRanges[1]))
                    cache[source] = transform
                }
                _ = try builder.append(try transform(text))
            }
            return .column(builder.build(count: call.rowCount).conformed(to: .string))
        }
    }
}

private extension Column {
    var operand: Operand { .column(self) }
}

extension Result where Failure == PatternProblem {
    /// The value, or the problem as an error at `range`.
    func get(at range: SourceRange) throws -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let problem): throw Diagnostic(message: problem.message, range: range)
        }
    }
}

/// Why a pattern or replacement cannot be used.
public struct PatternProblem: Error, Equatable {
    public let message: String
}

/// A compiled regular expression and how many groups it has; `bytes`, the
/// same pattern compiled for `ByteRegex` when it is in that subset, is what
/// runs then (Swift's `Regex` for the rest, and for a search too hard for it).
struct TextPattern {
    let regex: Regex<AnyRegexOutput>
    let groupCount: Int
    let bytes: ByteRegex?
    /// Nothing in the pattern looks before where a search starts (`^`,
    /// `\b`, `\B`, `\A`, `\G`, `\y`, `\Y`, `\K`, and `\X`, whose grapheme
    /// breaks depend on the scalars before): Swift's `Regex` can then
    /// search on from the last match in a slice of the text (whose start
    /// it takes for the text's start) and find what a search of the whole
    /// text finds.
    let searchesOnInSlices: Bool

    static func compile(_ source: String) -> Result<TextPattern, PatternProblem> {
        do {
            let regex = try Regex(source).matchingSemantics(.unicodeScalar)
            let groups = groups(in: source)
            let bytes = ByteRegex(source).flatMap { $0.groupCount == groups ? $0 : nil }
            return .success(TextPattern(regex: regex, groupCount: groups, bytes: bytes, searchesOnInSlices: !looksBehindItsStart(source)))
        } catch {
            return .failure(PatternProblem(message: "invalid regular expression \"\(source)\": \(error)"))
        }
    }

    /// Whether the pattern has an anchor or boundary that looks at the text
    /// before a search's start (conservatively: a `^` anywhere).
    static func looksBehindItsStart(_ source: String) -> Bool {
        var escaped = false
        for scalar in source.unicodeScalars {
            if escaped {
                if "bBAGyYKX".unicodeScalars.contains(scalar) { return true }
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == "^" {
                return true
            }
        }
        return false
    }

    /// The capturing groups: each "(" not escaped, not in a character class
    /// and not opening "(?:" or a look-around.
    static func groups(in source: String) -> Int {
        var count = 0, escaped = false, inClass = false
        let scalars = Array(source.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if escaped { escaped = false; continue }
            switch scalar {
            case "\\": escaped = true
            case "[": inClass = true
            case "]": inClass = false
            case "(" where !inClass:
                let next = index + 1 < scalars.count ? scalars[index + 1] : " "
                if next != "?" { count += 1 }
                else if index + 2 < scalars.count, scalars[index + 2] == "<" || scalars[index + 2] == "P",
                        index + 3 < scalars.count, scalars[index + 3] != "=", scalars[index + 3] != "!" {
                    count += 1  // a named group
                }
            default: break
            }
        }
        return count
    }

    /// The first match's `group` (0: the whole match); "" for a group that
    /// took no part; nil when nothing matches.
    func firstMatch(in text: String, group: Int) -> String? {
        var copy = text
        let matcher = bytes.map(ByteRegex.Matcher.init)
        return copy.withUTF8 { buffer in
            firstMatch(bytes: buffer, group: group, matcher: matcher).map { String(decoding: buffer[$0], as: UTF8.self) }
        }
    }

    /// `firstMatch` on UTF-8 bytes: the byte range of the group (empty for a
    /// group that took no part), nil when nothing matches. `matcher` is
    /// this pattern's `ByteRegex` matcher, reused from call to call.
    @inline(__always)
    func firstMatch(bytes text: UnsafeBufferPointer<UInt8>, group: Int, matcher: ByteRegex.Matcher?) -> Range<Int>? {
        if let matcher {
            switch matcher.search(text) {
            case .matched: return matcher.range(group) ?? 0..<0
            case .none: return nil
            case .tooHard: break
            }
        }
        return swiftFirstMatch(bytes: text, group: group)
    }

    /// `firstMatch` by Swift's `Regex`.
    func swiftFirstMatch(bytes text: UnsafeBufferPointer<UInt8>, group: Int) -> Range<Int>? {
        let string = String(decoding: text, as: UTF8.self)
        guard let match = string.firstMatch(of: regex) else { return nil }
        guard group < match.output.count, let found = match.output[group].substring else { return 0..<0 }
        let start = string.utf8.distance(from: string.utf8.startIndex, to: found.startIndex)
        return start..<start + found.utf8.count
    }

    /// Every match replaced; nil when what the matches make (the text
    /// between them aside) would pass `limit` bytes.
    func replacingAll(in text: String, with replacement: Replacement, atMost limit: Int? = nil) -> String? {
        if let bytes, !bytes.canBeEmpty {
            switch Self.replacingAll(in: text, bytes, with: replacement, atMost: limit) {
            case .replaced(let result): return result
            case .tooLong: return nil
            case .tooHard: break
            }
        }
        // Swift's `Regex`. As RE2 (DuckDB's, and the SQL this compiles to),
        // an empty match where the last match ended is not replaced:
        // regexp_replace("axxb", "x*", "-") is -a-b-, not -a--b-.
        var made = 0
        var lastEnd: String.Index?
        func replaced(_ match: Regex<AnyRegexOutput>.Match) -> String? {
            if match.range.isEmpty && match.range.lowerBound == lastEnd { return nil }
            lastEnd = match.range.upperBound
            var result = ""
            for part in replacement.parts {
                switch part {
                case .text(let t): result += t
                case .group(let g):
                    if g < match.output.count, let s = match.output[g].substring { result += s }
                }
            }
            made += result.utf8.count
            return result
        }
        guard searchesOnInSlices else {
            // `replacing` finds every match before it replaces one (some 260
            // bytes each); past the limit the closure makes nothing more.
            let result = text.replacing(regex) { match in
                guard limit.map({ made <= $0 }) ?? true else { return "" }
                return replaced(match) ?? ""
            }
            if let limit, made > limit { return nil }
            return result
        }
        // One match at a time: a text of 8 million matches held 2 GB of
        // them in `replacing`. Slices by scalar, as the pattern matches: a
        // String's own slices round to whole characters (e + U+0301).
        let scalars = text.unicodeScalars
        var output = String.UnicodeScalarView()
        var position = scalars.startIndex
        while let found = try? regex.firstMatch(in: Substring(scalars[position...])) {
            output.append(contentsOf: scalars[position..<found.range.lowerBound])
            if let part = replaced(found) {
                output.append(contentsOf: part.unicodeScalars)
                if let limit, made > limit { return nil }
            }
            position = found.range.upperBound
            if found.range.isEmpty {
                // Step over one scalar, so that the next search moves on.
                guard position < scalars.endIndex else { break }
                output.append(scalars[position])
                position = scalars.index(after: position)
            }
        }
        output.append(contentsOf: scalars[position...])
        return String(output)
    }

    enum ByteReplacement: Equatable {
        case replaced(String)
        /// A search was too hard for the byte matcher.
        case tooHard
        /// What the matches made passed the limit.
        case tooLong
    }

    /// Every match replaced, found by the byte matcher (for a pattern that
    /// cannot match empty text, so each search starts where the last match
    /// ended).
    static func replacingAll(in text: String, _ regex: ByteRegex, with replacement: Replacement, atMost limit: Int?) -> ByteReplacement {
        var copy = text
        return copy.withUTF8 { buffer -> ByteReplacement in
            let matcher = ByteRegex.Matcher(regex)
            var output: [UInt8] = []
            var copied = 0
            // What the matches make, as the Swift path counts it; the text
            // copied between them is at most the text, held already.
            var made = 0
            search: while copied < buffer.count {
                switch matcher.search(buffer, from: copied) {
                case .none: break search
                case .tooHard: return .tooHard
                case .matched:
                    guard let whole = matcher.range(0) else { return .tooHard }
                    output += buffer[copied..<whole.lowerBound]
                    let before = output.count
                    for part in replacement.parts {
                        switch part {
                        case .text(let t): output += t.utf8
                        case .group(let g):
                            if g <= regex.groupCount, let range = matcher.range(g) { output += buffer[range] }
                        }
                    }
                    made += output.count - before
                    if let limit, made > limit { return .tooLong }
                    copied = whole.upperBound
                }
            }
            if output.isEmpty && copied == 0 { return .replaced(text) }
            output += buffer[copied...]
            return .replaced(String(decoding: output, as: UTF8.self))
        }
    }
}

/// regexp_replace's replacement: text in which `\0` … `\9` stand for the
/// match's groups and `\\` for a backslash (RE2's rewrite syntax, which
/// DuckDB uses); any other backslash is an error, as in RE2.
public struct Replacement: Equatable, Sendable {
    public enum Part: Equatable, Sendable {
        case text(String)
        case group(Int)
    }

    public let parts: [Part]

    public static func parse(_ source: String, groups: Int?) -> Result<Replacement, PatternProblem> {
        var parts: [Part] = []
        var text = ""
        var scalars = source.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\\" else { text.unicodeScalars.append(scalar); continue }
            guard let next = scalars.next() else {
                return .failure(PatternProblem(message: "the replacement ends with a lone backslash; write \\\\ for one"))
            }
            if next == "\\" { text += "\\"; continue }
            guard let digit = Int(String(next)), ("0"..."9").contains(next) else {
                return .failure(PatternProblem(message: "\\\(next) in the replacement: only \\0 to \\9 (a group) and \\\\ (a backslash) may follow a backslash"))
            }
            if let groups, digit > groups {
                return .failure(PatternProblem(message: "the replacement refers to group \(digit), but the regular expression has \(groups)"))
            }
            if !text.isEmpty { parts.append(.text(text)); text = "" }
            parts.append(.group(digit))
        }
        if !text.isEmpty { parts.append(.text(text)) }
        return .success(Replacement(parts: parts))
    }

    func check(groups: Int, at range: SourceRange) throws {
        for case .group(let g) in parts where g > groups {
            throw Diagnostic(message: "the replacement refers to group \(g), but the regular expression has \(groups)", range: range)
        }
    }
}
