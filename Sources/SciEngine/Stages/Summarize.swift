import SciLanguage

/// One aggregate of a `summarize`, as the planner found it inside an
/// output expression: `round(avg(value), 1)` holds the call `avg(value)`.
public struct AggregateCall: Sendable {
    public let declaration: AggregateDeclaration
    public let argument: BoundExpression?
    public let range: SourceRange
    public let type: ValueType

    public init(declaration: AggregateDeclaration, argument: BoundExpression?, range: SourceRange, type: ValueType) {
        self.declaration = declaration
        self.argument = argument
        self.range = range
        self.type = type
    }
}

extension Stages {
    // summarize [NAME =] AGG, … [by KEY, …]: one row per group (one row in
    // all without `by`), the keys first, then each output. Each output is
    // an expression over the keys and the aggregates' results: the group
    // table's columns followed by one column per aggregate call.
    public static func summarize(
        _ table: Table,
        groups: [(field: Table.Field, expression: BoundExpression)],
        aggregates: [AggregateCall],
        outputs: [(name: String, expression: BoundExpression)]
    ) throws -> Table {
        let evaluator = ExpressionEvaluator(table: table)
        let keyColumns = try groups.map { try evaluator.evaluate($0.expression) }
        let grouping = try Grouping(keys: keyColumns, rowCount: table.rowCount)
        // Without `by`, an empty input still gives one row (count 0).
        let groupCount = groups.isEmpty ? 1 : grouping.groupCount
        let effective = groups.isEmpty ? Grouping(groupOfRow: grouping.groupOfRow, firstRows: [0]) : grouping
        let groupTable = Table(
            fields: groups.map(\.field),
            columns: keyColumns.map { $0.gather(groups.isEmpty ? [] : grouping.firstRows) },
            rowCount: groupCount
        )
        var scratch = groupTable
        for (index, call) in aggregates.enumerated() {
            let input = try call.argument.map { try evaluator.evaluate($0) }
            let column = try call.declaration.compute(input, effective, call.range).conformed(to: call.type)
            scratch.setColumn("\u{1}aggregate\(index)", column)
        }
        var result = groupTable
        let outputEvaluator = ExpressionEvaluator(table: scratch)
        for output in outputs {
            result.setColumn(output.name, try outputEvaluator.evaluate(output.expression))
        }
        return result
    }
}
