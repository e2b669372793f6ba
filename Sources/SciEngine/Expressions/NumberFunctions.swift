#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SciLanguage

/// floor, ceil, trunc, sqrt, ln, log10, exp, pow, sign. One rule for what
/// has no answer: a result that is not a finite number (sqrt(-1), ln(0),
/// pow(0, -1), exp(1000)) is null, so no table, CSV or JSON ever shows inf
/// or nan.
extension Functions {
    static let numberFunctions: [FunctionDeclaration] = [
        FunctionDeclaration(
            name: "floor", signature: "floor(number)", summary: "The largest whole number not above it (an integer stays as it is; a decimal gives a decimal).",
            example: #"metrics | where unit == "%" | select value, f = floor(value)"#,
            arity: 1...1, typing: TypingRules.number, evaluate: { try wholePart($0, .down) }),
        FunctionDeclaration(
            name: "ceil", signature: "ceil(number)", summary: "The smallest whole number not below it.",
            example: #"metrics | where unit == "%" | select value, c = ceil(value)"#,
            arity: 1...1, typing: TypingRules.number, evaluate: { try wholePart($0, .up) }),
        FunctionDeclaration(
            name: "trunc", signature: "trunc(number)", summary: "The whole part, toward zero: trunc(-2.7) is -2.",
            example: #"metrics | where unit == "%" | select value, t = trunc(0 - value)"#,
            arity: 1...1, typing: TypingRules.number, evaluate: { try wholePart($0, .towardZero) }),
        FunctionDeclaration(
            name: "sqrt", signature: "sqrt(number)", summary: "The square root, a decimal; null for a negative number.",
            example: #"metrics | where unit == "亩" | select value, root = round(sqrt(value), 2)"#,
            arity: 1...1, typing: TypingRules.toFloat, evaluate: { try realFunction($0) { $0 >= 0 ? $0.squareRoot() : nil } }),
        FunctionDeclaration(
            name: "ln", signature: "ln(number)", summary: "The natural logarithm; null for 0 and below.",
            example: #"metrics | where unit == "亩" | select value, l = round(ln(value), 3)"#,
            arity: 1...1, typing: TypingRules.toFloat, evaluate: { try realFunction($0) { $0 > 0 ? Real.log($0) : nil } }),
        FunctionDeclaration(
            name: "log10", signature: "log10(number)", summary: "The logarithm to base 10; null for 0 and below.",
            example: #"metrics | where unit == "家" | select value, digits = floor(log10(value)) + 1"#,
            arity: 1...1, typing: TypingRules.toFloat, evaluate: { try realFunction($0) { $0 > 0 ? Real.log10($0) : nil } }),
        FunctionDeclaration(
            name: "exp", signature: "exp(number)", summary: "e to the power of the number; null when too large for a decimal.",
            example: #"metrics | take 1 | select e = round(exp(1), 6), big = exp(1000)"#,
            arity: 1...1, typing: TypingRules.toFloat, evaluate: { try realFunction($0) { Real.exp($0) } }),
        FunctionDeclaration(
            name: "pow", signature: "pow(base, exponent)", summary: "base to the power of exponent, a decimal; null where undefined (pow(0, -1), pow(-8, 0.5)).",
            example: #"metrics | where unit == "亩" | select value, squared = pow(value, 2)"#,
            arity: 2...2, typing: TypingRules.toFloat, evaluate: { try realFunction($0) { Real.pow($0, $1) } }),
        FunctionDeclaration(
            name: "sign", signature: "sign(number)", summary: "-1, 0 or 1 as the number is below, at or above zero (an integer).",
            example: #"metrics | take 3 | select value, s = sign(value - 100)"#,
            arity: 1...1, typing: TypingRules.toInteger, evaluate: { try realFunction($0, result: .integer) { $0 > 0 ? 1 : $0 < 0 ? -1 : 0 } }),
    ]

