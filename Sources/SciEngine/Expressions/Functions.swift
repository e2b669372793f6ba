import SciLanguage

/// The arguments of one call, already evaluated.
struct FunctionCall {
    let arguments: [Operand]
    let argumentRanges: [SourceRange]
    let range: SourceRange
    let rowCount: Int

    func typeError(_ index: Int, expected: String) -> Diagnostic {
        Diagnostic(message: "expected \(expected), but this is \(arguments[index].type.article)", range: argumentRanges[index])
    }
}

/// A scalar function: its name, signature, one-line description and an
/// example, declared in one place. `.help functions` and the documentation
/// test both read these declarations.
public struct FunctionDeclaration: Sendable {
    public let name: String
    public let signature: String
    public let summary: String
    public let example: String
    public let arity: ClosedRange<Int>
    /// The result's type for arguments of these types (see `Typing`).
    public let typing: @Sendable ([ArgumentType]) -> Typing
    let evaluate: @Sendable (FunctionCall) throws -> Operand

    public var arityDescription: String { Self.describe(arity) }

    /// "1 argument", "1 to 2 arguments", "at least 1 argument": for messages.
    public static func describe(_ arity: ClosedRange<Int>) -> String {
        if arity.lowerBound == arity.upperBound { return arity.lowerBound == 1 ? "1 argument" : "\(arity.lowerBound) arguments" }
        if arity.upperBound == Int.max { return "at least \(arity.lowerBound) arguments" }
        return "\(arity.lowerBound) to \(arity.upperBound) arguments"
    }
}

public enum Functions {
    public static func declaration(named name: String) -> FunctionDeclaration? {
        all.first { $0.name == name }
    }

    /// Every scalar function: the first ones, conditions, text, numbers, dates and times, and conversions.
    public static let all: [FunctionDeclaration] = core + conditions + textFunctions + moreText + regexFunctions + numberFunctions + timeFunctions + conversions

    static let core: [FunctionDeclaration] = [
        FunctionDeclaration(
            name: "lower", signature: "lower(text)", summary: "Text in lower case (ASCII and other cased letters).",
            example: #"entities | where id == "jinfeng_lab" | select name_en, small = lower(name_en)"#,
            arity: 1...1, typing: TypingRules.text, evaluate: { try mapText($0) { .string($0.lowercased()) } }),
        FunctionDeclaration(
            name: "upper", signature: "upper(text)", summary: "Text in upper case.",
            example: #"entities | where id == "jinfeng_lab" | select name_en, big = upper(name_en)"#,
            arity: 1...1, typing: TypingRules.text, evaluate: { try mapText($0) { .string($0.uppercased()) } }),
        FunctionDeclaration(
            name: "length", signature: "length(text)", summary: "The number of characters (a Chinese character counts one).",
            example: #"entities | where id == "jinfeng_lab" | select name, n = length(name)"#,
            arity: 1...1, typing: TypingRules.textToInteger, evaluate: { try mapText($0) { .integer(Int64($0.count)) } }),
        FunctionDeclaration(
            name: "trim", signature: "trim(text)", summary: "Text without leading and trailing white space.",
            example: #"entities | take 1 | select t = trim("  科学城  ")"#,
            arity: 1...1, typing: TypingRules.text, evaluate: { try mapText($0) { .string(String($0.unicodeScalars.drop(while: \.properties.isWhitespace).reversed().drop(while: \.properties.isWhitespace).reversed().map(Character.init))) } }),
        FunctionDeclaration(
            name: "round", signature: "round(number[, digits])", summary: "Rounds half away from zero, to `digits` decimal places (default 0).",
            example: #"metrics | where unit == "%" | select value, r = round(value)"#,
            arity: 1...2, typing: TypingRules.round, evaluate: round),
        FunctionDeclaration(
            name: "abs", signature: "abs(number)", summary: "The absolute value.",
            example: #"metrics | where unit == "亩" | select value, a = abs(0 - value)"#,
            arity: 1...1, typing: TypingRules.number, evaluate: absolute),
        FunctionDeclaration(
            name: "float", signature: "float(number)", summary: "The number as a float (binary floating point), for arithmetic past the 18 digits of a decimal.",
            example: #"metrics | where unit == "亩" | select value, third = float(value) / 3"#,
            arity: 1...1, typing: TypingRules.toFloat, evaluate: toFloat),
        FunctionDeclaration(
            name: "year", signature: "year(date)", summary: "The year of a date or timestamp, as an integer.",
            example: #"events | select date, y = year(date) | take 3"#,
            arity: 1...1, typing: TypingRules.datePart, evaluate: { try datePart($0) { Int64($0.year) } }),
        FunctionDeclaration(
            name: "month", signature: "month(date)", summary: "The month of a date or timestamp, 1 to 12.",
            example: #"events | select date, m = month(date) | take 3"#,
            arity: 1...1, typing: TypingRules.datePart, evaluate: { try datePart($0) { Int64($0.month) } }),
        FunctionDeclaration(
            name: "day", signature: "day(date)", summary: "The day of the month of a date or timestamp; null for a date given only to the month.",
            example: #"events | select date, d = day(date) | take 3"#,
            arity: 1...1, typing: TypingRules.datePart, evaluate: { call in try datePart(call, monthGivesNull: true) { Int64($0.day) } }),
        FunctionDeclaration(
            name: "coalesce", signature: "coalesce(a, b, ...)", summary: "The first argument that is not null.",
            example: #"entities | where kind == "lab" | select id, since = coalesce(since, @2023-03-31)"#,
            arity: 1...Int.max, typing: TypingRules.coalesce, evaluate: coalesce),
        FunctionDeclaration(
            name: "text", signature: "text(value[, format])",
            summary: "Any value as text, as it would print; with a format, a date or timestamp as the format says (%Y %m %d %H %M %S %y %b %j) or a number to N decimal places (%.Nf).",
            example: #"metrics | take 2 | select v = text(value) + " " + unit, fixed = text(value, "%.2f"), month = text(@2023-03-31, "%b %Y")"#,
            arity: 1...2, typing: TypingRules.textOf, evaluate: textWithFormat),
    ]

