import SciLanguage

extension Stages {
    // unpivot COL, … into NAME, VALUE: for each row, one row per listed
    // column that is not null; the other columns first.
    public static func unpivot(_ table: Table, columns: [Int], fields: [Table.Field]) throws -> Table {
        let kept = table.columns.indices.filter { !columns.contains($0) }
        var rows: [Int] = []
        var names = ColumnBuilder()
        var values = ColumnBuilder()
        for row in 0..<table.rowCount {
            try Cancellation.check(row: row)
            for index in columns where !table.columns[index].isNull(row) {
                rows.append(row)
                _ = names.append(.string(table.fields[index].name))
                // Integers go in as decimals where the other columns are decimals.
                var value = table.columns[index][row]
                if columns.contains(where: { table.columns[$0].type == .float }), let d = value.asDouble {
                    value = .float(d)
                } else if case .integer(let i) = value, columns.contains(where: { table.columns[$0].type == .decimal }) {
                    value = .decimal(ExactDecimal(i))
                }
                _ = values.append(value)
            }
        }
        let output = kept.map { table.columns[$0].gather(rows) } + [names.build(count: rows.count), values.build(count: rows.count)]
        return Table(fields: fields, columns: output, rowCount: rows.count)
    }

    // pivot COLUMN, AGG [by KEY, …]: one row per key group (one row in all
    // without keys), one column per value, in the order given.
    public static func pivot(_ table: Table, keys: [BoundExpression], column: BoundExpression, values: [Value],
                             aggregates: [AggregateCall], output: BoundExpression, fields: [Table.Field]) throws -> Table {
        let evaluator = ExpressionEvaluator(table: table)
        let keyColumns = try keys.map { try evaluator.evaluate($0) }
        let pivotColumn = try evaluator.evaluate(column)
        // The aggregate per (keys, value) group, as summarize computes it.
        let cells = try Grouping(keys: keyColumns + [pivotColumn], rowCount: table.rowCount)
        var scratch = Table(fields: (0...keys.count).map { Table.Field(name: "\u{1}key\($0)") },
                            columns: (keyColumns + [pivotColumn]).map { $0.gather(cells.firstRows) }, rowCount: cells.groupCount)
        for (index, call) in aggregates.enumerated() {
            let input = try call.argument.map { try evaluator.evaluate($0) }
            scratch.setColumn("\u{1}aggregate\(index)", try call.declaration.compute(input, cells, call.range).conformed(to: call.type))
        }
        let results = try ExpressionEvaluator(table: scratch).evaluate(output)
        // Rows: one per key group, first seen first.
        let rowsOf = try Grouping(keys: keyColumns, rowCount: table.rowCount)
        let rowCount = keys.isEmpty ? 1 : rowsOf.groupCount
        var position: [String: Int] = [:]
        for (index, value) in values.enumerated() { position[value.description] = index }
        // One array per value, not copies of one: the first write into a
        // shared one copies all its rows in a step Ctrl-C cannot enter.
        var grid = try (0..<values.count).map { _ in
            try Cancellation.check()
            return [Value](repeating: .null, count: rowCount)
        }
        defer { BackgroundRelease.release(grid, count: values.count * rowCount) }
        for cell in 0..<cells.groupCount {
            try Cancellation.check(row: cell)
            let first = cells.firstRows[cell]
            guard !pivotColumn.isNull(first), let index = position[pivotColumn[first].description] else { continue }
            let row = keys.isEmpty ? 0 : Int(rowsOf.groupOfRow[first])
            grid[index][row] = results[cell]
        }
        var columns = keyColumns.map { $0.gather(keys.isEmpty ? [] : rowsOf.firstRows) }
        for values in grid {
            var builder = ColumnBuilder()
            for (row, value) in values.enumerated() {
                try Cancellation.check(row: row)
                _ = builder.append(value)
            }
            columns.append(builder.build(count: rowCount).conformed(to: output.type))
        }
        return Table(fields: fields, columns: columns, rowCount: rowCount)
    }
}