    /// floor, ceil and trunc: integers are whole already; decimals keep
    /// their type (a decimal past 2^53 is whole too).
    static func wholePart(_ call: FunctionCall, _ rule: FloatingPointRoundingRule) throws -> Operand {
        if call.arguments[0].type == .integer { return call.arguments[0] }
        // A decimal stays exact: its units rounded to a whole multiple of 10^scale.
        if call.arguments[0].type == .decimal {
            return try rowWise(call, nullGivesNull: true) { values in
                guard case .decimal(let x) = values[0] else { return .null }
                let unit = Int64(ExactDecimal(units: 1, scale: 0).wide(at: x.scale))
                var q = x.units / unit
                let r = x.units % unit
                if rule == .down, r < 0 { q -= 1 }
                if rule == .up, r > 0 { q += 1 }
                return .decimal(ExactDecimal(units: q * unit, scale: x.scale))
            }
        }
        // + 0 turns -0 into 0, so ceil(-0.5) prints as 0.
        return try realFunction(call, result: .float) { $0.rounded(rule) + 0 }
    }

    /// A function of one or more numbers computed in binary floating point:
    /// every argument is read as doubles (see `NumericInput`), a null
    /// argument or a result that is nil, infinite or nan gives null.
    static func realFunction(_ call: FunctionCall, result: ValueType = .float, _ body: (Double) -> Double?) throws -> Operand {
        try realFunction(call, result: result) { values in body(values[0]) }
    }

    static func realFunction(_ call: FunctionCall, result: ValueType = .float, _ body: (Double, Double) -> Double?) throws -> Operand {
        try realFunction(call, result: result) { values in body(values[0], values[1]) }
    }

    static func realFunction(_ call: FunctionCall, result: ValueType, _ body: ([Double]) -> Double?) throws -> Operand {
        let inputs = try call.arguments.indices.map { index in
            guard let input = NumericInput(call.arguments[index], count: call.rowCount) else { throw call.typeError(index, expected: "a number") }
            return input
        }
        var values = [Double](repeating: 0, count: call.rowCount)
        var nulls = [Bool](repeating: false, count: call.rowCount)
        var arguments = [Double](repeating: 0, count: inputs.count)
        for row in 0..<call.rowCount {
            try Cancellation.check(row: row)
            var isNull = false
            for index in inputs.indices {
                guard let x = inputs[index][row] else { isNull = true; break }
                arguments[index] = x
            }
            if !isNull, let y = body(arguments), y.isFinite { values[row] = y } else { nulls[row] = true }
        }
        if result == .integer { return .column(Column(.integer(values.map { Int64($0) }), nulls: nulls)) }
        return .column(Column(.float(values), nulls: nulls))
    }
}

/// A numeric argument read as doubles, row by row, whatever column kind
/// holds it (integers, decimals, a literal, nothing but nulls). New numeric
/// kinds need one more case here and every function over doubles takes them.
struct NumericInput {
    private enum Source {
        case constant(Double?)
        case integers([Int64], nulls: [Bool]?)
        case doubles([Double], nulls: [Bool]?)
    }

    private let source: Source

    init?(_ operand: Operand, count: Int) {
        switch operand {
        case .scalar(.null): source = .constant(nil)
        case .scalar(.integer(let i)): source = .constant(Double(i))
        case .scalar(.decimal(let d)): source = .constant(d.double)
        case .scalar(.float(let d)): source = .constant(d)
        case .scalar: return nil
        case .column(let column):
            switch column.storage {
            case .null: source = .constant(nil)
            case .integer(let v): source = .integers(v, nulls: column.nulls)
            case .decimal(let v, let scale): source = .doubles(v.map { ExactDecimal(units: $0, scale: scale).double }, nulls: column.nulls)
            case .float(let v): source = .doubles(v, nulls: column.nulls)
            default: return nil
            }
        }
    }

    @inline(__always)
    subscript(row: Int) -> Double? {
        switch source {
        case .constant(let x): return x
        case .integers(let v, let nulls): return nulls?[row] == true ? nil : Double(v[row])
        case .doubles(let v, let nulls): return nulls?[row] == true ? nil : v[row]
        }
    }
}

/// The C library's real functions, named apart from the closures that use them.
enum Real {
    #if canImport(Glibc)
    static func log(_ x: Double) -> Double { Glibc.log(x) }
    static func log10(_ x: Double) -> Double { Glibc.log10(x) }
    static func exp(_ x: Double) -> Double { Glibc.exp(x) }
    static func pow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
    #else
    static func log(_ x: Double) -> Double { Darwin.log(x) }
    static func log10(_ x: Double) -> Double { Darwin.log10(x) }
    static func exp(_ x: Double) -> Double { Darwin.exp(x) }
    static func pow(_ x: Double, _ y: Double) -> Double { Darwin.pow(x, y) }
    #endif
}
