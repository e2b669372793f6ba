import SciLanguage

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
