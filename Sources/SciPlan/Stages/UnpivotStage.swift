import SciEngine
import SciLanguage

/// `unpivot COL, … into NAME, VALUE`: columns turned into rows.
enum UnpivotStage {
    static let declaration = StageDeclaration(
        keyword: "unpivot",
        grammar: .sequence([
            .list(.column),
            .required(word: "into", expected: "\"into NAME, VALUE\" after the columns", .list(.name(what: "a name for the new column"))),
        ]),
        signature: "unpivot COL, ... into NAME, VALUE",
        summary: "Turns columns into rows: each row gives one row per listed column that is not null, with the column's name in NAME and its value in VALUE; the other columns stay.",
        examples: [#"metrics | where unit == "亩" | select entity, value, as_of = text(as_of) | unpivot value into field, amount"#],
        otherNames: ["melt", "gather", "longer"],
        completion: .expressions(keywords: ["into"], aggregates: false),
        role: .transform { stage, input, planner in
            guard case .list(let columns) = stage.arguments[0], case .list(let names) = stage.arguments[1] else { throw planner.malformed(stage) }
            guard names.count == 2, case .name(let nameColumn, _) = names[0], case .name(let valueColumn, _) = names[1] else {
                throw Diagnostic(message: "unpivot needs two names after \"into\": one for the column names, one for the values", range: stage.range)
            }
            var indices: [Int] = []
            for column in columns {
                guard case .expression(let reference) = column else { throw planner.malformed(stage) }
                let index = try planner.columnIndex(reference, in: input.schema)
                if !indices.contains(index) { indices.append(index) }
            }
            let types = indices.map { input.schema.columns[$0].type }
            let valueType: ValueType
            switch TypingRules.common(types, what: "unpivot") {
            case .result(let type): valueType = type
            default:
                let described = indices.map { "\(input.schema.columns[$0].name) is \(input.schema.columns[$0].type.article)" }.joined(separator: ", ")
                throw Diagnostic(message: "cannot unpivot columns of different types (\(described)); convert them first, e.g. with text()", range: stage.range)
            }
            var output = input.schema.columns.indices.filter { !indices.contains($0) }.map { input.schema.columns[$0] }
            output.append(PlanColumn(name: nameColumn, type: .string, nullable: false))
            output.append(PlanColumn(name: valueColumn, type: valueType, nullable: false))
            return planner.node(.unpivot(input, columns: indices), Schema(output), for: stage)
        }
    )
}
