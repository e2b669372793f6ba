import SciEngine
import SciLanguage

/// `where CONDITION`: keeps the rows where the condition is true.
enum WhereStage {
    static let declaration = StageDeclaration(
        keyword: "where", grammar: .expression,
        signature: "where CONDITION",
        summary: "Keeps the rows where the condition is true (not false, not null).",
        examples: [#"entities | where kind == "lab" | select id, name"#],
        otherNames: ["filter"],
        completion: .expressions(keywords: ExpressionKeywords.all, aggregates: false),
        role: .transform { stage, input, planner in
            guard case .expression(let condition) = stage.arguments else { throw planner.malformed(stage) }
            return planner.node(.filter(input, try planner.binder(input.schema).condition(condition)), input.schema, for: stage)
        }
    )
}

/// The words of expressions, offered by completion inside them.
enum ExpressionKeywords {
    static let all = ["and", "or", "not", "in", "is", "null", "contains", "startswith", "endswith", "matches", "case", "when", "then", "else", "end"]
}
