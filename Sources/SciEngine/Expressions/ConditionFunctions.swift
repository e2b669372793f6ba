import SciLanguage

/// `if`, `nullif`, `greatest`, `least`: choosing among values row by row.
extension Functions {
    static let conditions: [FunctionDeclaration] = [
        FunctionDeclaration(
            name: "if", signature: "if(condition, a, b)", summary: "a where the condition is true, else b (false or null).",
            example: #"metrics | take 4 | select value, size = if(value >= 100, "big", "small")"#,
            arity: 3...3, typing: ifTyping, evaluate: { call in try rowWise(call, widening: true) { values in values[0] == .bool(true) ? values[1] : values[2] } }),
        FunctionDeclaration(
            name: "nullif", signature: "nullif(a, b)", summary: "Null where a equals b, else a: nullif(x, 0) before dividing, nullif(text, \"N/A\").",
            example: #"metrics | take 3 | select unit, u = nullif(unit, "个")"#,
            arity: 2...2, typing: nullifTyping, evaluate: { call in try rowWise(call, widening: true) { values in ValueOrder.equal(values[0], values[1]) ? .null : values[0] } }),
        FunctionDeclaration(
            name: "greatest", signature: "greatest(a, b, ...)", summary: "The largest argument that is not null (numbers, text by code point, dates); null when all are.",
            example: #"metrics | take 3 | select value, at_least_10 = greatest(value, 10)"#,
            arity: 1...Int.max, typing: { TypingRules.common($0.map(\.type), what: "greatest") },
            evaluate: { call in try rowWise(call, widening: true) { values in extreme(values, largest: true) } }),
        FunctionDeclaration(
            name: "least", signature: "least(a, b, ...)", summary: "The smallest argument that is not null; null when all are.",
            example: #"metrics | take 3 | select value, at_most_10 = least(value, 10)"#,
            arity: 1...Int.max, typing: { TypingRules.common($0.map(\.type), what: "least") },
            evaluate: { call in try rowWise(call, widening: true) { values in extreme(values, largest: false) } }),
    ]

    static let ifTyping: @Sendable ([ArgumentType]) -> Typing = { arguments in
        guard arguments[0].type == .bool || arguments[0].type == .null else { return .wrongArgument(index: 0, expected: "a condition (true or false)") }
        return TypingRules.common([arguments[1].type, arguments[2].type], what: "if")
    }

    static let nullifTyping: @Sendable ([ArgumentType]) -> Typing = { arguments in
        let a = arguments[0].type, b = arguments[1].type
        guard a == b || a == .null || b == .null || (a.isNumeric && b.isNumeric) else {
            return .invalid("nullif compares values of one type, but got \(a.rawValue) and \(b.rawValue)")
        }
        return .result(a == .null ? b : a)
    }

    static func extreme(_ values: [Value], largest: Bool) -> Value {
        var best: Value = .null
        for value in values where !value.isNull {
            if best.isNull { best = value; continue }
            let order = ValueOrder.compare(value, best)
            if largest ? order > 0 : order < 0 { best = value }
        }
        return best
    }
}

/// The order scicity compares values in: numbers by value, text by code
/// point, dates in time, false before true.
enum ValueOrder {
    static func compare(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return x < y ? -1 : x > y ? 1 : 0
        case (.string(let x), .string(let y)): return x.utf8.elementsEqual(y.utf8) ? 0 : x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1
        case (.date(let x), .date(let y)): return x.encoded < y.encoded ? -1 : x.encoded > y.encoded ? 1 : 0
        case (.timestamp(let x), .timestamp(let y)): return x < y ? -1 : x > y ? 1 : 0
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        // Exactly, as `==` does: past 2^53 a double cannot tell
        // 12345678901234567 from 12345678901234567.5.
        case (.decimal(let x), .decimal(let y)): return x < y ? -1 : y < x ? 1 : 0
        case (.integer(let x), .decimal(let y)): return compare(.decimal(ExactDecimal(x)), .decimal(y))
        case (.decimal(let x), .integer(let y)): return compare(.decimal(x), .decimal(ExactDecimal(y)))
        default:
            guard let x = a.asDouble, let y = b.asDouble else { return 0 }
            return x < y ? -1 : x > y ? 1 : 0
        }
    }

    static func equal(_ a: Value, _ b: Value) -> Bool {
        if a.isNull || b.isNull { return false }
        return compare(a, b) == 0
    }
}
