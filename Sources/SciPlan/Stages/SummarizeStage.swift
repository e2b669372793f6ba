import SciEngine
import SciLanguage

/// `summarize [NAME =] AGG, … [by KEY, …]`: one row per group of equal keys.
enum SummarizeStage {
    static let declaration = StageDeclaration(
        keyword: "summarize",
        grammar: .sequence([.named(bare: true), .optional(word: "by", .named(bare: true))]),
        signature: "summarize [NAME =] AGG, ... [by KEY, ...]",
        summary: "One row per group of equal keys (one row in all without by): the keys, then each aggregate.",
        examples: [#"metrics | summarize n = count(), total = sum(value) by unit | sort n desc | take 3"#],
        otherNames: ["group", "aggregate"],
        completion: .expressions(keywords: ExpressionKeywords.all + ["by"], aggregates: true),
        role: .transform(plan)
    )

    static func plan(_ stage: Stage, _ input: Plan, _ planner: Planner) throws -> Plan {
        guard case .named(let aggregates) = stage.arguments[0] else { throw planner.malformed(stage) }
        var groups: [NamedExpression] = []
        if case .named(let keys) = stage.arguments[1] { groups = keys }
        let schema = input.schema
        var groupColumns: [PlanColumn] = []
        var groupExpressions: [BoundExpression] = []
        var seen: [String: String] = [:]
        func claim(_ name: String, _ item: NamedExpression) throws {
            let written = planner.label(item.nameRange.union(item.expression.range))
            if let first = seen[name] {
                throw Diagnostic(message: "column \"\(name)\" appears twice\(Planner.both(first, written)); name one of them with NAME = …", range: item.nameRange.union(item.expression.range))
            }
            seen[name] = written
        }
        for group in groups {
            let bound = try planner.binder(schema).bind(group.expression)
            var column = PlanColumn(name: group.name, type: bound.type, nullable: bound.nullable)
            if case .column(let reference) = group.expression.kind, !group.isExplicitlyNamed, case .column(let index) = bound.kind {
                column = PlanColumn(name: reference.name, origin: schema.columns[index].origin, type: bound.type, nullable: bound.nullable)
            }
            try claim(column.name, group)
            groupColumns.append(column)
            groupExpressions.append(bound)
        }
        // Aggregates read the rows coming in; the outputs read the groups
        // (keys, then one column per aggregate call).
        let context = ExpressionBinder.SummarizeContext(groupSchema: Schema(groupColumns))
        var outputs: [BoundExpression] = []
        var outputColumns: [PlanColumn] = []
        for aggregate in aggregates {
            try claim(aggregate.name, aggregate)
            let before = context.calls.count
            let bound = try ExpressionBinder(schema: schema, source: planner.source, summarizing: context).bind(aggregate.expression)
            guard context.calls.count > before else {
                throw Diagnostic(message: "summarize needs an aggregate such as count() or sum(x) here", range: aggregate.expression.range)
            }
            outputs.append(bound)
            outputColumns.append(PlanColumn(name: aggregate.name, type: bound.type, nullable: bound.nullable))
        }
        let node = Plan.Node.summarize(input, groups: groupExpressions, aggregates: context.calls, outputs: outputs)
        return planner.node(node, Schema(groupColumns + outputColumns), for: stage)
    }
}
