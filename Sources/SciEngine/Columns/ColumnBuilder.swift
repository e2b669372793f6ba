/// Accumulates boxed values into a typed column, one row at a time. Used
/// where rows are produced one by one: aggregates, JSON input, literals.
public struct ColumnBuilder {
    private var type: ValueType = .null
    private var integers: [Int64] = []
    private var decimals: [Double] = []
    private var codes: [Int32] = []
    private var dictionary = StringDictionary()
    private var dates: [DateValue] = []
    private var bools: [Bool] = []
    private var nulls: [Bool] = []
    private var rows = 0

    public init() {}

    /// Appends one value; false when its type cannot join the column's.
    public mutating func append(_ value: Value) -> Bool {
        if case .null = value {
            nulls.append(true)
            switch type {
            case .integer: integers.append(0)
            case .decimal: decimals.append(0)
            case .string: codes.append(0)
            case .date: dates.append(DateValue(encoded: 0))
            case .bool: bools.append(false)
            case .null: break
            }
            rows += 1
            return true
        }
        if type == .null {
            type = value.type
            // Earlier nulls need placeholders in the new storage.
            switch type {
            case .integer: integers = [Int64](repeating: 0, count: rows)
            case .decimal: decimals = [Double](repeating: 0, count: rows)
            case .string: codes = [Int32](repeating: 0, count: rows)
            case .date: dates = [DateValue](repeating: DateValue(encoded: 0), count: rows)
            case .bool: bools = [Bool](repeating: false, count: rows)
            case .null: break
            }
        }
        if type == .integer, case .decimal = value {
            decimals = integers.map(Double.init)
            integers = []
            type = .decimal
        }
        switch (type, value) {
        case (.integer, .integer(let i)): integers.append(i)
        case (.decimal, .decimal(let d)): decimals.append(d)
        case (.decimal, .integer(let i)): decimals.append(Double(i))
        case (.string, .string(let s)): codes.append(Int32(truncatingIfNeeded: dictionary.intern(s)))
        case (.date, .date(let d)): dates.append(d)
        case (.bool, .bool(let b)): bools.append(b)
        default: return false
        }
        nulls.append(false)
        rows += 1
        return true
    }

    public func build(count: Int) -> Column {
        let mask = nulls.contains(true) ? nulls : nil
        switch type {
        case .integer: return Column(.integer(integers), nulls: mask)
        case .decimal: return Column(.decimal(decimals), nulls: mask)
        case .string: return Column(.string(codes: codes, dictionary: dictionary), nulls: mask)
        case .date: return Column(.date(dates), nulls: mask)
        case .bool: return Column(.bool(bools), nulls: mask)
        case .null: return Column(.null(count: count))
        }
    }
}
