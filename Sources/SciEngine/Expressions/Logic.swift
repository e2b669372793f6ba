/// SQL's three-valued logic: null means "unknown". `false and null` is false,
/// `true or null` is true, everything else involving null is null; `where`
/// keeps only rows whose condition is true.
enum Logic {
    /// (value, isNull) for each row of a bool or null column.
    static func flags(_ column: Column) -> ([Bool], [Bool]) {
        switch column.storage {
        case .bool(let v): return (v, column.nulls ?? [Bool](repeating: false, count: v.count))
        default: return ([Bool](repeating: false, count: column.count), [Bool](repeating: true, count: column.count))
        }
    }

    static func and(_ a: Column, _ b: Column) -> Column {
        let (av, an) = flags(a)
        let (bv, bn) = flags(b)
        var values = [Bool](repeating: false, count: av.count)
        var nulls = [Bool](repeating: false, count: av.count)
        for i in 0..<av.count {
            let aFalse = !an[i] && !av[i]
            let bFalse = !bn[i] && !bv[i]
            if aFalse || bFalse { continue }
            if an[i] || bn[i] { nulls[i] = true } else { values[i] = true }
        }
        return Column(.bool(values), nulls: nulls)
    }

    static func or(_ a: Column, _ b: Column) -> Column {
        let (av, an) = flags(a)
        let (bv, bn) = flags(b)
        var values = [Bool](repeating: false, count: av.count)
        var nulls = [Bool](repeating: false, count: av.count)
        for i in 0..<av.count {
            if (!an[i] && av[i]) || (!bn[i] && bv[i]) { values[i] = true; continue }
            if an[i] || bn[i] { nulls[i] = true }
        }
        return Column(.bool(values), nulls: nulls)
    }

    static func not(_ a: Column) -> Column {
        let (av, an) = flags(a)
        return Column(.bool(av.map { !$0 }), nulls: an)
    }

    /// The rows where a condition is true (not false, not null).
    static func selectedRows(_ condition: Column) -> [Int] {
        guard case .bool(let values) = condition.storage else { return [] }
        var rows: [Int] = []
        rows.reserveCapacity(values.count / 4)
        if let nulls = condition.nulls {
            for i in 0..<values.count where values[i] && !nulls[i] { rows.append(i) }
        } else {
            for i in 0..<values.count where values[i] { rows.append(i) }
        }
        return rows
    }
}
