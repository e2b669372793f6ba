import SciEngine
import SciLanguage

/// `pivot COLUMN, AGG [by KEY, …]`: one column per value of COLUMN.
enum PivotStage {
    /// More columns than this are refused: a pivot of an id is a mistake.
    static let maxColumns = 1000

    static let declaration = StageDeclaration(
        keyword: "pivot",
        grammar: .sequence([.list(.expression), .optional(word: "by", .named(bare: true))]),
        signature: "pivot COLUMN, AGG [by KEY, ...]",
        summary: "One row per group of keys and one column per distinct value of COLUMN (in sorted order, nulls left out), holding AGG over the rows with that value. Its columns come from the data, so planning it reads the rows before it.",
        examples: [#"metrics | pivot qualifier, count() by unit | take 3"#],
        otherNames: ["spread", "wider", "crosstab"],
        completion: .expressions(keywords: ["by"], aggregates: true),
        role: .transform(plan)
    )

    static func plan(_ stage: Stage, _ input: Plan, _ planner: Planner) throws -> Plan {
        guard case .list(let parts) = stage.arguments[0], parts.count == 2,
              case .expression(let columnSyntax) = parts[0], case .expression(let aggregateSyntax) = parts[1] else {
            throw Diagnostic(message: "pivot needs a column and an aggregate: pivot COLUMN, AGG [by KEY, ...]", range: stage.range)
        }
        var groups: [NamedExpression] = []
        if case .named(let keys) = stage.arguments[1] { groups = keys }
        let schema = input.schema
        let column = try planner.binder(schema).bind(columnSyntax)
        var keyColumns: [PlanColumn] = []
        var keys: [BoundExpression] = []
        for group in groups {
            let bound = try planner.binder(schema).bind(group.expression)
            var planned = PlanColumn(name: group.name, type: bound.type, nullable: bound.nullable)
            if case .column(let reference) = group.expression.kind, !group.isExplicitlyNamed, case .column(let index) = bound.kind {
                planned = PlanColumn(name: reference.name, origin: schema.columns[index].origin, type: bound.type, nullable: bound.nullable)
            }
            keyColumns.append(planned)
            keys.append(bound)
        }
        // The aggregate reads the rows; its result is read as the column
        // after the keys and the pivot column.
        let groupSchema = Schema(keyColumns + [PlanColumn(name: "\u{1}pivot", type: column.type)])
        let context = ExpressionBinder.SummarizeContext(groupSchema: groupSchema)
        let output = try ExpressionBinder(schema: schema, source: planner.source, summarizing: context).bind(aggregateSyntax)
        guard !context.calls.isEmpty else {
            throw Diagnostic(message: "pivot needs an aggregate such as count() or sum(x) as its second part", range: aggregateSyntax.range)
        }
        // The columns are the data's values: find them by running the rows before.
        var values: [Value] = []
        if planner.mayReadData {
            let distinct = Plan(.distinct(input, keys: [column]), schema: Schema([PlanColumn(name: "value", type: column.type)]), range: stage.range, label: "pivot values")
            let table = try PlanExecutor(catalog: planner.catalog).run(Rewrites.all.apply(to: distinct))
            let sorted = try Stages.sort(table, [(BoundExpression(.column(0), type: column.type, nullable: true, range: stage.range, text: "value"), false)], limit: nil)
            for row in 0..<sorted.rowCount where !sorted.columns[0].isNull(row) { values.append(sorted[row, 0]) }
            if values.count > maxColumns {
                throw Diagnostic(message: "pivot would make \(values.count) columns, more than \(maxColumns); pivot a column with fewer values", range: columnSyntax.range)
            }
        }
        var columns = keyColumns
        for value in values { columns.append(PlanColumn(name: value.description, type: output.type, nullable: true)) }
        let node = Plan.Node.pivot(input, keys: keys, column: column, values: values, aggregates: context.calls, output: output)
        return planner.node(node, Schema(columns), for: stage)
    }
}
