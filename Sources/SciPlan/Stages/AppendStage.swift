import SciEngine
import SciLanguage

/// `append SOURCE`: the rows of another table below these, by column name.
enum AppendStage {
    static let declaration = StageDeclaration(
        keyword: "append", grammar: .source(what: "a table or load \"FILE\" to append (to append a pipeline, keep it first: let more = …)"),
        signature: "append TABLE | append load \"FILE\"",
        summary: "Adds the rows of another table below, matching columns by name; a column one side lacks is null there; integers and decimals widen to decimals.",
        examples: [#"people | where name_en startswith "D" | append people | select id, name | take 3"#],
        otherNames: ["union", "concat", "stack"],
        completion: .nothing,
        role: .transform { stage, input, planner in
            guard case .source(let source) = stage.arguments else { throw planner.malformed(stage) }
            let other = try planner.planSource(source)
            // Two tables with no column in common would stack into a table
            // of nulls: almost always the wrong table or unrenamed columns.
            let mineNames = Set(input.schema.columns.map(\.name))
            if !input.schema.columns.isEmpty, !other.schema.columns.isEmpty,
               !other.schema.columns.contains(where: { mineNames.contains($0.name) }) {
                let here = input.schema.columns.prefix(6).map(\.name).joined(separator: ", ")
                let there = other.schema.columns.prefix(6).map(\.name).joined(separator: ", ")
                throw Diagnostic(message: "cannot append: \(planner.label(source.range)) has no column in common with these rows (here: \(here); there: \(there)); rename columns to match first", range: source.range)
            }
            var columns = input.schema.columns
            var rightToOutput: [Int] = []
            for column in other.schema.columns {
                if let index = columns.firstIndex(where: { $0.name == column.name }) {
                    let mine = columns[index].type, theirs = column.type
                    let widened: ValueType
                    if mine == theirs || theirs == .null {
                        widened = mine
                    } else if mine == .null {
                        widened = theirs
                    } else if mine.isNumeric && theirs.isNumeric {
                        widened = mine == .float || theirs == .float ? .float : .decimal
                    } else {
                        throw Diagnostic(message: "cannot append: column \"\(column.name)\" is \(mine.article) here and \(theirs.article) in \(planner.label(source.range))", range: source.range)
                    }
                    columns[index].type = widened
                    columns[index].nullable = columns[index].nullable || column.nullable
                    rightToOutput.append(index)
                } else {
                    var added = column
                    added.nullable = true
                    rightToOutput.append(columns.count)
                    columns.append(added)
                }
            }
            // Columns only this side has are null in the appended rows.
            for index in input.schema.columns.indices where !rightToOutput.contains(index) { columns[index].nullable = true }
            return planner.node(.append(input, other, rightToOutput: rightToOutput), Schema(columns), for: stage)
        }
    )
}