    /// Applies a function of one string to a text column, once per distinct string.
    static func mapText(_ call: FunctionCall, _ transform: (String) throws -> Value) throws -> Operand {
        let argument = call.arguments[0]
        switch argument {
        case .scalar(.null): return argument
        case .scalar(.string(let s)): return .scalar(try transform(s))
        case .column(let column) where column.type == .string:
            let c = column.compacted()
            guard case .string(let codes, let dictionary) = c.storage else { return argument }
            var budget = TextBudget(range: call.range)
            let mapped = try dictionary.mapCheckingCancellation { text in
                let value = try transform(text)
                try budget.count(value)
                return value
            }
            var builder = ColumnBuilder()
            for i in 0..<codes.count {
                try Cancellation.check(row: i)
                _ = builder.append(c.isNull(i) ? .null : mapped[Int(codes[i])])
            }
            return .column(builder.build(count: codes.count))
        case .column(let c) where c.type == .null: return argument
        default: throw call.typeError(0, expected: "text")
        }
    }

    static func round(_ call: FunctionCall) throws -> Operand {
        var digits: Int64 = 0
        if call.arguments.count == 2 {
            guard case .scalar(.integer(let d)) = call.arguments[1] else { throw call.typeError(1, expected: "a whole number of digits") }
            digits = max(-15, min(15, d))
        }
        let scale = pow10(Int(digits))
        func roundOne(_ x: Double) -> Double { (x * scale).rounded(.toNearestOrAwayFromZero) / scale }
        // Integers round too when digits is negative (1234 → 1200 at -2),
        // exactly, half away from zero, as decimals do.
        func roundInteger(_ x: Int64) throws -> Int64 {
            guard digits < 0 else { return x }
            guard digits > -19 else { return 0 }
            var unit: Int64 = 1
            for _ in 0..<Int(-digits) { unit *= 10 }
            let remainder = x % unit
            var result = x - remainder
            if Swift.abs(remainder) * 2 >= unit {
                let (away, overflow) = result.addingReportingOverflow(x < 0 ? -unit : unit)
                if overflow { throw Diagnostic(message: "integer overflow in round(\(x), \(digits))", range: call.range) }
                result = away
            }
            return result
        }
        switch call.arguments[0] {
        case .scalar(.null): return .scalar(.null)
        case .scalar(.integer(let i)): return .scalar(.integer(try roundInteger(i)))
        case .scalar(.decimal(let d)):
            let rounded = try roundDecimal(Column(.decimal([d.units], scale: d.scale)), Int(digits), call.range)
            return .scalar(rounded[0])
        case .scalar(.float(let d)): return .scalar(.float(roundOne(d)))
        case .column(let c):
            switch c.storage {
            case .null: return .column(c)
            case .integer(let v):
                if digits >= 0 { return .column(c) }
                var rounded = [Int64](repeating: 0, count: v.count)
                for i in v.indices where !c.isNull(i) { rounded[i] = try roundInteger(v[i]) }
                return .column(Column(.integer(rounded), nulls: c.nulls))
            case .decimal: return .column(try roundDecimal(c, Int(digits), call.range))
            case .float(let v): return .column(Column(.float(v.map(roundOne)), nulls: c.nulls))
            default: break
            }
        default: break
        }
        throw call.typeError(0, expected: "a number")
    }

