/// How the words after a stage's keyword are read. Each stage declares its
/// grammar with these pieces (in the plan layer, beside its help and its
/// planning), and the parser reads any stage by its declaration.
public indirect enum StageGrammar: Sendable {
    /// Nothing follows the keyword.
    case nothing
    /// One expression.
    case expression
    /// `expr, expr, …`; with `optional`, none at all may follow.
    case expressions(optional: Bool)
    /// `NAME = expr, …`; with `bare`, an item may be a plain expression.
    case named(bare: Bool)
    /// `expr [asc|desc], …`
    case sortKeys
    /// A whole number; `what` names it in errors ("a number of rows after \"take\"").
    case integer(what: String)
    /// A table name or `load "FILE"`.
    case source(what: String)
    /// A quoted string.
    case string(what: String)
    /// A name.
    case name(what: String)
    /// `column == column`
    case equation
    /// Pieces one after another.
    case sequence([StageGrammar])
    /// `word` and what follows it, or nothing.
    case optional(word: String, StageGrammar)
    /// `word` and what follows it; `expected` says what was missing.
    case required(word: String, expected: String, StageGrammar)
    /// A word that may stand here on its own (`join left …`), unless the
    /// word after it is one of `unlessFollowedBy` (then it is a name).
    case flag(String, unlessFollowedBy: [String])
    /// One of `words` (read as a name), or nothing; as with `flag`, not when
    /// the word after it is one of `unlessFollowedBy`.
    case choice([String], unlessFollowedBy: [String])
    /// A column name, plain or `table.column`.
    case column
    /// `piece, piece, …` (at least one).
    case list(StageGrammar)
    /// `piece and piece and …` (at least one).
    case conjunction(StageGrammar)
}

/// What the parser read for a stage, shaped as its grammar.
public indirect enum StageArgument: Equatable, Sendable {
    case absent
    case expression(Expression)
    case expressions([Expression])
    case named([NamedExpression])
    case sortKeys([SortKey])
    case integer(Int, SourceRange)
    case source(Source)
    case string(String, SourceRange)
    case name(String, SourceRange)
    case equation(Expression, Expression)
    case sequence([StageArgument])
    case flag(Bool)
    case list([StageArgument])

    /// The `index`-th part of a sequence (or `.absent`).
    public subscript(index: Int) -> StageArgument {
        guard case .sequence(let parts) = self, parts.indices.contains(index) else { return .absent }
        return parts[index]
    }
}

/// The grammars of all stages, by keyword, with the names other tools use
/// for them (`filter` → `where`), for the parser.
public struct StageGrammars: Sendable {
    public var grammars: [String: StageGrammar]
    public var synonyms: [String: String]
    /// The keywords in the order they are listed to users.
    public var keywords: [String]

    public init(grammars: [(keyword: String, grammar: StageGrammar)], synonyms: [String: String]) {
        self.grammars = Dictionary(grammars.map { ($0.keyword, $0.grammar) }, uniquingKeysWith: { first, _ in first })
        self.keywords = grammars.map(\.keyword)
        self.synonyms = synonyms
    }
}
