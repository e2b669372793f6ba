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
