import SciLanguage

/// `contains`, `startswith`, `endswith` (plain text, case-sensitive) and
/// `matches` (a regular expression, searched anywhere in the text).
enum TextMatch {
    static func evaluate(_ op: BinaryOperator, _ a: Operand, _ b: Operand, left: Expression, right: Expression, rowCount: Int) throws -> Column {
        if a.type == .null || b.type == .null { return Column(.null(count: rowCount)) }
        guard a.type == .string else {
            throw Diagnostic(message: "\(op.rawValue) needs text on its left, but this is \(a.type.article)", range: left.range)
        }
        guard b.type == .string else {
            throw Diagnostic(message: "\(op.rawValue) needs text on its right, but this is \(b.type.article)", range: right.range)
        }
        let nulls = unionNulls(a.nulls(count: rowCount), b.nulls(count: rowCount))
        let test = try predicate(op, right: right)
        switch (a, b) {
        case (.column(let c), .scalar(.string(let pattern))):
            let matcher = try test(pattern)
            return Column(.bool(try Comparison.mapDictionary(c, matcher)), nulls: nulls)
        case (.scalar(.string(let text)), .scalar(.string(let pattern))):
            return Column(.bool([Bool](repeating: try test(pattern)(text), count: rowCount)), nulls: nulls)
        default:
            let x = a.materialize(count: rowCount)
            let y = b.materialize(count: rowCount)
            var result = [Bool](repeating: false, count: rowCount)
            for i in 0..<rowCount where !(nulls?[i] ?? false) {
                result[i] = try test(y[i].description)(x[i].description)
            }
            return Column(.bool(result), nulls: nulls)
        }
    }

    /// Builds, for a pattern, a test on one string.
    static func predicate(_ op: BinaryOperator, right: Expression) throws -> (String) throws -> (String) throws -> Bool {
        switch op {
        case .contains:
            return { pattern in { text in pattern.isEmpty || text.utf8Contains(pattern) } }
        case .startsWith:
            return { pattern in { text in text.utf8.starts(with: pattern.utf8) } }
        case .endsWith:
            return { pattern in { text in text.utf8.reversed().starts(with: pattern.utf8.reversed()) } }
        default:
            return { pattern in
                let regex: Regex<AnyRegexOutput>
                do {
                    regex = try Regex(pattern)
                } catch {
                    throw Diagnostic(message: "invalid regular expression \"\(pattern)\": \(error)", range: right.range)
                }
                return { text in text.contains(regex) }
            }
        }
    }
}

extension String {
    /// Substring search on UTF-8 bytes: exact, with no Unicode normalisation.
    func utf8Contains(_ needle: String) -> Bool {
        let haystack = Array(utf8)
        let pattern = Array(needle.utf8)
        guard pattern.count <= haystack.count else { return false }
        if pattern.isEmpty { return true }
        let first = pattern[0]
        var i = 0
        let last = haystack.count - pattern.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < pattern.count, haystack[i + j] == pattern[j] { j += 1 }
                if j == pattern.count { return true }
            }
            i += 1
        }
        return false
    }
}
