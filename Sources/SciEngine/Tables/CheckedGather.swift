extension Table {
    /// `gather`, a column at a time, each looking at Ctrl-C as it goes: a
    /// join's result of tens of millions of rows takes a tenth of a second
    /// or more per column, too long to go without a look.
    public func gatherChecked(_ indices: [Int]) throws -> Table {
        var gathered: [Column] = []
        gathered.reserveCapacity(columns.count)
        let hasMissing = try Column.hasMissing(indices)
        for column in columns {
            try Cancellation.check()
            gathered.append(try column.gatherChecked(indices, hasMissing: hasMissing))
        }
        return Table(fields: fields, columns: gathered, rowCount: indices.count)
    }
}

extension Column {
    /// The same as `gather`, with a look at Ctrl-C every `Cancellation.stride`
    /// rows.
    public func gatherChecked(_ indices: [Int]) throws -> Column {
        try gatherChecked(indices, hasMissing: Self.hasMissing(indices))
    }

    /// Whether any index is -1 (a row that takes nulls), looked for once per
    /// table rather than once per column.
    static func hasMissing(_ indices: [Int]) throws -> Bool {
        for (row, index) in indices.enumerated() where index < 0 || row & (Cancellation.stride - 1) == 0 {
            try Cancellation.check(row: row)
            if index < 0 { return true }
        }
        return false
    }

    func gatherChecked(_ indices: [Int], hasMissing: Bool) throws -> Column {
        var newNulls: [Bool]? = nil
        if nulls != nil || hasMissing {
            let flags = nulls
            newNulls = try Self.pick(indices, count: indices.count) { $0 < 0 || (flags?[$0] ?? false) }
        }
        func pick<T>(_ values: [T], _ filler: T) throws -> [T] {
            try values.withUnsafeBufferPointer { source in
                try Self.pick(indices, count: indices.count) { $0 < 0 ? filler : source[$0] }
            }
        }
        switch storage {
        case .integer(let v): return Column(.integer(try pick(v, 0)), nulls: newNulls)
        case .decimal(let v, let scale): return Column(.decimal(try pick(v, 0), scale: scale), nulls: newNulls)
        case .float(let v): return Column(.float(try pick(v, 0)), nulls: newNulls)
        case .string(let codes, let dictionary):
            return Column(.string(codes: try pick(codes, 0), dictionary: dictionary), nulls: newNulls)
        case .date(let v): return Column(.date(try pick(v, DateValue(encoded: 0))), nulls: newNulls)
        case .timestamp(let v): return Column(.timestamp(try pick(v, TimestampValue(seconds: 0))), nulls: newNulls)
        case .bool(let v): return Column(.bool(try pick(v, false)), nulls: newNulls)
        case .null: return Column(.null(count: indices.count))
        }
    }

    /// `indices.map(value)` on every core, looking at Ctrl-C.
    static func pick<T>(_ indices: [Int], count: Int, _ value: (Int) -> T) throws -> [T] {
        try indices.withUnsafeBufferPointer { indices in try Parallel.map(count) { value(indices[$0]) } }
    }
}
