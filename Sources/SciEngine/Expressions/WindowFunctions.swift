import SciLanguage

/// A function of a row's place in its partition (`window` only): declared,
/// like the scalar functions, with its signature, description, example and
/// typing in one place.
public struct WindowFunctionDeclaration: Sendable {
    public let name: String
    public let signature: String
    public let summary: String
    public let example: String
    public let arity: ClosedRange<Int>
    public let typing: @Sendable ([ArgumentType]) -> Typing
    let compute: @Sendable (WindowFrame, [Column], [Value?], SourceRange) throws -> Column
}

/// The rows of a table in partition order: `ordered` lists every row,
/// partition after partition, each partition in its sort order;
/// `partitions` are ranges of `ordered`; `peers` says where a row's order
/// keys equal the previous row's (for rank).
public struct WindowFrame: Sendable {
    public let rowCount: Int
    public let ordered: [Int]
    public let partitions: [Range<Int>]
    public let sameAsPrevious: [Bool]
}

public enum WindowFunctions {
    public static func declaration(named name: String) -> WindowFunctionDeclaration? {
        all.first { $0.name == name }
    }

    static let integerResult: @Sendable ([ArgumentType]) -> Typing = { _ in .result(.integer) }

    public static let all: [WindowFunctionDeclaration] = [
        WindowFunctionDeclaration(
            name: "row_number", signature: "row_number()", summary: "The row's place in its partition, from 1, in the window's sort order.",
            example: #"metrics | window by unit sort value desc n = row_number() | select unit, value, n | take 4"#,
            arity: 0...0, typing: integerResult, compute: { frame, _, _, _ in rankLike(frame) { position, _, _ in Int64(position + 1) } }),
        WindowFunctionDeclaration(
            name: "rank", signature: "rank()", summary: "1 plus the number of rows of the partition before this one in sort order; ties share a rank, and the next rank skips.",
            example: #"metrics | window by unit sort value desc r = rank() | select unit, value, r | take 4"#,
            arity: 0...0, typing: integerResult, compute: { frame, _, _, _ in rankLike(frame) { position, rank, _ in rank } }),
        WindowFunctionDeclaration(
            name: "dense_rank", signature: "dense_rank()", summary: "Like rank, but the next rank after a tie does not skip.",
            example: #"metrics | window sort unit r = dense_rank() | select unit, r | take 4"#,
            arity: 0...0, typing: integerResult, compute: { frame, _, _, _ in rankLike(frame) { _, _, dense in dense } }),
        WindowFunctionDeclaration(
            name: "lag", signature: "lag(x[, n[, default]])", summary: "x of the row n rows earlier in the partition (default 1); default (or null) where there is none.",
            example: #"events | window sort date previous = lag(date) | select date, previous | take 3"#,
            arity: 1...3, typing: shiftTyping, compute: { frame, columns, literals, range in try shift(frame, columns, literals, range, by: -1) }),
        WindowFunctionDeclaration(
            name: "lead", signature: "lead(x[, n[, default]])", summary: "x of the row n rows later in the partition (default 1); default (or null) where there is none.",
            example: #"events | window sort date next = lead(date) | select date, next | take 3"#,
            arity: 1...3, typing: shiftTyping, compute: { frame, columns, literals, range in try shift(frame, columns, literals, range, by: 1) }),
        WindowFunctionDeclaration(
            name: "cumsum", signature: "cumsum(number)", summary: "The running total of the partition up to this row, row by row in sort order (ties in incoming order); nulls add nothing.",
            example: #"metrics | where unit == "亩" | window sort value running = cumsum(value) | select value, running"#,
            arity: 1...1, typing: { Aggregates.numeric($0.first?.type, "cumsum") { $0 } }, compute: cumulativeSum),
        WindowFunctionDeclaration(
            name: "first", signature: "first(x)", summary: "x of the partition's first row in sort order.",
            example: #"metrics | window by unit sort value desc top = first(entity) | select unit, entity, top | take 3"#,
            arity: 1...1, typing: { .result($0.first?.type ?? .null) }, compute: { frame, columns, _, _ in edge(frame, columns[0], last: false) }),
        WindowFunctionDeclaration(
            name: "last", signature: "last(x)", summary: "x of the partition's last row in sort order.",
            example: #"metrics | window by unit sort value desc bottom = last(entity) | select unit, entity, bottom | take 3"#,
            arity: 1...1, typing: { .result($0.first?.type ?? .null) }, compute: { frame, columns, _, _ in edge(frame, columns[0], last: true) }),
        WindowFunctionDeclaration(
            name: "moving_avg", signature: "moving_avg(number, n)", summary: "The mean of the last n rows of the partition, this one included, in sort order (nulls left out; null when all are).",
            example: #"metrics | where unit == "亩" | window sort value avg2 = moving_avg(value, 2) | select value, avg2"#,
            arity: 2...2, typing: movingTyping, compute: movingAverage),
    ]

