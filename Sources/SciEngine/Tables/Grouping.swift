/// Splits rows into groups of equal keys. Groups are numbered in order of
/// first appearance, so `summarize … by` and `distinct` keep the order in
/// which the data first showed each key. Null is a key like any other.
struct Grouping {
    /// The group of each row.
    var groupOfRow: [Int32]
    /// The first row of each group.
    var firstRows: [Int]

    var groupCount: Int { firstRows.count }

    init(groupOfRow: [Int32], firstRows: [Int]) {
        self.groupOfRow = groupOfRow
        self.firstRows = firstRows
    }

    /// Throws `Interrupted` on Ctrl-C (checked every few thousand rows).
    init(keys: [Column], rowCount: Int) throws {
        if keys.isEmpty {
            groupOfRow = [Int32](repeating: 0, count: rowCount)
            firstRows = rowCount > 0 ? [0] : []
            return
        }
        // Arrays of every row are made with a look at Ctrl-C as they are
        // filled: filling 20 M rows at once took a tenth of a second.
        var combined: [Int64] = []
        var cardinality: Int64 = 1
        for (index, key) in keys.enumerated() {
            let (codes, count) = try Grouping.denseCodes(key)
            try Cancellation.check()
            if index == 0 {
                combined = try codes.withUnsafeBufferPointer { codes in try Parallel.map(rowCount) { Int64(codes[$0]) } }
                cardinality = Int64(count)
            } else if cardinality <= Int64.max / Int64(max(count, 1)) / 2 {
                for i in 0..<rowCount {
                    try Cancellation.check(row: i)
                    combined[i] = combined[i] * Int64(count) + Int64(codes[i])
                }
                cardinality *= Int64(count)
            } else {
                // Too many combinations to multiply out: renumber first.
                let (renumbered, groups) = try Grouping.renumber(combined)
                for i in 0..<rowCount {
                    try Cancellation.check(row: i)
                    combined[i] = Int64(renumbered[i]) * Int64(count) + Int64(codes[i])
                }
                cardinality = Int64(groups) * Int64(count)
            }
        }
        var groups = try Parallel.map(rowCount) { _ in Int32(0) }
        var firsts: [Int] = []
        if cardinality <= 1 << 22 {
            var slot = [Int32](repeating: -1, count: Int(cardinality))
            for i in 0..<rowCount {
                try Cancellation.check(row: i)
                let key = Int(combined[i])
                if slot[key] < 0 {
                    slot[key] = Int32(firsts.count)
                    firsts.append(i)
                }
                groups[i] = slot[key]
            }
        } else {
            var slot = KeyNumbering()
            for i in 0..<rowCount {
                try Cancellation.check(row: i)
                let (group, isNew) = try slot.number(combined[i])
                if isNew { firsts.append(i) }
                groups[i] = group
            }
        }
        groupOfRow = groups
        firstRows = firsts
    }

    /// Numbers the distinct values 0..<count in order of first appearance.
    static func renumber(_ values: [Int64]) throws -> ([Int32], Int) {
        var seen = KeyNumbering()
        var result = [Int32](repeating: 0, count: values.count)
        for (i, v) in values.enumerated() {
            try Cancellation.check(row: i)
            result[i] = try seen.number(v).number
        }
        return (result, seen.count)
    }

    /// A small integer per row that is equal exactly when the values are
    /// equal (null gets its own), and how many such integers there are.
    static func denseCodes(_ column: Column) throws -> ([Int32], Int) {
        let column = try column.interned()
        let n = column.count
        switch column.storage {
        case .string(let codes, let dictionary):
            // Dictionary codes are already dense; null takes one more.
            var result = codes
            if let nulls = column.nulls {
                let nullCode = Int32(dictionary.count)
                for i in 0..<n where nulls[i] { result[i] = nullCode }
            }
            return (result, dictionary.count + 1)
        case .bool(let v):
            return ((0..<n).map { column.isNull($0) ? 2 : (v[$0] ? 1 : 0) }, 3)
        case .null:
            return ([Int32](repeating: 0, count: n), 1)
        default:
            let keys = try normalizedKeys(column)
            let (codes, count) = try renumber(keys)
            return (codes, count)
        }
    }

    /// Each value as an Int64 that is equal exactly when values are equal;
    /// nulls map to one reserved key.
    static func normalizedKeys(_ column: Column) throws -> [Int64] {
        let column = try column.interned()
        var keys: [Int64]
        switch column.storage {
        case .integer(let v): keys = v
        case .decimal(let v, _): keys = v
        case .float(let v): keys = v.map { Int64(bitPattern: ($0 == 0 ? 0.0 : $0).bitPattern) }
        case .date(let v): keys = v.map { Int64($0.encoded) }
        case .timestamp(let v): keys = v.map(\.seconds)
        case .bool(let v): keys = v.map { $0 ? 1 : 0 }
        case .string(let codes, _): keys = codes.map(Int64.init)
        case .null(let n): keys = [Int64](repeating: 0, count: n)
        }
        if let nulls = column.nulls {
            // Keep null apart from every real value by renumbering around it.
            let (codes, _) = try renumber(keys)
            keys = (0..<keys.count).map { nulls[$0] ? -1 : Int64(codes[$0]) }
        }
        return keys
    }
}
