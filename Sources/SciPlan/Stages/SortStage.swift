import SciEngine
import SciLanguage

/// `sort KEY [asc|desc], …`: stable, nulls last either way, text by code point.
enum SortStage {
    static let declaration = StageDeclaration(
        keyword: "sort", grammar: .sortKeys,
        signature: "sort KEY [asc|desc], ...",
        summary: "Orders the rows; stable, nulls last in either direction, text by Unicode code point.",
        examples: [#"events | sort date desc | select date, event | take 3"#],
        otherNames: ["order"],
        completion: .expressions(keywords: ExpressionKeywords.all + ["asc", "desc"], aggregates: false),
        role: .transform { stage, input, planner in
            guard case .sortKeys(let keys) = stage.arguments else { throw planner.malformed(stage) }
            let bound = try keys.map { Plan.SortItem(expression: try planner.binder(input.schema).bind($0.expression), descending: $0.descending) }
            return planner.node(.sort(input, bound, limit: nil), input.schema, for: stage)
        }
    )
}
