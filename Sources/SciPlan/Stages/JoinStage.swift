import SciEngine
import SciLanguage

/// `join [left] TABLE [as NAME] on LEFT == RIGHT`: a hash join on one key.
enum JoinStage {
    static let declaration = StageDeclaration(
        keyword: "join",
        grammar: .sequence([
            .choice(JoinKind.allCases.map(\.rawValue), unlessFollowedBy: ["on", "as"]),
            .source(what: "a table to join"),
            .optional(word: "as", .name(what: "a name for the joined table after \"as\"")),
            .required(word: "on", expected: "\"on LEFT == RIGHT\" after the joined table", .conjunction(.equation)),
        ]),
        signature: "join [inner|left|right|full|semi|anti] TABLE [as NAME] on A == B [and C == D ...]",
        summary: "Pairs each row with the rows of TABLE whose keys are equal (null keys never match). left keeps unmatched rows of this side, right those of TABLE, full both, with nulls; semi keeps this side's rows that have a match, anti those that have none. Shared column names come out as table.column (NAME.column for the right side with as).",
        examples: [
            #"people | join entities on affiliation == id | select people.name, entities.name | take 2"#,
            #"entities | join semi people on id == affiliation | select id, name"#,
            #"entities | where kind == "lab" | join anti people on id == affiliation | count"#,
        ],
        otherNames: ["lookup"],
        completion: .joinedTable,
        role: .transform(plan)
    )

    static func plan(_ stage: Stage, _ input: Plan, _ planner: Planner) throws -> Plan {
        guard case .source(let source) = stage.arguments[1], case .list(let equations) = stage.arguments[3] else { throw planner.malformed(stage) }
        var kind = JoinKind.inner
        if case .name(let word, _) = stage.arguments[0], let chosen = JoinKind(rawValue: word) { kind = chosen }
        var alias: String?
        if case .name(let name, _) = stage.arguments[2] { alias = name }
        let right = try planner.planSource(source)
        let rightName = alias ?? Planner.sourceName(source)
        var pairs: [(left: Int, right: Int)] = []
        for equation in equations {
            guard case .equation(let leftKey, let rightKey) = equation,
                  case .column(let leftReference) = leftKey.kind, case .column(let rightReference) = rightKey.kind else {
                throw planner.malformed(stage)
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
            pairs.append((leftIndex, rightIndex))
        }
        var rightPlan = right
        rightPlan.label += alias.map { " as \($0)" } ?? ""
        let keys = Plan.JoinKeys(pairs: pairs, kind: kind, rightName: rightName)
        guard kind.keepsRightColumns else {
            return planner.node(.join(input, rightPlan, keys), input.schema, for: stage)
        }
        // Names both sides share are qualified by the table they came from.
        let rightNames = Set(right.schema.names)
        let leftNames = Set(input.schema.names)
        var columns: [PlanColumn] = []
        for column in input.schema.columns {
            var copy = column
            if rightNames.contains(column.name) { copy.name = "\(column.origin ?? "left").\(column.name)" }
            if kind == .right || kind == .full { copy.nullable = true }
            columns.append(copy)
        }
        for column in right.schema.columns {
            var copy = column
            copy.origin = rightName
            if leftNames.contains(column.name) { copy.name = "\(rightName).\(column.name)" }
            if kind == .left || kind == .full { copy.nullable = true }
            columns.append(copy)
        }
        var seen = Set<String>()
        for column in columns where !seen.insert(column.name).inserted {
            let message = alias == nil
                ? "both sides of the join would have a column \"\(column.name)\"; name the joined table: join … as \(rightName)2 on …"
                : "both sides of the join would have a column \"\(column.name)\"; choose another name after \"as\""
            throw Diagnostic(message: message, range: source.range)
        }
        return planner.node(.join(input, rightPlan, keys), Schema(columns), for: stage)
    }
}
