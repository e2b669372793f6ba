/// One step of a pipeline: the rows flow in, other rows flow out. What
/// follows the keyword is read by the stage's grammar.
public struct Stage: Equatable, Sendable {
    public var keyword: String
    public var arguments: StageArgument
    public var range: SourceRange

    public init(keyword: String, arguments: StageArgument, range: SourceRange) {
        self.keyword = keyword
        self.arguments = arguments
        self.range = range
    }
}

/// `NAME = EXPR`, or a bare expression whose name is derived from it.
public struct NamedExpression: Equatable, Sendable {
    public var name: String
    public var nameRange: SourceRange
    public var expression: Expression
    public var isExplicitlyNamed: Bool

    public init(name: String, nameRange: SourceRange, expression: Expression, isExplicitlyNamed: Bool) {
        self.name = name
        self.nameRange = nameRange
        self.expression = expression
        self.isExplicitlyNamed = isExplicitlyNamed
    }
}

public struct SortKey: Equatable, Sendable {
    public var expression: Expression
    public var descending: Bool

    public init(expression: Expression, descending: Bool) {
        self.expression = expression
        self.descending = descending
    }
}
