import SciLanguage

/// `take N`: the first N rows.
enum TakeStage {
    static let declaration = StageDeclaration(
        keyword: "take", grammar: .integer(what: "a number of rows after \"take\""),
        signature: "take N",
        summary: "Keeps the first N rows.",
        examples: [#"sentences | take 2 | select id, paragraph"#],
        otherNames: ["limit", "head"],
        completion: .nothing,
        role: .transform { stage, input, planner in
            guard case .integer(let n, _) = stage.arguments else { throw planner.malformed(stage) }
            return planner.node(.take(input, max(0, n)), input.schema, for: stage)
        }
    )
}
