import SciLanguage

/// Evaluates an expression over every row of a table at once, column by
/// column. Type errors are found from the columns' types before any row is
/// looked at, so they point at the expression, never at a row.
struct ExpressionEvaluator {
    let table: Table

    func evaluate(_ expression: Expression) throws -> Column {
        try operand(expression).materialize(count: table.rowCount)
    }

    /// Evaluates a condition (`where`, `and`, `not`): it must be true/false.
    func condition(_ expression: Expression) throws -> Column {
        let result = try evaluate(expression)
        switch result.type {
        case .bool, .null: return result
        default:
            throw Diagnostic(message: "a condition must be true or false, but this is \(result.type.article)", range: expression.range)
        }
    }

    func operand(_ expression: Expression) throws -> Operand {
        switch expression.kind {
        case .literal(let literal):
            return .scalar(Value(literal))
        case .column(let name):
            return .column(table.columns[try table.resolve(name, at: expression.range)])
        case .unary(.negate, let inner):
            return try negate(try operand(inner), inner)
        case .unary(.not, let inner):
            return .column(Logic.not(try condition(inner)))
        case .binary(let op, let left, let right):
            return try binary(op, left, right, expression)
        case .membership(let subject, let items, let negated):
            return try membership(subject, items, negated: negated)
        case .nullTest(let subject, let negated):
            let value = try operand(subject)
            let nulls = value.nulls(count: table.rowCount) ?? [Bool](repeating: false, count: table.rowCount)
            return .column(Column(.bool(negated ? nulls.map { !$0 } : nulls)))
        case .call(let name, let nameRange, let arguments):
            if Aggregates.declaration(named: name) != nil, Functions.declaration(named: name) == nil {
                throw Diagnostic(message: "\(name)() is an aggregate; use it inside summarize", range: nameRange)
            }
            guard let function = Functions.declaration(named: name) else {
                let known = Functions.all.map(\.name)
                throw Diagnostic(message: Suggestion.message("unknown function \"\(name)\"", for: name, in: known), range: nameRange)
            }
            guard function.arity.contains(arguments.count) else {
                throw Diagnostic(message: "\(name) takes \(function.arityDescription), not \(arguments.count): \(function.signature)", range: expression.range)
            }
            let values = try arguments.map { try operand($0) }
            return try function.evaluate(FunctionCall(arguments: values, expressions: arguments, range: expression.range, rowCount: table.rowCount))
        }
    }

    func negate(_ value: Operand, _ expression: Expression) throws -> Operand {
        switch value {
        case .scalar(.integer(let i)):
            let (result, overflow) = Int64(0).subtractingReportingOverflow(i)
            if overflow { throw Diagnostic(message: "integer overflow", range: expression.range) }
            return .scalar(.integer(result))
        case .scalar(.decimal(let d)): return .scalar(.decimal(-d))
        case .scalar(.null): return value
        case .column(let c):
            switch c.storage {
            case .integer(let v):
                var result = v
                for i in v.indices where !c.isNull(i) {
                    guard v[i] != .min else { throw Diagnostic(message: "integer overflow", range: expression.range) }
                    result[i] = -v[i]
                }
                return .column(Column(.integer(result), nulls: c.nulls))
            case .decimal(let v): return .column(Column(.decimal(v.map { -$0 }), nulls: c.nulls))
            case .null: return value
            default: break
            }
        default: break
        }
        throw Diagnostic(message: "cannot negate \(value.type.article)", range: expression.range)
    }

    func binary(_ op: BinaryOperator, _ left: Expression, _ right: Expression, _ whole: Expression) throws -> Operand {
        switch op {
        case .and, .or:
            let a = try condition(left)
            let b = try condition(right)
            return .column(op == .and ? Logic.and(a, b) : Logic.or(a, b))
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            return .column(try Comparison.compare(op, try operand(left), try operand(right), left: left, right: right, rowCount: table.rowCount))
        case .contains, .startsWith, .endsWith, .matches:
            return .column(try TextMatch.evaluate(op, try operand(left), try operand(right), left: left, right: right, rowCount: table.rowCount))
        case .add, .subtract, .multiply, .divide, .remainder:
            return try Arithmetic.evaluate(op, try operand(left), try operand(right), whole: whole, rowCount: table.rowCount)
        }
    }

    func membership(_ subject: Expression, _ items: [Expression], negated: Bool) throws -> Operand {
        let value = try operand(subject)
        var result = Column(.bool([Bool](repeating: false, count: table.rowCount)))
        for item in items {
            let equal = try Comparison.compare(.equal, value, try operand(item), left: subject, right: item, rowCount: table.rowCount)
            result = Logic.or(result, equal)
        }
        return .column(negated ? Logic.not(result) : result)
    }
}

extension ValueType {
    /// "an integer", "a string": for messages.
    public var article: String {
        switch self {
        case .integer: return "an integer"
        case .decimal: return "a decimal"
        case .string: return "a string"
        case .date: return "a date"
        case .bool: return "a true/false value"
        case .null: return "null"
        }
    }
}
