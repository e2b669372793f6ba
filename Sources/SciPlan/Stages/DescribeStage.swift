import SciEngine
import SciLanguage

/// `describe`: one row per incoming column with its statistics.
enum DescribeStage {
    static let declaration = StageDeclaration(
        keyword: "describe", grammar: .nothing,
        signature: "describe",
        summary: "One row per incoming column: its name, type, count of values, nulls, distinct values, min, max, mean, standard deviation, median and most frequent value.",
        examples: [#"metrics | describe | select column, type, count, nulls, distinct, min, max"#],
        otherNames: ["summary", "stats", "info"],
        completion: .nothing,
        role: .transform { stage, input, planner in
            let columns = Stages.describeColumns.map { PlanColumn(name: $0.name, type: $0.type, nullable: $0.type != .string || $0.name == "min" || $0.name == "max" || $0.name == "top") }
            return planner.node(.describe(input), Schema(columns), for: stage)
        }
    )
}
