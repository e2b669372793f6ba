/// What an expression evaluates to: a whole column, or one value that stands
/// for every row (a literal). Keeping literals unexpanded lets `value > 3`
/// compare a column to a number without building a column of threes.
enum Operand {
    case column(Column)
    case scalar(Value)

    var type: ValueType {
        switch self {
        case .column(let c): return c.type
        case .scalar(let v): return v.type
        }
    }

    func materialize(count: Int) -> Column {
        switch self {
        case .column(let c): return c
        case .scalar(let v): return .repeating(v, count: count)
        }
    }

    /// Null flags per row, or nil when no row is null.
    func nulls(count: Int) -> [Bool]? {
        switch self {
        case .column(let c):
            if case .null = c.storage { return [Bool](repeating: true, count: count) }
            return c.nulls
        case .scalar(let v): return v.isNull ? [Bool](repeating: true, count: count) : nil
        }
    }
}

/// Null flags of a result that is null wherever either input is.
func unionNulls(_ a: [Bool]?, _ b: [Bool]?) -> [Bool]? {
    switch (a, b) {
    case (nil, nil): return nil
    case (let x?, nil): return x
    case (nil, let y?): return y
    case (let x?, let y?): return zip(x, y).map { $0 || $1 }
    }
}
