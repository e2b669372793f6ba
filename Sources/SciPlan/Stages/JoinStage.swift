import SciEngine
import SciLanguage

/// `join [left] TABLE [as NAME] on LEFT == RIGHT`: a hash join on one key.
enum JoinStage {
    static let declaration = StageDeclaration(
        keyword: "join",
        grammar: .sequence([
            .flag("left", unlessFollowedBy: ["on", "as"]),
            .source(what: "a table to join"),
            .optional(word: "as", .name(what: "a name for the joined table after \"as\"")),
            .required(word: "on", expected: "\"on LEFT == RIGHT\" after the joined table", .equation),
        ]),
        signature: "join [left] TABLE [as NAME] on LEFTCOL == RIGHTCOL",
        summary: "Pairs each row with the rows of TABLE whose key is equal; left keeps unmatched rows with nulls. Shared column names come out as table.column (NAME.column for the right side with as).",
        examples: [#"people | join entities on affiliation == id | select people.name, entities.name | take 2"#],
        otherNames: ["lookup"],
        completion: .joinedTable,
        role: .transform(plan)
    )

    static func plan(_ stage: Stage, _ input: Plan, _ planner: Planner) throws -> Plan {
        guard case .flag(let keepUnmatched) = stage.arguments[0], case .source(let source) = stage.arguments[1],
              case .equation(let leftKey, let rightKey) = stage.arguments[3] else { throw planner.malformed(stage) }
        var alias: String?
        if case .name(let name, _) = stage.arguments[2] { alias = name }
        let right = try planner.planSource(source)
        let rightName = alias ?? Planner.sourceName(source)
        guard case .column(let leftReference) = leftKey.kind, case .column(let rightReference) = rightKey.kind else {
            throw Diagnostic(message: "join needs a column on each side of ==", range: leftKey.range.union(rightKey.range))
        }
        let leftIndex = try input.schema.resolve(leftReference, at: leftKey.range)
        let rightIndex: Int
        do {
            let reference = ColumnName(rightReference.name, qualifier: rightReference.qualifier == rightName ? nil : rightReference.qualifier)
            rightIndex = try right.schema.resolve(reference, at: rightKey.range)
        } catch var error as Diagnostic {
            error.message += " in \(rightName)"
            throw error
        }
        let leftType = input.schema.columns[leftIndex].type
        let rightType = right.schema.columns[rightIndex].type
        guard leftType == rightType || (leftType.isNumeric && rightType.isNumeric) || leftType == .null || rightType == .null else {
            throw Diagnostic(message: "cannot join \(leftType.article) column with \(rightType.article) column", range: leftKey.range.union(rightKey.range))
        }
        // Names both sides share are qualified by the table they came from.
        let rightNames = Set(right.schema.names)
        let leftNames = Set(input.schema.names)
        var columns: [PlanColumn] = []
        for column in input.schema.columns {
            var copy = column
            if rightNames.contains(column.name) { copy.name = "\(column.origin ?? "left").\(column.name)" }
            columns.append(copy)
        }
        for column in right.schema.columns {
            var copy = column
            copy.origin = rightName
            if leftNames.contains(column.name) { copy.name = "\(rightName).\(column.name)" }
            if keepUnmatched { copy.nullable = true }
            columns.append(copy)
        }
        var seen = Set<String>()
        for column in columns where !seen.insert(column.name).inserted {
            let message = alias == nil
                ? "both sides of the join would have a column \"\(column.name)\"; name the joined table: join … as \(rightName)2 on …"
                : "both sides of the join would have a column \"\(column.name)\"; choose another name after \"as\""
            throw Diagnostic(message: message, range: source.range)
        }
        var rightPlan = right
        rightPlan.label += alias.map { " as \($0)" } ?? ""
        let keys = Plan.JoinKeys(left: leftIndex, right: rightIndex, keepUnmatched: keepUnmatched, rightName: rightName)
        return planner.node(.join(input, rightPlan, keys), Schema(columns), for: stage)
    }
}
