import SciLanguage

/// The stages that reshape rows without grouping them.
enum Stages {
    // where EXPR: keeps the rows where the condition is true.
    static func filter(_ table: Table, _ condition: Expression) throws -> Table {
        let result = try ExpressionEvaluator(table: table).condition(condition)
        let rows = Logic.selectedRows(result)
        if rows.count == table.rowCount { return table }
        return table.gather(rows)
    }

    // select COL, NAME = EXPR, …: exactly these columns, in this order.
    static func select(_ table: Table, _ items: [NamedExpression]) throws -> Table {
        let evaluator = ExpressionEvaluator(table: table)
        var fields: [Table.Field] = []
        var columns: [Column] = []
        var seen: [String: SourceRange] = [:]
        for item in items {
            var name = item.name
            if case .column(let reference) = item.expression.kind, !item.isExplicitlyNamed,
               let index = try? table.resolve(reference, at: item.expression.range) {
                name = table.fields[index].name
            }
            if seen[name] != nil {
                throw Diagnostic(message: "column \"\(name)\" is selected twice; name one of them with NAME = …", range: item.nameRange)
            }
            seen[name] = item.nameRange
            if case .column(let reference) = item.expression.kind, !item.isExplicitlyNamed {
                // A plain column keeps its origin, so `t.col` still resolves later.
                let index = try table.resolve(reference, at: item.expression.range)
                fields.append(table.fields[index])
                columns.append(table.columns[index])
            } else {
                fields.append(Table.Field(name: item.name))
                columns.append(try evaluator.evaluate(item.expression))
            }
        }
        return Table(fields: fields, columns: columns, rowCount: table.rowCount)
    }

    // derive NAME = EXPR, …: adds columns, or replaces ones of the same name;
    // each may use the ones before it.
    static func derive(_ table: Table, _ items: [NamedExpression]) throws -> Table {
        var result = table
        for item in items {
            let column = try ExpressionEvaluator(table: result).evaluate(item.expression)
            result.setColumn(item.name, column)
        }
        return result
    }

    // sort KEY [asc|desc], …: stable, nulls last.
    static func sort(_ table: Table, _ keys: [SortKey], limit: Int?) throws -> Table {
        let evaluator = ExpressionEvaluator(table: table)
        let columns = try keys.map { (try evaluator.evaluate($0.expression), $0.descending) }
        let sortKeys = SortKeys.keys(columns)
        let rows = limit.map { SortKeys.topRows(sortKeys, rowCount: table.rowCount, limit: $0) }
            ?? SortKeys.sortedRows(sortKeys, rowCount: table.rowCount)
        return table.gather(rows)
    }

    // distinct [COL, …]: one row per different combination, first seen first.
    static func distinct(_ table: Table, _ expressions: [Expression]) throws -> Table {
        let evaluator = ExpressionEvaluator(table: table)
        if expressions.isEmpty {
            let grouping = Grouping(keys: table.columns, rowCount: table.rowCount)
            return table.gather(grouping.firstRows)
        }
        var fields: [Table.Field] = []
        var columns: [Column] = []
        for expression in expressions {
            if case .column(let reference) = expression.kind {
                let index = try table.resolve(reference, at: expression.range)
                fields.append(Table.Field(name: reference.name, origin: table.fields[index].origin))
                columns.append(table.columns[index])
            } else {
                fields.append(Table.Field(name: expression.suggestedName))
                columns.append(try evaluator.evaluate(expression))
            }
        }
        let grouping = Grouping(keys: columns, rowCount: table.rowCount)
        return Table(fields: fields, columns: columns, rowCount: table.rowCount).gather(grouping.firstRows)
    }
}
