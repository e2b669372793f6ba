/// An expression in `where`, `select`, `derive`, `sort` or `summarize`.
public struct Expression: Equatable, Sendable {
    public indirect enum Kind: Equatable, Sendable {
        case literal(Literal)
        /// `name` or `table.name` (after a join).
        case column(ColumnName)
        case unary(UnaryOperator, Expression)
        case binary(BinaryOperator, Expression, Expression)
        /// `x in (a, b)` / `x not in (a, b)`.
        case membership(Expression, [Expression], negated: Bool)
        /// `x is null` / `x is not null`.
        case nullTest(Expression, negated: Bool)
        /// `f(a, b)`; aggregates are calls too, told apart by the engine.
        case call(name: String, nameRange: SourceRange, arguments: [Expression])
        /// `case when c1 then v1 … [else v] end`: a flat list of arms, so a
        /// long chain is one level deep, not one level per arm.
        case caseWhen(arms: [CaseArm], otherwise: Expression?)
    }

    public let kind: Kind
    public var range: SourceRange
    /// How many nodes the longest path from here down passes through. Every
    /// walk over a tree recurses this deep, so the parser keeps it within
    /// `Parser.maxHeight`, flat chains (`1 + 1 + …`) included.
    public let height: Int

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
        switch kind {
        case .literal, .column: height = 1
        case .unary(_, let inner), .nullTest(let inner, _): height = inner.height + 1
        case .binary(_, let a, let b): height = max(a.height, b.height) + 1
        case .membership(let subject, let items, _): height = max(subject.height, items.map(\.height).max() ?? 0) + 1
        case .call(_, _, let arguments): height = (arguments.map(\.height).max() ?? 0) + 1
        case .caseWhen(let arms, let otherwise):
            var highest = otherwise?.height ?? 0
            for arm in arms { highest = max(highest, arm.condition.height, arm.value.height) }
            height = highest + 1
        }
    }

    /// The column name a bare column reference or call suggests when no
    /// `NAME =` is given: `select value` keeps `value`, `sum(value)` becomes `sum_value`.
    public var suggestedName: String {
        switch kind {
        case .column(let name): return name.name
        case .call(let name, _, let arguments):
            if arguments.isEmpty { return name }
            return ([name] + arguments.map(\.suggestedName)).joined(separator: "_")
        case .unary(_, let operand): return operand.suggestedName
        case .literal(let literal): return literal.description
        default: return "expr"
        }
    }
}

/// One `when CONDITION then VALUE` of a case expression.
public struct CaseArm: Equatable, Sendable {
    public var condition: Expression
    public var value: Expression

    public init(condition: Expression, value: Expression) {
        self.condition = condition
        self.value = value
    }
}

public struct ColumnName: Hashable, Sendable, CustomStringConvertible {
    public var qualifier: String?
    public var name: String

    public init(_ name: String, qualifier: String? = nil) {
        self.name = name
        self.qualifier = qualifier
    }

    public var description: String { qualifier.map { "\($0).\(name)" } ?? name }
}

public enum Literal: Equatable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int64)
    case decimal(ExactDecimal)
    case float(Double)
    case string(String)
    /// Days since 1970-01-01, and whether it was written to the month.
    case date(days: Int32, monthPrecision: Bool)
    /// Seconds since 1970-01-01T00:00:00, no time zone.
    case timestamp(seconds: Int64)

    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .decimal(let d): return d.description
        case .float(let d): return String(d)
        case .string(let s): return s
        case .date(let days, let month): return CivilDate(days: days).text(monthPrecision: month)
        case .timestamp(let seconds): return CivilTimestamp.text(seconds)
        }
    }
}

public enum UnaryOperator: String, Sendable {
    case negate = "-"
    case not = "not"
}

public enum BinaryOperator: String, Sendable, CaseIterable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case contains, startsWith = "startswith", endsWith = "endswith", matches
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"

    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return true
        default: return false
        }
    }

    public var isArithmetic: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide, .remainder: return true
        default: return false
        }
    }

    public var isTextMatch: Bool {
        switch self {
        case .contains, .startsWith, .endsWith, .matches: return true
        default: return false
        }
    }
}