    /// An exact decimal rounded half away from zero to `digits` places (to
    /// tens, hundreds… when negative): the scale becomes `digits` (0 when
    /// negative), never more than it was.
    static func roundDecimal(_ c: Column, _ digits: Int, _ range: SourceRange) throws -> Column {
        guard case .decimal(let v, let scale) = c.storage else { return c }
        if digits >= scale { return c }
        let newScale = max(0, digits)
        let drop = scale - digits
        guard drop <= ExactDecimal.maxScale + 1 else {
            return Column(.decimal([Int64](repeating: 0, count: v.count), scale: newScale), nulls: c.nulls)
        }
        let divisor = drop <= 18 ? Int128(ExactDecimal.powers[drop]) : Int128(ExactDecimal.powers[18]) * 10
        let back = Int128(digits < 0 ? ExactDecimal.powers[-digits] : 1)
        var result = [Int64](repeating: 0, count: v.count)
        for i in v.indices where !c.isNull(i) {
            let rounded = DecimalMeans.rounding(Int128(v[i]), divisor) * back
            guard let units = DecimalArithmetic.fitting(rounded) else {
                throw Diagnostic(message: "decimal overflow in round(\(c[i]), \(digits))", range: range)
            }
            result[i] = units
        }
        return Column(.decimal(result, scale: newScale), nulls: c.nulls)
    }

    static func toFloat(_ call: FunctionCall) throws -> Operand {
        switch call.arguments[0] {
        case .scalar(.null): return .scalar(.null)
        case .scalar(let v):
            guard let d = v.asDouble else { break }
            return .scalar(.float(d))
        case .column(let c):
            switch c.storage {
            case .null: return .column(c)
            case .integer, .decimal, .float: return .column(c.conformed(to: .float))
            default: break
            }
        }
        throw call.typeError(0, expected: "a number")
    }

    static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(n) { result *= 10 }
        return n < 0 ? 1 / result : result
    }

    static func absolute(_ call: FunctionCall) throws -> Operand {
        switch call.arguments[0] {
        case .scalar(.null): return .scalar(.null)
        case .scalar(.integer(let i)):
            guard i != .min else { throw Diagnostic(message: "integer overflow in abs(\(i))", range: call.range) }
            return .scalar(.integer(Swift.abs(i)))
        case .scalar(.decimal(let d)): return .scalar(.decimal(ExactDecimal(units: Int64(d.units.magnitude), scale: d.scale)))
        case .scalar(.float(let d)): return .scalar(.float(Swift.abs(d)))
        case .column(let c):
            switch c.storage {
            case .null: return .column(c)
            case .integer(let v):
                var result = v
                for i in v.indices where !c.isNull(i) {
                    guard v[i] != .min else { throw Diagnostic(message: "integer overflow in abs(\(v[i]))", range: call.range) }
                    result[i] = Swift.abs(v[i])
                }
                return .column(Column(.integer(result), nulls: c.nulls))
            case .decimal(let v, let scale): return .column(Column(.decimal(v.map { Int64($0.magnitude) }, scale: scale), nulls: c.nulls))
            case .float(let v): return .column(Column(.float(v.map { Swift.abs($0) }), nulls: c.nulls))
            default: break
            }
        default: break
        }
        throw call.typeError(0, expected: "text")
    }

    static func datePart(_ call: FunctionCall, monthGivesNull: Bool = false, _ part: (CivilDate) -> Int64) throws -> Operand {
        switch call.arguments[0] {
        case .scalar(.null): return .scalar(.null)
        case .scalar(.date(let d)): return .scalar(monthGivesNull && d.isMonthPrecision ? .null : .integer(part(d.civil)))
        case .scalar(.timestamp(let t)): return .scalar(.integer(part(t.civil)))
        case .column(let c):
            switch c.storage {
            case .null: return .column(c)
            case .date(let v):
                var nulls = c.nulls ?? [Bool](repeating: false, count: v.count)
                if monthGivesNull { for i in 0..<v.count where v[i].isMonthPrecision { nulls[i] = true } }
                return .column(Column(.integer(v.map { part($0.civil) }), nulls: nulls))
            case .timestamp(let v): return .column(Column(.integer(v.map { part($0.civil) }), nulls: c.nulls))
            default: break
            }
        default: break
        }
        throw call.typeError(0, expected: "a date or a timestamp")
    }

    static func coalesce(_ call: FunctionCall) throws -> Operand {
        let types = Set(call.arguments.map(\.type)).subtracting([.null])
        if types.count > 1, types != [.integer, .decimal] {
            throw Diagnostic(message: "coalesce needs arguments of one type, but got \(types.map(\.rawValue).sorted().joined(separator: " and "))", range: call.range)
        }
        let columns = call.arguments.map { $0.materialize(count: call.rowCount) }
        var builder = ColumnBuilder()
        for row in 0..<call.rowCount {
            try Cancellation.check(row: row)
            let value = columns.lazy.map { $0[row] }.first { !$0.isNull } ?? .null
            _ = builder.append(value)
        }
        return .column(builder.build(count: call.rowCount))
    }

    static func asText(_ call: FunctionCall) throws -> Operand {
        switch call.arguments[0] {
        case .scalar(let v): return .scalar(v.isNull ? .null : .string(v.description))
        case .column(let c):
            if c.type == .string { return .column(c) }
            var builder = ColumnBuilder()
            for row in 0..<c.count {
                try Cancellation.check(row: row)
                _ = builder.append(c.isNull(row) ? .null : .string(c[row].description))
            }
            return .column(builder.build(count: c.count))
        }
    }
}
