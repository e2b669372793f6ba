import SciEngine
import SciLanguage

/// `distinct [COL, …]`: one row per different combination, first seen first.
enum DistinctStage {
    static let declaration = StageDeclaration(
        keyword: "distinct", grammar: .expressions(optional: true),
        signature: "distinct [COL, ...]",
        summary: "One row per different combination of the columns (of all columns when none are named), first seen first.",
        examples: [#"entities | distinct kind | take 4"#],
        otherNames: ["uniq", "unique"],
        completion: .expressions(keywords: ExpressionKeywords.all, aggregates: false),
        role: .transform { stage, input, planner in
            guard case .expressions(let expressions) = stage.arguments else { throw planner.malformed(stage) }
            if expressions.isEmpty { return planner.node(.distinct(input, keys: nil), input.schema, for: stage) }
            var columns: [PlanColumn] = []
            var keys: [BoundExpression] = []
            for expression in expressions {
                let bound = try planner.binder(input.schema).bind(expression)
                if case .column(let reference) = expression.kind, case .column(let index) = bound.kind {
                    var column = input.schema.columns[index]
                    column.name = reference.name
                    columns.append(column)
                } else {
                    columns.append(PlanColumn(name: expression.suggestedName, type: bound.type, nullable: bound.nullable))
                }
                keys.append(bound)
            }
            return planner.node(.distinct(input, keys: keys), Schema(columns), for: stage)
        }
    )
}
