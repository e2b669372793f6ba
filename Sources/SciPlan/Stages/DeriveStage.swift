import SciEngine
import SciLanguage

/// `derive NAME = EXPR, …`: adds columns, or replaces ones of the same
/// name; each may use the ones before it.
enum DeriveStage {
    static let declaration = StageDeclaration(
        keyword: "derive", grammar: .named(bare: false),
        signature: "derive NAME = EXPR, ...",
        summary: "Adds columns (or replaces ones of the same name); each may use the ones before it.",
        examples: [#"metrics | where unit == "亩" | derive hectares = round(value / 15, 1) | select entity, value, hectares"#],
        otherNames: ["mutate", "insert"],
        completion: .expressions(keywords: ExpressionKeywords.all, aggregates: false),
        role: .transform { stage, input, planner in
            guard case .named(let items) = stage.arguments else { throw planner.malformed(stage) }
            var output = input.schema
            var derived: [Plan.DeriveItem] = []
            for item in items {
                let bound = try planner.binder(output).bind(item.expression)
                if let index = output.names.firstIndex(of: item.name) {
                    output.columns[index] = PlanColumn(name: item.name, origin: output.columns[index].origin, type: bound.type, nullable: bound.nullable)
                    derived.append(Plan.DeriveItem(name: item.name, expression: bound, replaces: index))
                } else {
                    output.columns.append(PlanColumn(name: item.name, type: bound.type, nullable: bound.nullable))
                    derived.append(Plan.DeriveItem(name: item.name, expression: bound, replaces: nil))
                }
            }
            return planner.node(.derive(input, derived), output, for: stage)
        }
    )
}
