import SciEngine
import SciLanguage

/// `drop COL, …`: every column but these.
enum DropStage {
    static let declaration = StageDeclaration(
        keyword: "drop", grammar: .list(.column),
        signature: "drop COL, ...",
        summary: "Keeps every column but these, in their order.",
        examples: [#"people | drop name_en, title, role | take 2"#],
        otherNames: ["exclude", "reject"],
        completion: .expressions(keywords: [], aggregates: false),
        role: .transform { stage, input, planner in
            guard case .list(let items) = stage.arguments else { throw planner.malformed(stage) }
            var dropped = Set<Int>()
            for item in items {
                guard case .expression(let reference) = item else { throw planner.malformed(stage) }
                dropped.insert(try planner.columnIndex(reference, in: input.schema))
            }
            let kept = input.schema.columns.indices.filter { !dropped.contains($0) }
            return planner.node(.select(input, kept.map { planner.reference(to: $0, in: input.schema) }), Schema(kept.map { input.schema.columns[$0] }), for: stage)
        }
    )
}