    static let shiftTyping: @Sendable ([ArgumentType]) -> Typing = { arguments in
        if arguments.count >= 2 {
            guard case .integer(let n)? = arguments[1].literal, n >= 0 else { return .wrongArgument(index: 1, expected: "a whole number of rows, 0 or more") }
        }
        guard arguments.count == 3 else { return .result(arguments[0].type) }
        return TypingRules.common([arguments[0].type, arguments[2].type], what: "the default of lag and lead")
    }

    static let movingTyping: @Sendable ([ArgumentType]) -> Typing = { arguments in
        guard case .integer(let n)? = arguments.last?.literal, n >= 1 else { return .wrongArgument(index: 1, expected: "a whole number of rows, 1 or more") }
        return Aggregates.numeric(arguments.first?.type, "moving_avg") { $0 == .float ? .float : .decimal }
    }

    /// row_number, rank and dense_rank: `value(position, rank, denseRank)`.
    static func rankLike(_ frame: WindowFrame, _ value: (Int, Int64, Int64) -> Int64) -> Column {
        var result = [Int64](repeating: 0, count: frame.rowCount)
        for partition in frame.partitions {
            var rank: Int64 = 1, dense: Int64 = 1
            for (position, index) in partition.enumerated() {
                if position > 0, !frame.sameAsPrevious[index] {
                    rank = Int64(position + 1)
                    dense += 1
                }
                result[frame.ordered[index]] = value(position, rank, dense)
            }
        }
        return Column(.integer(result))
    }

    static func shift(_ frame: WindowFrame, _ columns: [Column], _ literals: [Value?], _ range: SourceRange, by direction: Int) throws -> Column {
        let x = columns[0]
        var n = 1
        if literals.count >= 2, case .integer(let given)? = literals[1] { n = Int(clamping: given) }
        let fallback: Value = literals.count >= 3 ? (literals[2] ?? .null) : .null
        let fallbackColumn: Column? = columns.count >= 3 ? columns[2] : nil
        var picked = [Int](repeating: -1, count: frame.rowCount)
        for partition in frame.partitions {
            for index in partition {
                let other = index + direction * n
                if partition.contains(other) { picked[frame.ordered[index]] = frame.ordered[other] }
            }
        }
        let shifted = x.gather(picked)
        guard fallbackColumn != nil || !fallback.isNull else { return shifted }
        var builder = ColumnBuilder()
        for row in 0..<frame.rowCount {
            _ = builder.append(picked[row] >= 0 ? shifted[row] : (fallbackColumn?[row] ?? fallback))
        }
        return builder.build(count: frame.rowCount)
    }

