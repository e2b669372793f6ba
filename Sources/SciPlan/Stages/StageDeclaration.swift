import SciLanguage

/// A stage of the language, declared once: its keyword and grammar, its
/// help and examples, what completion offers inside it, and how it is
/// planned. The parser, the planner, completion, `.help` and the
/// documentation tests all read these declarations, so a new stage is one
/// file here (plus its documentation), and a new plan operator when none
/// of the existing ones computes it.
public struct StageDeclaration: Sendable {
    /// What completion offers after the keyword.
    public enum Completion: Sendable {
        /// Columns flowing in and functions (aggregates too, when allowed),
        /// and these keywords.
        case expressions(keywords: [String], aggregates: Bool)
        /// A table to join, `as` and `on`, then both sides' columns.
        case joinedTable
        /// Nothing to offer (a number, a file name).
        case nothing
        /// Something else first (a number); then `word`, and after it
        /// columns and functions (`take 3 by district`).
        case keysAfter(word: String)
    }

    public enum Role: Sendable {
        /// Makes the plan of this stage over the plan of its input.
        case transform(@Sendable (_ stage: Stage, _ input: Plan, _ planner: Planner) throws -> Plan)
        /// Ends the pipeline: where its rows go (a file, a chart).
        case sink(@Sendable (_ stage: Stage, _ input: Plan, _ planner: Planner) throws -> PipelineSink)
    }

    public let keyword: String
    public let grammar: StageGrammar
    public let signature: String
    public let summary: String
    public let examples: [String]
    /// What other tools call it (`filter`, `limit`): an error points to this stage.
    public let otherNames: [String]
    public let completion: Completion
    public let role: Role

    public init(keyword: String, grammar: StageGrammar, signature: String, summary: String, examples: [String],
                otherNames: [String] = [], completion: Completion, role: Role) {
        self.keyword = keyword
        self.grammar = grammar
        self.signature = signature
        self.summary = summary
        self.examples = examples
        self.otherNames = otherNames
        self.completion = completion
        self.role = role
    }

    public var name: String { keyword }
    /// The first example, shown by `.help`.
    public var example: String { examples.first ?? keyword }
}

/// Every stage, in the order `.help` lists them.
public enum StageCatalog {
    public static let all: [StageDeclaration] = [
        WhereStage.declaration, SelectStage.declaration, DeriveStage.declaration, SortStage.declaration,
        TakeStage.declaration, SummarizeStage.declaration, DistinctStage.declaration, CountStage.declaration,
        JoinStage.declaration, WindowStage.declaration, AppendStage.declaration, DropStage.declaration, RenameStage.declaration,
        PivotStage.declaration, UnpivotStage.declaration, DescribeStage.declaration, SampleStage.declaration, ChartStage.declaration, ExportStage.declaration,
    ]

    public static func declaration(named keyword: String) -> StageDeclaration? {
        all.first { $0.keyword == keyword }
    }

    /// What the parser needs: each stage's grammar, and the other tools' names.
    public static let grammars = StageGrammars(
        grammars: all.map { ($0.keyword, $0.grammar) },
        synonyms: Dictionary(all.flatMap { declaration in declaration.otherNames.map { ($0, declaration.keyword) } }, uniquingKeysWith: { first, _ in first })
    )
}
