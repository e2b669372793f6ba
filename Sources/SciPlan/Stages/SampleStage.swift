import SciEngine
import SciLanguage

/// `sample N [seed S]`: N rows drawn at random.
enum SampleStage {
    static let declaration = StageDeclaration(
        keyword: "sample",
        grammar: .sequence([.integer(what: "a number of rows after \"sample\""), .optional(word: "seed", .integer(what: "a whole number after \"seed\""))]),
        signature: "sample N [seed S]",
        summary: "Keeps N rows drawn at random, in their incoming order; with a seed, the same rows every time.",
        examples: [#"entities | sample 3 seed 42 | select id"#],
        otherNames: ["shuffle"],
        completion: .nothing,
        role: .transform { stage, input, planner in
            guard case .integer(let n, _) = stage.arguments[0] else { throw planner.malformed(stage) }
            var seed: UInt64?
            if case .integer(let given, _) = stage.arguments[1] { seed = UInt64(bitPattern: Int64(given)) }
            return planner.node(.sample(input, max(0, n), seed: seed), input.schema, for: stage)
        }
    )
}
