import SciEngine
import SciLanguage

/// A pipeline as the planner resolved it: a tree of nodes, each knowing the
/// columns it gives. Built before any data is read; the rewrites, the
/// executor, `.plan` and completion all work from it.
public struct Plan: Sendable {
    public indirect enum Node: Sendable {
        /// A table the session knows (the dataset, `let`, `.import`).
        case table(name: String, columns: [Int]?)
        /// A file; `columns`, when set, are the only ones built.
        case load(path: String, columns: Set<String>?)
        case filter(Plan, BoundExpression)
        case select(Plan, [BoundExpression])
        /// Each item reads the columns the items before it left.
        case derive(Plan, [DeriveItem])
        case sort(Plan, [SortItem], limit: Int?)
        case take(Plan, Int)
        /// The first N rows of each group of equal keys, in incoming order.
        case takePerGroup(Plan, Int, keys: [BoundExpression])
        /// `sort … | take N by …` as one step: N rows per group by bounded heaps.
        case topPerGroup(Plan, order: [SortItem], n: Int, groups: [BoundExpression])
        case summarize(Plan, groups: [BoundExpression], aggregates: [AggregateCall], outputs: [BoundExpression])
        /// nil keys: whole rows.
        case distinct(Plan, keys: [BoundExpression]?)
        case count(Plan)
        case join(Plan, Plan, JoinKeys)
        /// Columns computed over each row's partition; items read the
        /// incoming columns, then one column per call.
        /// Columns turned into rows: the other columns, then name and value.
        case unpivot(Plan, columns: [Int])
        /// One row per key group, one column per value: the output
        /// expression reads the keys, the pivot column, then the aggregates.
        case pivot(Plan, keys: [BoundExpression], column: BoundExpression, values: [Value], aggregates: [AggregateCall], output: BoundExpression)
        /// One row per incoming column, with its statistics.
        case describe(Plan)
        /// N rows drawn at random (the same for the same seed).
        case sample(Plan, Int, seed: UInt64?)
        case window(Plan, partition: [BoundExpression], order: [SortItem], calls: [WindowCall], items: [DeriveItem])
        /// The second plan's rows below the first's; its column `i` goes to
        /// output column `rightToOutput[i]`.
        case append(Plan, Plan, rightToOutput: [Int])
    }

    public struct DeriveItem: Sendable {
        public var name: String
        public var expression: BoundExpression
        /// The column it replaces, or nil when it adds one.
        public var replaces: Int?
    }

    public struct SortItem: Sendable {
        public var expression: BoundExpression
        public var descending: Bool
    }

    public struct JoinKeys: Sendable {
        /// Pairs of columns, left side's and right side's, that must be equal.
        public var pairs: [(left: Int, right: Int)]
        public var kind: JoinKind
        /// What the right side is called (its alias or table name).
        public var rightName: String
    }

    public var node: Node
    public var schema: Schema
    /// The stage (or source) in the statement.
    public var range: SourceRange
    /// What the stage says, as written, for `.plan`.
    public var label: String

    public init(_ node: Node, schema: Schema, range: SourceRange, label: String) {
        self.node = node
        self.schema = schema
        self.range = range
        self.label = label
    }

    /// The plans this node reads from.
    public var inputs: [Plan] {
        switch node {
        case .table, .load: return []
        case .filter(let input, _), .select(let input, _), .derive(let input, _), .sort(let input, _, _), .take(let input, _), .takePerGroup(let input, _, _), .topPerGroup(let input, _, _, _), .window(let input, _, _, _, _), .describe(let input), .sample(let input, _, _),
             .unpivot(let input, _), .pivot(let input, _, _, _, _, _),
             .summarize(let input, _, _, _), .distinct(let input, _), .count(let input):
            return [input]
        case .join(let left, let right, _), .append(let left, let right, _): return [left, right]
        }
    }
}

/// `export "FILE" [as FORMAT]` at the end of a pipeline: the shell writes it.
public struct ExportRequest: Sendable {
    public var path: String
    public var pathRange: SourceRange
    public var format: String?
    public var formatRange: SourceRange
}

/// Where a pipeline's rows go when a stage ends it.
public enum PipelineSink: Sendable {
    case export(ExportRequest)
    case chart(ChartRequest)
}

/// What the planner makes of one pipeline.
public struct PlannedPipeline: Sendable {
    public var plan: Plan
    public var sink: PipelineSink?

    public var export: ExportRequest? {
        if case .export(let request)? = sink { return request }
        return nil
    }

    public var chart: ChartRequest? {
        if case .chart(let request)? = sink { return request }
        return nil
    }
}
