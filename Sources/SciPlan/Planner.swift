import SciEngine
import SciLanguage

/// Turns a pipeline into a plan: every name resolved to a column, table or
/// function, every type checked, every node's columns known, and every
/// error reported with its place, all before any row is read. A file's
/// columns come from the catalog's look at its header and first rows.
public struct Planner {
    let catalog: any Catalog
    let source: SourceText

    public init(catalog: any Catalog, source: SourceText) {
        self.catalog = catalog
        self.source = source
    }

    public func plan(_ pipeline: Pipeline) throws -> PlannedPipeline {
        var plan = try planSource(pipeline.source)
        var export: ExportRequest?
        var exportRange: SourceRange?
        for stage in pipeline.stages {
            if let exportRange {
                throw Diagnostic(message: "export must be the last stage of a pipeline", range: exportRange)
            }
            if case .export(let path, let pathRange, let format) = stage.kind {
                export = ExportRequest(path: path, pathRange: pathRange, format: format, formatRange: stage.range)
                exportRange = stage.range
                continue
            }
            plan = try planStage(stage, after: plan)
            try Self.requireUniqueNames(plan.schema, stage)
        }
        return PlannedPipeline(plan: plan, export: export)
    }

    func label(_ range: SourceRange) -> String {
        source.slice(range).split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(of: " ") }.joined(separator: " ")
    }

    func planSource(_ sourceSyntax: Source) throws -> Plan {
        switch sourceSyntax {
        case .table(let name, let range):
            let schema = try catalog.schema(ofTable: name, at: range)
            return Plan(.table(name: name, columns: nil), schema: schema, range: range, label: "table \(name)")
        case .load(let path, let range):
            var schema = try catalog.schema(ofFile: path, at: range)
            // A loaded file's columns are named after the file, as a table's are.
            if schema.columns.allSatisfy({ $0.origin == nil }) {
                schema = schema.withOrigin(Self.sourceName(sourceSyntax))
            }
            return Plan(.load(path: path, columns: nil), schema: schema, range: range, label: label(range))
        }
    }

    static func sourceName(_ source: Source) -> String {
        switch source {
        case .table(let name, _): return name
        case .load(let path, _):
            let file = path.split(separator: "/").last.map(String.init) ?? path
            return file.split(separator: ".").first.map(String.init) ?? file
        }
    }

    func binder(_ schema: Schema) -> ExpressionBinder {
        ExpressionBinder(schema: schema, source: source)
    }

    func planStage(_ stage: Stage, after input: Plan) throws -> Plan {
        let schema = input.schema
        let text = label(stage.range)
        func make(_ node: Plan.Node, _ output: Schema) -> Plan {
            Plan(node, schema: output, range: stage.range, label: text)
        }
        switch stage.kind {
        case .filter(let condition):
            return make(.filter(input, try binder(schema).condition(condition)), schema)

        case .select(let items):
            var columns: [PlanColumn] = []
            var expressions: [BoundExpression] = []
            var seen: [String: String] = [:]
            for item in items {
                let bound = try binder(schema).bind(item.expression)
                var column = PlanColumn(name: item.name, type: bound.type, nullable: bound.nullable)
                if case .column(let reference) = item.expression.kind, !item.isExplicitlyNamed, case .column(let index) = bound.kind {
                    // A plain column keeps its name and origin, so `t.col` still resolves later.
                    column = schema.columns[index]
                    _ = reference
                }
                if let first = seen[column.name] {
                    let both = Self.both(first, label(item.nameRange.union(item.expression.range)))
                    throw Diagnostic(message: "column \"\(column.name)\" is selected twice\(both); name one of them with NAME = …", range: item.nameRange)
                }
                seen[column.name] = label(item.nameRange.union(item.expression.range))
                columns.append(column)
                expressions.append(bound)
            }
            return make(.select(input, expressions), Schema(columns))

        case .derive(let items):
            var output = schema
            var derived: [Plan.DeriveItem] = []
            for item in items {
                let bound = try binder(output).bind(item.expression)
                let column = PlanColumn(name: item.name, type: bound.type, nullable: bound.nullable)
                if let index = output.names.firstIndex(of: item.name) {
                    output.columns[index] = PlanColumn(name: item.name, origin: output.columns[index].origin, type: bound.type, nullable: bound.nullable)
                    derived.append(Plan.DeriveItem(name: item.name, expression: bound, replaces: index))
                } else {
                    output.columns.append(column)
                    derived.append(Plan.DeriveItem(name: item.name, expression: bound, replaces: nil))
                }
            }
            return make(.derive(input, derived), output)

        case .sort(let keys):
            let bound = try keys.map { Plan.SortItem(expression: try binder(schema).bind($0.expression), descending: $0.descending) }
            return make(.sort(input, bound, limit: nil), schema)

        case .take(let n):
            return make(.take(input, max(0, n)), schema)

        case .summarize(let aggregates, let groups):
            return try planSummarize(aggregates, groups, input, make)

        case .distinct(let expressions):
            if expressions.isEmpty { return make(.distinct(input, keys: nil), schema) }
            var columns: [PlanColumn] = []
            var keys: [BoundExpression] = []
            for expression in expressions {
                let bound = try binder(schema).bind(expression)
                if case .column = expression.kind, case .column(let index) = bound.kind {
                    var column = schema.columns[index]
                    if case .column(let reference) = expression.kind { column.name = reference.name }
                    columns.append(column)
                } else {
                    columns.append(PlanColumn(name: expression.suggestedName, type: bound.type, nullable: bound.nullable))
                }
                keys.append(bound)
            }
            return make(.distinct(input, keys: keys), Schema(columns))

        case .count:
            return make(.count(input), Schema([PlanColumn(name: "count", type: .integer, nullable: false)]))

        case .join(let join):
            return try planJoin(join, input, make)

        case .export:
            return input
        }
    }

    func planSummarize(_ aggregates: [NamedExpression], _ groups: [NamedExpression], _ input: Plan,
                       _ make: (Plan.Node, Schema) -> Plan) throws -> Plan {
        let schema = input.schema
        var groupColumns: [PlanColumn] = []
        var groupExpressions: [BoundExpression] = []
        var seen: [String: String] = [:]
        func claim(_ name: String, _ item: NamedExpression) throws {
            let written = label(item.nameRange.union(item.expression.range))
            if let first = seen[name] {
                throw Diagnostic(message: "column \"\(name)\" appears twice\(Self.both(first, written)); name one of them with NAME = …", range: item.nameRange.union(item.expression.range))
            }
            seen[name] = written
        }
        for group in groups {
            let bound = try binder(schema).bind(group.expression)
            var column = PlanColumn(name: group.name, type: bound.type, nullable: bound.nullable)
            if case .column(let reference) = group.expression.kind, !group.isExplicitlyNamed, case .column(let index) = bound.kind {
                column = PlanColumn(name: reference.name, origin: schema.columns[index].origin, type: bound.type, nullable: bound.nullable)
            }
            try claim(column.name, group)
            groupColumns.append(column)
            groupExpressions.append(bound)
        }
        let context = ExpressionBinder.SummarizeContext(groupSchema: Schema(groupColumns))
        var outputs: [BoundExpression] = []
        var outputColumns: [PlanColumn] = []
        for aggregate in aggregates {
            try claim(aggregate.name, aggregate)
            let before = context.calls.count
            let bound = try ExpressionBinder(schema: schema, source: source, summarizing: context).bind(aggregate.expression)
            guard context.calls.count > before else {
                throw Diagnostic(message: "summarize needs an aggregate such as count() or sum(x) here", range: aggregate.expression.range)
            }
            outputs.append(bound)
            outputColumns.append(PlanColumn(name: aggregate.name, type: bound.type, nullable: bound.nullable))
        }
        return make(.summarize(input, groups: groupExpressions, aggregates: context.calls, outputs: outputs), Schema(groupColumns + outputColumns))
    }

    func planJoin(_ join: Join, _ input: Plan, _ make: (Plan.Node, Schema) -> Plan) throws -> Plan {
        let right = try planSource(join.table)
        let rightName = join.alias ?? Self.sourceName(join.table)
        guard case .column(let leftReference) = join.leftKey.kind, case .column(let rightReference) = join.rightKey.kind else {
            throw Diagnostic(message: "join needs a column on each side of ==", range: join.leftKey.range.union(join.rightKey.range))
        }
        let leftIndex = try input.schema.resolve(leftReference, at: join.leftKey.range)
        let rightIndex: Int
        do {
            let reference = ColumnName(rightReference.name, qualifier: rightReference.qualifier == rightName ? nil : rightReference.qualifier)
            rightIndex = try right.schema.resolve(reference, at: join.rightKey.range)
        } catch var error as Diagnostic {
            error.message += " in \(rightName)"
            throw error
        }
        let leftType = input.schema.columns[leftIndex].type
        let rightType = right.schema.columns[rightIndex].type
        guard leftType == rightType || (leftType.isNumeric && rightType.isNumeric) || leftType == .null || rightType == .null else {
            throw Diagnostic(message: "cannot join \(leftType.article) column with \(rightType.article) column", range: join.leftKey.range.union(join.rightKey.range))
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
            if join.isLeft { copy.nullable = true }
            columns.append(copy)
        }
        var seen = Set<String>()
        for column in columns where !seen.insert(column.name).inserted {
            let message = join.alias == nil
                ? "both sides of the join would have a column \"\(column.name)\"; name the joined table: join … as \(rightName)2 on …"
                : "both sides of the join would have a column \"\(column.name)\"; choose another name after \"as\""
            throw Diagnostic(message: message, range: join.table.range)
        }
        var rightPlan = right
        rightPlan.label += join.alias.map { " as \($0)" } ?? ""
        let keys = Plan.JoinKeys(left: leftIndex, right: rightIndex, keepUnmatched: join.isLeft, rightName: rightName)
        return make(.join(input, rightPlan, keys), Schema(columns))
    }

    /// " (A and B)" naming both items that give a name, unless they read alike.
    static func both(_ first: String, _ second: String) -> String {
        first == second ? "" : " (\(first) and \(second))"
    }

    /// Every stage gives columns of different names: a second column of the
    /// same name could never be selected, and JSON would repeat a key.
    static func requireUniqueNames(_ schema: Schema, _ stage: Stage) throws {
        var seen = Set<String>()
        for name in schema.names where !seen.insert(name).inserted {
            throw Diagnostic(
                message: "\(stage.keyword) would give two columns named \"\(name)\"; name one of them with NAME = … (or qualify it: table.\(name))",
                range: stage.range
            )
        }
    }
}
