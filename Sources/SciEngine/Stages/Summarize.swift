import SciLanguage

extension Stages {
    // summarize [NAME =] AGG, … [by KEY, …]: one row per group (one row in
    // all without `by`), the keys first, then each aggregate. An aggregate
    // expression may combine aggregates: `round(avg(value), 1)`.
    static func summarize(_ table: Table, _ aggregates: [NamedExpression], _ groups: [NamedExpression]) throws -> Table {
        let evaluator = ExpressionEvaluator(table: table)
        var keyFields: [Table.Field] = []
        var keyColumns: [Column] = []
        for group in groups {
            if case .column(let reference) = group.expression.kind, !group.isExplicitlyNamed {
                let index = try table.resolve(reference, at: group.expression.range)
                keyFields.append(Table.Field(name: reference.name, origin: table.fields[index].origin))
                keyColumns.append(table.columns[index])
            } else {
                keyFields.append(Table.Field(name: group.name))
                keyColumns.append(try evaluator.evaluate(group.expression))
            }
        }
        let grouping = Grouping(keys: keyColumns, rowCount: table.rowCount)
        // Without `by`, an empty input still gives one row (count 0).
        let groupCount = groups.isEmpty ? 1 : grouping.groupCount
        let effective = groups.isEmpty
            ? Grouping(groupOfRow: grouping.groupOfRow, firstRows: [0])
            : grouping
        var groupTable = Table(
            fields: keyFields,
            columns: keyColumns.map { $0.gather(groups.isEmpty ? [] : grouping.firstRows) },
            rowCount: groupCount
        )
        var names: [String: SourceRange] = [:]
        for key in keyFields { names[key.name] = SourceRange.none }
        var outputs: [(String, Column)] = []
        for (index, aggregate) in aggregates.enumerated() {
            if names[aggregate.name] != nil {
                throw Diagnostic(message: "column \"\(aggregate.name)\" appears twice; name one of them with NAME = …", range: aggregate.nameRange)
            }
            names[aggregate.name] = aggregate.nameRange
            var computed: [(String, Column)] = []
            let rewritten = try rewrite(aggregate.expression, prefix: "\u{1}agg\(index)_", table: table, evaluator: evaluator, grouping: effective, keys: Set(keyFields.map(\.name)), computed: &computed)
            guard !computed.isEmpty else {
                throw Diagnostic(message: "summarize needs an aggregate such as count() or sum(x) here", range: aggregate.expression.range)
            }
            var scratch = groupTable
            for (name, column) in computed { scratch.setColumn(name, column) }
            let column = try ExpressionEvaluator(table: scratch).evaluate(rewritten)
            outputs.append((aggregate.name, column))
        }
        for (name, column) in outputs { groupTable.setColumn(name, column) }
        return groupTable
    }

    /// Replaces each aggregate call with a reference to a column of its
    /// per-group results; what is left must be group keys and constants.
    static func rewrite(_ expression: Expression, prefix: String, table: Table, evaluator: ExpressionEvaluator,
                        grouping: Grouping, keys: Set<String>, computed: inout [(String, Column)]) throws -> Expression {
        func recurse(_ e: Expression) throws -> Expression {
            try rewrite(e, prefix: prefix, table: table, evaluator: evaluator, grouping: grouping, keys: keys, computed: &computed)
        }
        switch expression.kind {
        case .call(let name, let nameRange, let arguments):
            if let aggregate = Aggregates.declaration(named: name) {
                guard aggregate.arity.contains(arguments.count) else {
                    throw Diagnostic(message: "\(name) takes \(aggregate.arity.lowerBound == aggregate.arity.upperBound ? "\(aggregate.arity.lowerBound)" : "\(aggregate.arity.lowerBound) or \(aggregate.arity.upperBound)") argument(s): \(aggregate.signature)", range: expression.range)
                }
                for argument in arguments where containsAggregate(argument) {
                    throw Diagnostic(message: "an aggregate cannot contain another aggregate", range: argument.range)
                }
                let input = try arguments.first.map { try evaluator.evaluate($0) }
                let column = try aggregate.compute(input, grouping, expression.range)
                let syntheticName = "\(prefix)\(computed.count)"
                computed.append((syntheticName, column))
                return Expression(.column(ColumnName(syntheticName)), expression.range)
            }
            if Functions.declaration(named: name) == nil {
                let known = Functions.all.map(\.name) + Aggregates.all.map(\.name)
                throw Diagnostic(message: Suggestion.message("unknown function \"\(name)\"", for: name, in: known), range: nameRange)
            }
            return Expression(.call(name: name, nameRange: nameRange, arguments: try arguments.map(recurse)), expression.range)
        case .column(let reference):
            // Only a group key may stand outside an aggregate.
            if reference.qualifier == nil, keys.contains(reference.name) { return expression }
            _ = try table.resolve(reference, at: expression.range)
            throw Diagnostic(message: "column \"\(reference)\" must be inside an aggregate such as sum(\(reference)), or listed after \"by\"", range: expression.range)
        case .literal:
            return expression
        case .unary(let op, let inner):
            return Expression(.unary(op, try recurse(inner)), expression.range)
        case .binary(let op, let a, let b):
            return Expression(.binary(op, try recurse(a), try recurse(b)), expression.range)
        case .membership(let subject, let items, let negated):
            return Expression(.membership(try recurse(subject), try items.map(recurse), negated: negated), expression.range)
        case .nullTest(let subject, let negated):
            return Expression(.nullTest(try recurse(subject), negated: negated), expression.range)
        }
    }

    static func containsAggregate(_ expression: Expression) -> Bool {
        switch expression.kind {
        case .call(let name, _, let arguments):
            return Aggregates.declaration(named: name) != nil || arguments.contains(where: containsAggregate)
        case .unary(_, let inner): return containsAggregate(inner)
        case .binary(_, let a, let b): return containsAggregate(a) || containsAggregate(b)
        case .membership(let s, let items, _): return containsAggregate(s) || items.contains(where: containsAggregate)
        case .nullTest(let s, _): return containsAggregate(s)
        case .column, .literal: return false
        }
    }
}
