import SciEngine
import SciLanguage

/// `select COL, NAME = EXPR, …`: exactly these columns, in this order.
enum SelectStage {
    static let declaration = StageDeclaration(
        keyword: "select", grammar: .named(bare: true),
        signature: "select COL, NAME = EXPR, ...",
        summary: "Keeps exactly these columns, in this order, computing any that are expressions.",
        examples: [#"people | select name, name_en"#],
        completion: .expressions(keywords: ExpressionKeywords.all, aggregates: false),
        role: .transform { stage, input, planner in
            guard case .named(let items) = stage.arguments else { throw planner.malformed(stage) }
            var columns: [PlanColumn] = []
            var expressions: [BoundExpression] = []
            var seen: [String: String] = [:]
            for item in items {
                let bound = try planner.binder(input.schema).bind(item.expression)
                var column = PlanColumn(name: item.name, type: bound.type, nullable: bound.nullable)
                if case .column = item.expression.kind, !item.isExplicitlyNamed, case .column(let index) = bound.kind {
                    // A plain column keeps its name and origin, so `t.col` still resolves later.
                    column = input.schema.columns[index]
                }
                let written = planner.label(item.nameRange.union(item.expression.range))
                if let first = seen[column.name] {
                    throw Diagnostic(message: "column \"\(column.name)\" is selected twice\(Planner.both(first, written)); name one of them with NAME = …", range: item.nameRange)
                }
                seen[column.name] = written
                columns.append(column)
                expressions.append(bound)
            }
            return planner.node(.select(input, expressions), Schema(columns), for: stage)
        }
    )
}
