import Dispatch

/// `describe`: a first look at a table, one row per column (DuckDB's
/// SUMMARIZE and pandas' describe are the models).
extension Stages {
    public static let describeColumns: [(name: String, type: ValueType)] = [
        ("column", .string), ("type", .string), ("count", .integer), ("nulls", .integer), ("distinct", .integer),
        ("min", .string), ("max", .string), ("mean", .float), ("stddev", .float), ("median", .float), ("top", .string),
    ]

    public static func describe(_ table: Table) throws -> Table {
        var builders = describeColumns.map { _ in ColumnBuilder() }
        // Each column's statistics on its own core, when the columns are long
        // enough to pay for the threads (a table of a few hundred rows is
        // described faster here, and leaves no work queued on other threads).
        var all = [ColumnStatistics?](repeating: nil, count: table.columns.count)
        if table.rowCount < 1 << 15 {
            for (index, column) in table.columns.enumerated() { all[index] = try ColumnStatistics(column) }
        } else {
            // The calling thread's share of the columns looks at Ctrl-C (binding
            // the task-local check again on a worker thread crashes the runtime).
            all.withUnsafeMutableBufferPointer { slots in
                // Each worker writes its own slot only.
                let box = SlotsBox(slots: slots)
                DispatchQueue.concurrentPerform(iterations: table.columns.count) { index in
                    box.slots[index] = try? ColumnStatistics(table.columns[index])
                }
            }
        }
        // Only an interruption leaves a slot empty.
        try Cancellation.check()
        for (index, (field, column)) in zip(table.fields, table.columns).enumerated() {
            guard let statistics = all[index] else { continue }
            let row: [Value] = [
                .string(field.name), .string(column.type.rawValue), .integer(Int64(statistics.count)),
                .integer(Int64(column.count - statistics.count)), .integer(Int64(statistics.distinct)),
                statistics.min.map { .string(column[$0].description) } ?? .null,
                statistics.max.map { .string(column[$0].description) } ?? .null,
                statistics.mean.map { .float(checked: DecimalFormat.roundedToShown($0)) } ?? .null,
                statistics.deviation.map { .float(checked: DecimalFormat.roundedToShown($0)) } ?? .null,
                statistics.median.map { .float(checked: $0) } ?? .null,
                statistics.mode.map { .string(column[$0].description) } ?? .null,
            ]
            for (index, value) in row.enumerated() { _ = builders[index].append(value) }
        }
        let count = table.columns.count
        let columns = zip(describeColumns, builders).map { ($0.name, $1.build(count: count).conformed(to: $0.type)) }
        return Table(named: nil, columns: columns)
    }
}

/// SplitMix64: small, fast, and the same on every machine (the property
/// tests' random tables).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The result slots of a parallel loop, each written by one worker.
private struct SlotsBox: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<ColumnStatistics?>
}
