import SciLanguage

/// One window function or aggregate inside a `window` stage: the planner
/// found it in an item's expression; the item reads its result as a column.
public struct WindowCall: Sendable {
    public enum Function: Sendable {
        case window(WindowFunctionDeclaration)
        /// An aggregate over the whole partition.
        case aggregate(AggregateDeclaration)
    }

    public let function: Function
    public let arguments: [BoundExpression]
    public let range: SourceRange
    public let type: ValueType

    public init(function: Function, arguments: [BoundExpression], range: SourceRange, type: ValueType) {
        self.function = function
        self.arguments = arguments
        self.range = range
        self.type = type
    }

    public var name: String {
        switch function {
        case .window(let declaration): return declaration.name
        case .aggregate(let declaration): return declaration.name
        }
    }
}

extension Stages {
    // window [by KEY, …] [sort KEY, …] NAME = EXPR, …: adds columns computed
    // over each row's partition in the given order; the rows keep their
    // incoming order. Each item reads the incoming columns and its calls'
    // results (the table's columns, then one per call).
    public static func window(
        _ table: Table,
        partition: [BoundExpression],
        order: [(expression: BoundExpression, descending: Bool)],
        calls: [WindowCall],
        items: [(name: String, expression: BoundExpression)]
    ) throws -> Table {
        let evaluator = ExpressionEvaluator(table: table)
        let grouping = try Grouping(keys: try partition.map { try evaluator.evaluate($0) }, rowCount: table.rowCount)
        let sortKeys = try SortKeys.keys(try order.map { (try evaluator.evaluate($0.expression), $0.descending) })
        let frame = try windowFrame(grouping, sortKeys, rowCount: table.rowCount)
        var scratch = table
        for (index, call) in calls.enumerated() {
            try Cancellation.check()
            let arguments = try call.arguments.map { try evaluator.evaluate($0) }
            let column: Column
            switch call.function {
            case .window(let declaration):
                let literals: [Value?] = call.arguments.map { if case .literal(let value) = $0.kind { return value } else { return nil } }
                column = try declaration.compute(frame, arguments, literals, call.range)
            case .aggregate(let declaration):
                let perGroup = try declaration.compute(arguments.first, grouping, call.range)
                try Cancellation.check()
                column = perGroup.gather(grouping.groupOfRow.map(Int.init))
            }
            scratch.setColumn("\u{1}window\(index)", column.conformed(to: call.type))
        }
        let itemEvaluator = ExpressionEvaluator(table: scratch)
        var result = table
        for item in items { result.setColumn(item.name, try itemEvaluator.evaluate(item.expression)) }
        return result
    }

    /// Rows partition after partition (partitions in order of first
    /// appearance), each in sort order, stable.
    static func windowFrame(_ grouping: Grouping, _ keys: [SortKeys.Key], rowCount: Int) throws -> WindowFrame {
        if rowCount <= Int(UInt32.max), let (packed, bits) = try PackedOrder.keys(keys, rowCount: rowCount) {
            return try packedFrame(grouping, packed, bits: bits, rowCount: rowCount)
        }
        return try comparisonFrame(grouping, keys, rowCount: rowCount)
    }

    /// The frame by a comparison sort of each partition: for keys that do
    /// not pack into 64 bits.
    static func comparisonFrame(_ grouping: Grouping, _ keys: [SortKeys.Key], rowCount: Int) throws -> WindowFrame {
        // Counting sort by partition keeps the incoming order within each.
        var starts = [Int](repeating: 0, count: grouping.groupCount + 1)
        for group in grouping.groupOfRow { starts[Int(group) + 1] += 1 }
        for g in 0..<grouping.groupCount { starts[g + 1] += starts[g] }
        var fill = starts
        var ordered = [Int](repeating: 0, count: rowCount)
        for (row, group) in grouping.groupOfRow.enumerated() {
            try Cancellation.check(row: row)
            ordered[fill[Int(group)]] = row
            fill[Int(group)] += 1
        }
        let partitions = (0..<grouping.groupCount).map { starts[$0]..<starts[$0 + 1] }
        var sameAsPrevious = [Bool](repeating: true, count: rowCount)
        if !keys.isEmpty {
            var comparisons = 0
            for partition in partitions where partition.count > 1 {
                try ordered[partition].sort {
                    try Cancellation.check(row: comparisons)
                    comparisons &+= 1
                    return SortKeys.less(keys, $0, $1)
                }
            }
            for partition in partitions {
                for index in partition.dropFirst() {
                    try Cancellation.check(row: index)
                    let a = ordered[index - 1], b = ordered[index]
                    sameAsPrevious[index] = !SortKeys.less(keys, a, b, tieBreak: false) && !SortKeys.less(keys, b, a, tieBreak: false)
                }
            }
        }
        return WindowFrame(rowCount: rowCount, ordered: ordered, partitions: partitions, sameAsPrevious: sameAsPrevious)
    }

    /// The frame from packed keys: partitions laid out by a counting sort,
    /// each then radix-sorted on its own core; peers are equal packed keys.
    static func packedFrame(_ grouping: Grouping, _ packed: [UInt64], bits: Int, rowCount: Int) throws -> WindowFrame {
        let (ordered, starts, same) = try PackedOrder.frame(groups: grouping.groupOfRow, groupCount: grouping.groupCount, packed: packed, bits: bits)
        let partitions = (0..<grouping.groupCount).map { starts[$0]..<starts[$0 + 1] }
        return WindowFrame(rowCount: rowCount, ordered: ordered, partitions: partitions, sameAsPrevious: same)
    }
}
