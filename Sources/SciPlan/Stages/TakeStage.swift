import SciEngine
import SciLanguage

/// `take N [by KEY, …]`: the first N rows, or the first N of each group.
enum TakeStage {
    static let declaration = StageDeclaration(
        keyword: "take",
        grammar: .sequence([.integer(what: "a number of rows after \"take\""), .optional(word: "by", .expressions(optional: false))]),
        signature: "take N [by KEY, ...]",
        summary: "Keeps the first N rows; with by, the first N rows of each group of equal keys, in incoming order (after sort: the top N per group).",
        examples: [#"sentences | take 2 | select id, paragraph"#, #"metrics | sort value desc | take 1 by unit | select unit, entity, value"#],
        otherNames: ["limit", "head"],
        completion: .keysAfter(word: "by"),
        role: .transform { stage, input, planner in
            guard case .integer(let n, _) = stage.arguments[0] else { throw planner.malformed(stage) }
            guard case .expressions(let keys) = stage.arguments[1] else {
                return planner.node(.take(input, max(0, n)), input.schema, for: stage)
            }
            let bound = try keys.map { try planner.binder(input.schema).bind($0) }
            return planner.node(.takePerGroup(input, max(0, n), keys: bound), input.schema, for: stage)
        }
    )
}
