import SciLanguage

/// `count`: one row, one column named count.
enum CountStage {
    static let declaration = StageDeclaration(
        keyword: "count", grammar: .nothing,
        signature: "count",
        summary: "One row, one column named count: how many rows came in.",
        examples: [#"people | count"#],
        completion: .nothing,
        role: .transform { stage, input, planner in
            planner.node(.count(input), Schema([PlanColumn(name: "count", type: .integer, nullable: false)]), for: stage)
        }
    )
}
