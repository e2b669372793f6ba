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
        case summarize(Plan, groups: [BoundExpression], aggregates: [AggregateCall], outputs: [BoundExpression])
        /// nil keys: whole rows.
        case distinct(Plan, keys: [BoundExpression]?)
        case count(Plan)
        case join(Plan, Plan, JoinKeys)
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
        public var left: Int
        public var right: Int
        public var keepUnmatched: Bool
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
        case .filter(let input, _), .select(let input, _), .derive(let input, _), .sort(let input, _, _), .take(let input, _),
             .summarize(let input, _, _, _), .distinct(let input, _), .count(let input):
            return [input]
        case .join(let left, let right, _): return [left, right]
        }
    }

    /// Whether the node needs all its input rows before it gives one.
    public var needsAllRows: Bool {
        switch node {
        case .sort, .summarize, .distinct, .count: return true
        case .join: return true
        default: return false
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

/// What the planner makes of one pipeline.
public struct PlannedPipeline: Sendable {
    public var plan: Plan
    public var export: ExportRequest?
}
