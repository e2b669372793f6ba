/// One step of a pipeline: the rows flow in, other rows flow out.
public struct Stage: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case filter(Expression)
        case select([NamedExpression])
        case derive([NamedExpression])
        case sort([SortKey])
        case take(Int)
        case summarize(aggregates: [NamedExpression], groups: [NamedExpression])
        case distinct([Expression])
        case count
        case join(Join)
        /// `export "FILE" [as FORMAT]`; without a format, the file's extension decides.
        case export(path: String, pathRange: SourceRange, format: String?)
    }

    public var kind: Kind
    /// The stage's keyword, for messages such as "export must end a pipeline".
    public var keyword: String
    public var range: SourceRange

    public init(_ kind: Kind, keyword: String, range: SourceRange) {
        self.kind = kind
        self.keyword = keyword
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

/// `join [left] TABLE [as ALIAS] on LEFT == RIGHT`.
public struct Join: Equatable, Sendable {
    public var isLeft: Bool
    public var table: Source
    /// The name the right side's clashing columns are qualified with;
    /// without one, the table's name (a loaded file's name without extension).
    public var alias: String?
    public var leftKey: Expression
    public var rightKey: Expression

    public init(isLeft: Bool, table: Source, alias: String? = nil, leftKey: Expression, rightKey: Expression) {
        self.isLeft = isLeft
        self.table = table
        self.alias = alias
        self.leftKey = leftKey
        self.rightKey = rightKey
    }
}