    static func cumulativeSum(_ frame: WindowFrame, _ columns: [Column], _ literals: [Value?], _ range: SourceRange) throws -> Column {
        let x = columns[0]
        var nulls = [Bool](repeating: true, count: frame.rowCount)
        if let (values, scale) = Aggregates.exactUnits(x) {
            // Integers and decimals add exactly; a running total that does
            // not fit 64 bits is an overflow, as in sum.
            var result = [Int64](repeating: 0, count: frame.rowCount)
            // Partitions are independent: each on a core, writing its own rows.
            let inputNulls = x.nulls
            try result.withUnsafeMutableBufferPointer { result in
                try nulls.withUnsafeMutableBufferPointer { nulls in
                    let box = Parallel.Box((result, nulls))
                    try Parallel.forEach(Parallel.ranges(frame.partitions.count, minimum: 1)) { _, partitions, check in
                        let (result, nulls) = box.value
                        for partition in frame.partitions[partitions] {
                            var total: Int64 = 0, seen = false
                            for index in partition {
                                try check(row: index)
                                let row = frame.ordered[index]
                                if !(inputNulls?[row] ?? false) {
                                    let (sum, overflow) = total.addingReportingOverflow(values[row])
                                    if overflow || sum == .min { throw Diagnostic(message: scale == 0 ? "integer overflow in cumsum" : "decimal overflow in cumsum: the total needs more than 18 digits", range: range) }
                                    total = sum
                                    seen = true
                                }
                                result[row] = total
                                nulls[row] = !seen
                            }
                        }
                    }
                }
            }
            if case .decimal = x.storage { return Column(.decimal(result, scale: scale), nulls: nulls) }
            return Column(.integer(result), nulls: nulls)
        }
        if case .null = x.storage { return Column.nulls(of: .decimal, count: frame.rowCount) }
        let values = x.doubles ?? [Double](repeating: 0, count: frame.rowCount)
        var result = [Double](repeating: 0, count: frame.rowCount)
        for partition in frame.partitions {
            var total = 0.0, compensation = 0.0, seen = false
            for index in partition {
                let row = frame.ordered[index]
                if !x.isNull(row) {
                    // Kahan summation, as sum does.
                    let y = values[row] - compensation
                    let t = total + y
                    compensation = (t - total) - y
                    total = t
                    seen = true
                }
                result[row] = DecimalFormat.roundedToShown(total)
                nulls[row] = !seen
            }
        }
        return try Aggregates.floatColumn(result, nulls: nulls, "cumsum", range)
    }

    static func edge(_ frame: WindowFrame, _ x: Column, last: Bool) -> Column {
        var picked = [Int](repeating: -1, count: frame.rowCount)
        for partition in frame.partitions where !partition.isEmpty {
            let source = frame.ordered[last ? partition.upperBound - 1 : partition.lowerBound]
            for index in partition { picked[frame.ordered[index]] = source }
        }
        return x.gather(picked)
    }

    static func movingAverage(_ frame: WindowFrame, _ columns: [Column], _ literals: [Value?], _ range: SourceRange) throws -> Column {
        let x = columns[0]
        var n = 1
        if case .integer(let given)? = literals.last ?? nil { n = max(1, Int(clamping: given)) }
        if let (values, scale) = Aggregates.exactUnits(x) {
            // Exact totals over the window, each mean rounded as avg's.
            var numerators = [Int128](repeating: 0, count: frame.rowCount)
            var denominators = [Int64](repeating: 0, count: frame.rowCount)
            for partition in frame.partitions {
                var total: Int128 = 0, count: Int64 = 0
                for index in partition {
                    let row = frame.ordered[index]
                    if !x.isNull(row) { total += Int128(values[row]); count += 1 }
                    let leaving = index - n
                    if leaving >= partition.lowerBound {
                        let old = frame.ordered[leaving]
                        if !x.isNull(old) { total -= Int128(values[old]); count -= 1 }
                    }
                    numerators[row] = total
                    denominators[row] = count
                }
            }
            return try DecimalMeans.column(numerators, denominators, scale: scale)
        }
        if case .null = x.storage { return Column.nulls(of: .decimal, count: frame.rowCount) }
        let values = x.doubles ?? [Double](repeating: 0, count: frame.rowCount)
        var result = [Double](repeating: 0, count: frame.rowCount)
        var nulls = [Bool](repeating: true, count: frame.rowCount)
        for partition in frame.partitions {
            var total = 0.0, count = 0
            for index in partition {
                let row = frame.ordered[index]
                if !x.isNull(row) { total += values[row]; count += 1 }
                let leaving = index - n
                if leaving >= partition.lowerBound {
                    let old = frame.ordered[leaving]
                    if !x.isNull(old) { total -= values[old]; count -= 1 }
                }
                if count > 0 {
                    result[row] = DecimalFormat.roundedToShown(total / Double(count))
                    nulls[row] = false
                }
            }
        }
        return Column(.float(result), nulls: nulls)
    }
}
