import SciLanguage

/// `contains`, `startswith`, `endswith` (plain text, case-sensitive) and
/// `matches` (a regular expression, searched anywhere in the text).
enum TextMatch {
    static func evaluate(_ op: BinaryOperator, _ a: Operand, _ b: Operand, leftRange: SourceRange, rightRange: SourceRange, rowCount: Int) throws -> Column {
        if a.type == .null || b.type == .null { return Column(.null(count: rowCount)) }
        guard a.type == .string else {
            throw Diagnostic(message: "\(op.rawValue) needs text on its left, but this is \(a.type.article)", range: leftRange)
        }
        guard b.type == .string else {
            throw Diagnostic(message: "\(op.rawValue) needs text on its right, but this is \(b.type.article)", range: rightRange)
        }
        let nulls = unionNulls(a.nulls(count: rowCount), b.nulls(count: rowCount))
        let test = try predicate(op, rightRange: rightRange)
        switch (a, b) {
        case (.column(let c), .scalar(.string(let pattern))) where op != .matches:
            // Plain text against each distinct string's bytes, no String made.
            guard case .string(let codes, let dictionary) = c.compacted().storage else { return Column(.bool([]), nulls: nulls) }
            let needle = Array(pattern.utf8)
            let perCode: [Bool] = dictionary.mapBytes { text in
                switch op {
                case .startsWith: return ByteMatch.startsWith(text, needle)
                case .endsWith: return ByteMatch.endsWith(text, needle)
                default: return ByteMatch.contains(text, needle)
                }
            }
            return Column(.bool(perCode.withUnsafeBufferPointer { table in codes.map { table[Int($0)] } }), nulls: nulls)
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
                try Cancellation.check(row: i)
                result[i] = try test(y[i].description)(x[i].description)
            }
            return Column(.bool(result), nulls: nulls)
        }
    }

    /// Builds, for a pattern, a test on one string.
    static func predicate(_ op: BinaryOperator, rightRange: SourceRange) throws -> (String) throws -> (String) throws -> Bool {
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
                    throw Diagnostic(message: "invalid regular expression \"\(pattern)\": \(error)", range: rightRange)
                }
                return { text in text.contains(regex) }
            }
        }
    }
}
