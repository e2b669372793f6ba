import SciEngine
import SciLanguage

/// `window [by KEY, …] [sort KEY [asc|desc], …] NAME = EXPR, …`: columns
/// computed over each row's partition; the rows keep their order.
enum WindowStage {
    static let declaration = StageDeclaration(
        keyword: "window",
        grammar: .sequence([
            .optional(word: "by", .expressions(optional: false)),
            .optional(word: "sort", .sortKeys),
            .named(bare: false),
        ]),
        signature: "window [by KEY, ...] [sort KEY [asc|desc], ...] NAME = EXPR, ...",
        summary: "Adds columns computed over each row's partition (rows of equal by-keys) in the sort order: row_number, rank, dense_rank, lag, lead, cumsum, first, last, moving_avg, or any aggregate over the whole partition. Rows keep their incoming order.",
        examples: [
            #"metrics | window by unit sort value desc r = rank(), share = value / sum(value) | select unit, value, r, share | take 4"#,
            #"events | window sort date previous = lag(date) | select date, previous | take 3"#,
        ],
        otherNames: ["over", "partition"],
        completion: .expressions(keywords: ExpressionKeywords.all + ["by", "sort", "asc", "desc"], aggregates: true),
        role: .transform(plan)
    )

    static func plan(_ stage: Stage, _ input: Plan, _ planner: Planner) throws -> Plan {
        guard case .named(let items) = stage.arguments[2] else { throw planner.malformed(stage) }
        let schema = input.schema
        var partition: [BoundExpression] = []
        if case .expressions(let keys) = stage.arguments[0] { partition = try keys.map { try planner.binder(schema).bind($0) } }
        var order: [Plan.SortItem] = []
        if case .sortKeys(let keys) = stage.arguments[1] {
            order = try keys.map { Plan.SortItem(expression: try planner.binder(schema).bind($0.expression), descending: $0.descending) }
        }
        let context = ExpressionBinder.WindowContext(inputWidth: schema.columns.count)
        let binder = ExpressionBinder(schema: schema, source: planner.source, windowing: context)
        var output = schema
        var derived: [Plan.DeriveItem] = []
        var seen = Set<String>()
        for item in items {
            guard seen.insert(item.name).inserted else {
                throw Diagnostic(message: "column \"\(item.name)\" is computed twice; name one of them another way", range: item.nameRange)
            }
            let bound = try binder.bind(item.expression)
            if let index = output.names.firstIndex(of: item.name) {
                output.columns[index] = PlanColumn(name: item.name, origin: output.columns[index].origin, type: bound.type, nullable: bound.nullable)
                derived.append(Plan.DeriveItem(name: item.name, expression: bound, replaces: index))
            } else {
                output.columns.append(PlanColumn(name: item.name, type: bound.type, nullable: bound.nullable))
                derived.append(Plan.DeriveItem(name: item.name, expression: bound, replaces: nil))
            }
        }
        return planner.node(.window(input, partition: partition, order: order, calls: context.calls, items: derived), output, for: stage)
    }
}
