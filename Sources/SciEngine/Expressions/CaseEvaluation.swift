/// `case when … then … else … end`, evaluated arm by arm over the rows no
/// earlier arm took: a value is computed only for the rows that take its
/// arm, so `case when x != 0 then 100 / x end` or an overflow in an arm no
/// row takes is never an error, as in SQL. Arms are a loop, not recursion.
extension ExpressionEvaluator {
    func caseWhen(_ arms: [BoundExpression.Arm], _ otherwise: BoundExpression?, type: ValueType) throws -> Column {
        // Pieces of the result: each a column for some rows, by row number.
        var pieces: [(rows: [Int], column: Column)] = []
        // The rows no arm took yet, and an evaluator over just those.
        var remaining = Array(0..<table.rowCount)
        var current = self
        for arm in arms {
            if remaining.isEmpty { break }
            let condition = try current.condition(arm.condition)
            var truth = [Bool](repeating: false, count: remaining.count)
            if case .bool(let values) = condition.storage {
                for position in truth.indices { truth[position] = values[position] && !condition.isNull(position) }
            }
            var taken: [Int] = [], takenPositions: [Int] = []
            var left: [Int] = [], leftPositions: [Int] = []
            for (position, row) in remaining.enumerated() {
                try Cancellation.check(row: position)
                if truth[position] {
                    taken.append(row)
                    takenPositions.append(position)
                } else {
                    left.append(row)
                    leftPositions.append(position)
                }
            }
            guard !taken.isEmpty else { continue }
            let takers = left.isEmpty ? current : ExpressionEvaluator(table: try current.table.gatherChecked(takenPositions))
            pieces.append((taken, try takers.evaluate(arm.value).conformed(to: type)))
            if !left.isEmpty { current = ExpressionEvaluator(table: try current.table.gatherChecked(leftPositions)) }
            remaining = left
        }
        if !remaining.isEmpty {
            let rest = try otherwise.map { try current.evaluate($0).conformed(to: type) } ?? Column.nulls(of: type, count: remaining.count)
            pieces.append((remaining, rest))
        }
        return try assemble(pieces, type: type)
    }

    /// One column from pieces that together cover every row once.
    func assemble(_ pieces: [(rows: [Int], column: Column)], type: ValueType) throws -> Column {
        guard let first = pieces.first else { return Column.nulls(of: type, count: table.rowCount) }
        if pieces.count == 1 { return first.column }
        // Joined pairwise, so many small pieces cost n log n, not n².
        var columns = pieces.map(\.column)
        while columns.count > 1 {
            var next: [Column] = []
            next.reserveCapacity(columns.count / 2 + 1)
            var index = 0
            while index < columns.count {
                next.append(index + 1 < columns.count ? columns[index].appending(columns[index + 1]) : columns[index])
                index += 2
            }
            columns = next
        }
        var source = [Int](repeating: 0, count: table.rowCount)
        var offset = 0
        for piece in pieces {
            for (position, row) in piece.rows.enumerated() {
                try Cancellation.check(row: position)
                source[row] = offset + position
            }
            offset += piece.rows.count
        }
        return try columns[0].gatherChecked(source).conformed(to: type)
    }
}
