/// `describe`: a first look at a table, one row per column (DuckDB's
/// SUMMARIZE and pandas' describe are the models).
extension Stages {
    public static let describeColumns: [(name: String, type: ValueType)] = [
        ("column", .string), ("type", .string), ("count", .integer), ("nulls", .integer), ("distinct", .integer),
        ("min", .string), ("max", .string), ("mean", .decimal), ("stddev", .decimal), ("median", .decimal), ("top", .string),
    ]

    public static func describe(_ table: Table) -> Table {
        var builders = describeColumns.map { _ in ColumnBuilder() }
        for (field, column) in zip(table.fields, table.columns) {
            let n = table.rowCount
            let present = (0..<n).filter { !column.isNull($0) }
            // Distinct values and the most frequent one, from dense codes.
            let (codes, codeCount) = Grouping.denseCodes(column)
            var frequency = [Int](repeating: 0, count: codeCount)
            var firstRow = [Int](repeating: -1, count: codeCount)
            for row in present {
                let code = Int(codes[row])
                frequency[code] += 1
                if firstRow[code] < 0 { firstRow[code] = row }
            }
            var top = -1
            for code in 0..<codeCount where frequency[code] > 0 && (top < 0 || frequency[code] > frequency[top]) { top = code }
            // Min and max by the order keys that sort uses.
            let keys = SortKeys.orderKeys(column)
            var low = -1, high = -1
            for row in present {
                if low < 0 || keys[row] < keys[low] { low = row }
                if high < 0 || keys[row] > keys[high] { high = row }
            }
            var mean: Value = .null, deviation: Value = .null, median: Value = .null
            if column.type.isNumeric, let values = column.doubles, !present.isEmpty {
                let numbers = present.map { values[$0] }
                let average = numbers.reduce(0, +) / Double(numbers.count)
                mean = .decimal(DecimalFormat.roundedToShown(average))
                if numbers.count > 1 {
                    let squares = numbers.reduce(0) { $0 + ($1 - average) * ($1 - average) }
                    deviation = .decimal(DecimalFormat.roundedToShown((squares / Double(numbers.count - 1)).squareRoot()))
                }
                let sorted = numbers.sorted()
                let middle = sorted.count / 2
                median = .decimal(sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2)
            }
            let row: [Value] = [
                .string(field.name), .string(column.type.rawValue), .integer(Int64(present.count)), .integer(Int64(n - present.count)),
                .integer(Int64(frequency.filter { $0 > 0 }.count)),
                low < 0 ? .null : .string(column[low].description), high < 0 ? .null : .string(column[high].description),
                mean, deviation, median, top < 0 ? .null : .string(column[firstRow[top]].description),
            ]
            for (index, value) in row.enumerated() { _ = builders[index].append(value) }
        }
        let count = table.columns.count
        let columns = zip(describeColumns, builders).map { ($0.name, $1.build(count: count).conformed(to: $0.type)) }
        return Table(named: nil, columns: columns)
    }

    // sample N [seed S]: N rows drawn at random, in their incoming order;
    // the same seed draws the same rows.
    public static func sample(_ table: Table, _ n: Int, seed: UInt64?) -> Table {
        guard n < table.rowCount else { return table }
        var generator = SeededGenerator(seed: seed ?? UInt64.random(in: 0...UInt64.max))
        // Floyd's algorithm: n distinct rows without shuffling them all.
        var chosen = Set<Int>()
        for j in (table.rowCount - n)..<table.rowCount {
            let pick = Int(generator.next() % UInt64(j + 1))
            chosen.insert(chosen.contains(pick) ? j : pick)
        }
        return table.gather(chosen.sorted())
    }
}

/// SplitMix64: small, fast, and the same on every machine.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
