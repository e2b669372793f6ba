import SciLanguage

/// Evaluates a bound expression over every row of a table at once, column
/// by column. Types were checked by the planner; what can still fail here
/// depends on the values (an overflow, a date out of range).
public struct ExpressionEvaluator {
    let table: Table

    public init(table: Table) {
        self.table = table
    }

    /// The expression's column, of the type the planner gave it (a result
    /// that is null throughout still has that type).
    public func evaluate(_ expression: BoundExpression) throws -> Column {
        try operand(expression).materialize(count: table.rowCount).conformed(to: expression.type)
    }

    /// A condition (`where`, `and`, `not`): true, false or null per row.
    func condition(_ expression: BoundExpression) throws -> Column {
        let result = try evaluate(expression)
        switch result.type {
        case .bool, .null: return result
        default:
            throw Diagnostic(message: "a condition must be true or false, but this is \(result.type.article)", range: expression.range)
        }
    }

    func operand(_ expression: BoundExpression) throws -> Operand {
        // Each node is one pass over every row: Ctrl-C is looked at between them.
        try Cancellation.check()
        switch expression.kind {
        case .literal(let value):
            return .scalar(value)
        case .column(let index):
            guard table.columns.indices.contains(index) else {
                throw Diagnostic(message: "internal error: column \(index + 1) of \(table.columns.count) is missing", range: expression.range)
            }
            return .column(table.columns[index])
        case .negate(let inner):
            return try negate(try operand(inner), inner.range)
        case .not(let inner):
            return .column(Logic.not(try condition(inner)))
        case .binary(let op, let left, let right):
            return try binary(op, left, right, expression)
        case .membership(let subject, let items, let negated):
            return try membership(subject, items, negated: negated)
        case .nullTest(let subject, let negated):
            let value = try operand(subject)
            let nulls = value.nulls(count: table.rowCount) ?? [Bool](repeating: false, count: table.rowCount)
            return .column(Column(.bool(negated ? nulls.map { !$0 } : nulls)))
        case .call(let function, let arguments):
            let values = try arguments.map { try operand($0) }
            return try function.evaluate(FunctionCall(arguments: values, argumentRanges: arguments.map(\.range), range: expression.range, rowCount: table.rowCount))
        case .caseWhen(let arms, let otherwise):
            return .column(try caseWhen(arms, otherwise, type: expression.type))
        }
    }

    func negate(_ value: Operand, _ range: SourceRange) throws -> Operand {
        switch value {
        case .scalar(.integer(let i)):
            let (result, overflow) = Int64(0).subtractingReportingOverflow(i)
            if overflow { throw Diagnostic(message: "integer overflow", range: range) }
            return .scalar(.integer(result))
        case .scalar(.decimal(let d)):
            // Units are never Int64.min (see Arithmetic.fits), so this cannot overflow.
            return .scalar(.decimal(ExactDecimal(units: 0 &- d.units, scale: d.scale)))
        case .scalar(.float(let d)): return .scalar(.float(-d))
        case .scalar(.null): return value
        case .column(let c):
            switch c.storage {
            case .integer(let v):
                var result = v
                for i in v.indices where !c.isNull(i) {
                    guard v[i] != .min else { throw Diagnostic(message: "integer overflow", range: range) }
                    result[i] = -v[i]
                }
                return .column(Column(.integer(result), nulls: c.nulls))
            case .decimal(let v, let scale): return .column(Column(.decimal(v.map { 0 &- $0 }, scale: scale), nulls: c.nulls))
            case .float(let v): return .column(Column(.float(v.map { -$0 }), nulls: c.nulls))
            case .null: return value
            default: break
            }
        default: break
        }
        throw Diagnostic(message: "cannot negate \(value.type.article)", range: range)
    }

    func binary(_ op: BinaryOperator, _ left: BoundExpression, _ right: BoundExpression, _ whole: BoundExpression) throws -> Operand {
        switch op {
        case .and, .or:
            let a = try condition(left)
            let b = try condition(right)
            return .column(op == .and ? Logic.and(a, b) : Logic.or(a, b))
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            return .column(try Comparison.compare(op, try operand(left), try operand(right), leftRange: left.range, rightRange: right.range, rowCount: table.rowCount))
        case .contains, .startsWith, .endsWith, .matches:
            return .column(try TextMatch.evaluate(op, try operand(left), try operand(right), leftRange: left.range, rightRange: right.range, rowCount: table.rowCount))
        case .add, .subtract, .multiply, .divide, .remainder:
            return try Arithmetic.evaluate(op, try operand(left), try operand(right), range: whole.range, rowCount: table.rowCount)
        }
    }

    func membership(_ subject: BoundExpression, _ items: [BoundExpression], negated: Bool) throws -> Operand {
        let value = try operand(subject)
        var result = Column(.bool([Bool](repeating: false, count: table.rowCount)))
        for item in items {
            let equal = try Comparison.compare(.equal, value, try operand(item), leftRange: subject.range, rightRange: item.range, rowCount: table.rowCount)
            result = Logic.or(result, equal)
        }
        return .column(negated ? Logic.not(result) : result)
    }
}

extension Column {
    /// This column as `type`: a column of nothing but nulls takes the type,
    /// and integers widen to decimals, so every result has its planned type.
    public func conformed(to type: ValueType) -> Column {
        if self.type == type || type == .null { return self }
        switch (storage, type) {
        case (.null(let n), _): return .nulls(of: type, count: n)
        case (.integer(let v), .decimal): return Column(.decimal(v, scale: 0), nulls: nulls)
        case (.integer, .float), (.decimal, .float): return Column(.float(doubles ?? []), nulls: nulls)
        default: return self
        }
    }

    /// A column of `count` nulls of a type.
    public static func nulls(of type: ValueType, count: Int) -> Column {
        let flags = [Bool](repeating: true, count: count)
        switch type {
        case .integer: return Column(.integer([Int64](repeating: 0, count: count)), nulls: flags)
        case .decimal: return Column(.decimal([Int64](repeating: 0, count: count), scale: 0), nulls: flags)
        case .float: return Column(.float([Double](repeating: 0, count: count)), nulls: flags)
        case .string: return Column(.string(codes: [Int32](repeating: 0, count: count), dictionary: StringDictionary()), nulls: flags)
        case .date: return Column(.date([DateValue](repeating: DateValue(encoded: 0), count: count)), nulls: flags)
        case .timestamp: return Column(.timestamp([TimestampValue](repeating: TimestampValue(seconds: 0), count: count)), nulls: flags)
        case .bool: return Column(.bool([Bool](repeating: false, count: count)), nulls: flags)
        case .null: return Column(.null(count: count))
        }
    }
}

extension ValueType {
    /// "an integer", "a string": for messages.
    public var article: String {
        switch self {
        case .integer: return "an integer"
        case .decimal: return "a decimal"
        case .float: return "a float"
        case .string: return "a string"
        case .date: return "a date"
        case .timestamp: return "a timestamp"
        case .bool: return "a true/false value"
        case .null: return "null"
        }
    }
}
