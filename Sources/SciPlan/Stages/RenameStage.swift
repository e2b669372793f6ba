import SciEngine
import SciLanguage

/// `rename OLD as NEW, …`: the same columns, some under new names.
enum RenameStage {
    static let declaration = StageDeclaration(
        keyword: "rename",
        grammar: .list(.sequence([.column, .required(word: "as", expected: "\"as NEW\" after the column to rename", .name(what: "a new name after \"as\""))])),
        signature: "rename OLD as NEW, ...",
        summary: "Gives columns new names; the others, and the order, stay as they were.",
        examples: [#"people | rename name as 姓名, name_en as pinyin | select 姓名, pinyin | take 2"#],
        completion: .expressions(keywords: ["as"], aggregates: false),
        role: .transform { stage, input, planner in
            guard case .list(let items) = stage.arguments else { throw planner.malformed(stage) }
            var columns = input.schema.columns
            var renamed = Set<Int>()
            for item in items {
                guard case .expression(let reference) = item[0], case .name(let newName, let range) = item[1] else { throw planner.malformed(stage) }
                let index = try planner.columnIndex(reference, in: input.schema)
                guard renamed.insert(index).inserted else {
                    throw Diagnostic(message: "column \"\(columns[index].name)\" is renamed twice", range: range)
                }
                columns[index].name = newName
            }
            let expressions = input.schema.columns.indices.map { planner.reference(to: $0, in: input.schema) }
            return planner.node(.select(input, expressions), Schema(columns), for: stage)
        }
    )
}
