/// Accumulates boxed values into a typed column, one row at a time. Used
/// where rows are produced one by one: aggregates, JSON input, literals.
public struct ColumnBuilder {
    private var buffers = TypedBuffers(type: .null)
    private var nulls: [Bool] = []

    public init() {}

    /// Appends one value; false when its type cannot join the column's.
    public mutating func append(_ value: Value) -> Bool {
        if case .null = value {
            buffers.appendPlaceholder()
            nulls.append(true)
            return true
        }
        if buffers.type == .null {
            // Earlier nulls need placeholders in the new storage.
            buffers = TypedBuffers(type: value.type, placeholders: nulls.count)
        }
        if buffers.type == .integer, case .decimal = value {
            var widened = TypedBuffers(type: .decimal)
            widened.decimals = buffers.integers.map(Double.init)
            buffers = widened
        }
        switch (buffers.type, value) {
        case (.integer, .integer(let i)): buffers.integers.append(i)
        case (.decimal, .decimal(let d)): buffers.decimals.append(d)
        case (.decimal, .integer(let i)): buffers.decimals.append(Double(i))
        case (.string, .string(let s)): buffers.codes.append(Int32(truncatingIfNeeded: buffers.dictionary.intern(s)))
        case (.date, .date(let d)): buffers.dates.append(d)
        case (.timestamp, .timestamp(let t)): buffers.timestamps.append(t)
        case (.bool, .bool(let b)): buffers.bools.append(b)
        default: return false
        }
        nulls.append(false)
        return true
    }

    public func build(count: Int) -> Column {
        buffers.column(nulls: nulls, count: count)
    }
}
