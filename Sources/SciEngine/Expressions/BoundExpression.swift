import SciLanguage

/// An expression whose names are resolved to columns and functions and
/// whose type is known: what the planner makes of the syntax, and what the
/// engine evaluates. It is checked once, before any row is read.
public struct BoundExpression: Sendable {
    public indirect enum Kind: Sendable {
        case literal(Value)
        /// The column at this position of the input.
        case column(Int)
        case negate(BoundExpression)
        case not(BoundExpression)
        case binary(BinaryOperator, BoundExpression, BoundExpression)
        case membership(BoundExpression, [BoundExpression], negated: Bool)
        case nullTest(BoundExpression, negated: Bool)
        case call(FunctionDeclaration, [BoundExpression])
        /// `case when … then … [else …] end`, arms in order.
        case caseWhen([Arm], otherwise: BoundExpression?)
    }

    /// One `when CONDITION then VALUE`.
    public struct Arm: Sendable {
        public let condition: BoundExpression
        public let value: BoundExpression

        public init(condition: BoundExpression, value: BoundExpression) {
            self.condition = condition
            self.value = value
        }
    }

    public let kind: Kind
    public let type: ValueType
    /// False only when no row can be null (a literal, count(), …).
    public let nullable: Bool
    public let range: SourceRange
    /// The text it was written as, for `.plan` and messages.
    public let text: String

    public init(_ kind: Kind, type: ValueType, nullable: Bool, range: SourceRange, text: String) {
        self.kind = kind
        self.type = type
        self.nullable = nullable
        self.range = range
        self.text = text
    }

    /// The input columns it reads.
    public var columnsRead: Set<Int> {
        var result = Set<Int>()
        visit { if case .column(let index) = $0.kind { result.insert(index) } }
        return result
    }

    /// Calls `body` on this node and every node below it. The parser keeps
    /// trees within `Parser.maxHeight`, so the recursion is bounded.
    public func visit(_ body: (BoundExpression) -> Void) {
        body(self)
        switch kind {
        case .literal, .column: break
        case .negate(let inner), .not(let inner), .nullTest(let inner, _): inner.visit(body)
        case .binary(_, let a, let b): a.visit(body); b.visit(body)
        case .membership(let subject, let items, _): subject.visit(body); items.forEach { $0.visit(body) }
        case .call(_, let arguments): arguments.forEach { $0.visit(body) }
        case .caseWhen(let arms, let otherwise):
            for arm in arms { arm.condition.visit(body); arm.value.visit(body) }
            otherwise?.visit(body)
        }
    }

    /// The same expression reading column `map[i]` where it read column `i`
    /// (after the columns of its input were narrowed).
    public func remapped(_ map: [Int: Int]) -> BoundExpression {
        let newKind: Kind
        switch kind {
        case .literal: newKind = kind
        case .column(let index): newKind = .column(map[index] ?? index)
        case .negate(let inner): newKind = .negate(inner.remapped(map))
        case .not(let inner): newKind = .not(inner.remapped(map))
        case .nullTest(let inner, let negated): newKind = .nullTest(inner.remapped(map), negated: negated)
        case .binary(let op, let a, let b): newKind = .binary(op, a.remapped(map), b.remapped(map))
        case .membership(let subject, let items, let negated):
            newKind = .membership(subject.remapped(map), items.map { $0.remapped(map) }, negated: negated)
        case .call(let function, let arguments): newKind = .call(function, arguments.map { $0.remapped(map) })
        case .caseWhen(let arms, let otherwise):
            newKind = .caseWhen(arms.map { Arm(condition: $0.condition.remapped(map), value: $0.value.remapped(map)) }, otherwise: otherwise?.remapped(map))
        }
        return BoundExpression(newKind, type: type, nullable: nullable, range: range, text: text)
    }
}
