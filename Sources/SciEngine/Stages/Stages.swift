import SciLanguage

/// The stages as operations on whole tables, given expressions the planner
/// has already resolved and typed. The executor calls these in plan order.
public enum Stages {
    // where EXPR: keeps the rows where the condition is true.
    public static func filter(_ table: Table, _ condition: BoundExpression) throws -> Table {
        let result = try ExpressionEvaluator(table: table).condition(condition)
        let rows = Logic.selectedRows(result)
        if rows.count == table.rowCount { return table }
        return try table.gatherChecked(rows)
    }

    // select COL, NAME = EXPR, …: exactly these columns, in this order.
    public static func select(_ table: Table, _ items: [(field: Table.Field, expression: BoundExpression)]) throws -> Table {
        let evaluator = ExpressionEvaluator(table: table)
        let columns = try items.map { try evaluator.evaluate($0.expression) }
        return Table(fields: items.map(\.field), columns: columns, rowCount: table.rowCount)
    }

    // derive NAME = EXPR, …: adds columns, or replaces ones of the same
    // name; each expression reads the table as the items before it left it.
    public static func derive(_ table: Table, _ items: [(name: String, expression: BoundExpression)]) throws -> Table {
        var result = table
        for item in items {
            let column = try ExpressionEvaluator(table: result).evaluate(item.expression)
            result.setColumn(item.name, column)
        }
        return result
    }

    // sort KEY [asc|desc], …: stable, nulls last; with a limit, only the
    // first rows are kept and the rest are never sorted.
    public static func sort(_ table: Table, _ keys: [(expression: BoundExpression, descending: Bool)], limit: Int?) throws -> Table {
        let evaluator = ExpressionEvaluator(table: table)
        let columns = try keys.map { (try evaluator.evaluate($0.expression), $0.descending) }
        // A small limit keeps a heap: text is compared by its bytes there
        // instead of ranking every distinct string first.
        let sortKeys = try SortKeys.keys(columns, ranked: limit.map { $0 * 8 >= table.rowCount } ?? true)
        let rows = try limit.map { try SortKeys.topRows(sortKeys, rowCount: table.rowCount, limit: $0) }
            ?? SortKeys.sortedRows(sortKeys, rowCount: table.rowCount)
        return try table.gatherChecked(rows)
    }

    // distinct [COL, …]: one row per different combination, first seen
    // first; without columns, of whole rows.
    public static func distinct(_ table: Table, _ keys: [(field: Table.Field, expression: BoundExpression)]?) throws -> Table {
        guard let keys else {
            let grouping = try Grouping(keys: table.columns, rowCount: table.rowCount)
            return try table.gatherChecked(grouping.firstRows)
        }
        let evaluator = ExpressionEvaluator(table: table)
        let columns = try keys.map { try evaluator.evaluate($0.expression) }
        let grouping = try Grouping(keys: columns, rowCount: table.rowCount)
        return Table(fields: keys.map(\.field), columns: columns, rowCount: table.rowCount).gather(grouping.firstRows)
    }

    // take N by KEY, …: the first N rows of each group, in incoming order.
    public static func takePerGroup(_ table: Table, _ n: Int, keys: [BoundExpression]) throws -> Table {
        let evaluator = ExpressionEvaluator(table: table)
        let grouping = try Grouping(keys: try keys.map { try evaluator.evaluate($0) }, rowCount: table.rowCount)
        var seen = [Int](repeating: 0, count: grouping.groupCount)
        var rows: [Int] = []
        for (row, group) in grouping.groupOfRow.enumerated() where seen[Int(group)] < n {
            seen[Int(group)] += 1
            rows.append(row)
        }
        return rows.count == table.rowCount ? table : table.gather(rows)
    }

    // count: one row, one column, how many rows came in.
    public static func count(_ table: Table) -> Table {
        Table(named: nil, columns: [("count", Column(.integer([Int64(table.rowCount)])))])
    }
}

extension Stages {
    // sort KEY, … | take N by GROUP, …: the first N rows of each group in
    // sort order, without sorting the rest; the rows come out in sort order,
    // as the two stages one after the other give them.
    public static func topPerGroup(_ table: Table, order: [(expression: BoundExpression, descending: Bool)], n: Int, groups: [BoundExpression]) throws -> Table {
        let evaluator = ExpressionEvaluator(table: table)
        let keys = try SortKeys.keys(try order.map { (try evaluator.evaluate($0.expression), $0.descending) })
        let grouping = try Grouping(keys: try groups.map { try evaluator.evaluate($0) }, rowCount: table.rowCount)
        guard n > 0 else { return table.gather([]) }
        // Per group, a max-heap by sort order: the root is the worst row kept.
        var heaps = [[Int]](repeating: [], count: grouping.groupCount)
        for row in 0..<table.rowCount {
            try Cancellation.check(row: row)
            let group = Int(grouping.groupOfRow[row])
            if heaps[group].count < n {
                heaps[group].append(row)
                var child = heaps[group].count - 1
                while child > 0 {
                    let parent = (child - 1) / 2
                    guard SortKeys.less(keys, heaps[group][parent], heaps[group][child]) else { break }
                    heaps[group].swapAt(parent, child)
                    child = parent
                }
            } else if SortKeys.less(keys, row, heaps[group][0]) {
                heaps[group][0] = row
                var parent = 0
                let count = heaps[group].count
                while true {
                    let left = 2 * parent + 1
                    if left >= count { break }
                    var largest = left
                    if left + 1 < count, SortKeys.less(keys, heaps[group][left], heaps[group][left + 1]) { largest = left + 1 }
                    guard SortKeys.less(keys, heaps[group][parent], heaps[group][largest]) else { break }
                    heaps[group].swapAt(parent, largest)
                    parent = largest
                }
            }
        }
        var rows = heaps.flatMap { $0 }
        rows.sort { SortKeys.less(keys, $0, $1) }
        return table.gather(rows)
    }
}
