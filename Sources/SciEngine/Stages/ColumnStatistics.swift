import SciLanguage

/// What `describe` tells of one column, each found in one or two passes
/// (and one sort for numbers and dates): a million rows take well under a
/// second. Rows are given by index, so values print as the column prints them.
struct ColumnStatistics {
    var count = 0
    var distinct = 0
    var min: Int?
    var max: Int?
    var mean: Double?
    var deviation: Double?
    var median: Double?
    /// The most frequent value's first row; among ties, the first seen.
    var mode: Int?

    init(_ column: Column) throws {
        let n = column.count
        var present: [Int] = []
        present.reserveCapacity(n)
        for row in 0..<n where !column.isNull(row) { present.append(row) }
        count = present.count
        guard !present.isEmpty else { return }
        if case .string(let codes, let list) = column.storage, !list.isUnique {
            try plainText(codes, list, present)
            return
        }
        if case .string(let codes, let dictionary) = column.storage {
            text(codes, dictionary, present)
            return
        }
        try ordered(column, present)
    }

    /// Text: one count per distinct string; among ties the first seen.
    mutating func text(_ codes: [Int32], _ dictionary: StringDictionary, _ present: [Int]) {
        var frequency = [Int](repeating: 0, count: dictionary.count)
        var firstRow = [Int](repeating: -1, count: dictionary.count)
        for row in present {
            let code = Int(codes[row])
            frequency[code] += 1
            if firstRow[code] < 0 { firstRow[code] = row }
        }
        var low = -1, high = -1, top = -1
        dictionary.bytes.withUnsafeBufferPointer { all in
            for code in 0..<dictionary.count where frequency[code] > 0 {
                distinct += 1
                if top < 0 || frequency[code] > frequency[top] || (frequency[code] == frequency[top] && firstRow[code] < firstRow[top]) { top = code }
                let start = dictionary.offsets[code], end = dictionary.offsets[code + 1]
                if low < 0 || StringDictionary.compareBytes(all, start, end, all, dictionary.offsets[low], dictionary.offsets[low + 1]) < 0 { low = code }
                if high < 0 || StringDictionary.compareBytes(all, start, end, all, dictionary.offsets[high], dictionary.offsets[high + 1]) > 0 { high = code }
            }
        }
        min = low < 0 ? nil : firstRow[low]
        max = high < 0 ? nil : firstRow[high]
        mode = top < 0 ? nil : firstRow[top]
    }

    /// Text kept as a plain list: each string's first occurrence in the
    /// list stands for all its repeats (no dictionary is built).
    mutating func plainText(_ codes: [Int32], _ list: StringDictionary, _ present: [Int]) throws {
        let first = try list.firstOccurrences()
        var frequency = [Int32](repeating: 0, count: list.count)
        var firstRow = [Int32](repeating: -1, count: list.count)
        for row in present {
            let key = Int(first[Int(codes[row])])
            frequency[key] += 1
            if firstRow[key] < 0 { firstRow[key] = Int32(truncatingIfNeeded: row) }
        }
        var low = -1, high = -1, top = -1
        list.bytes.withUnsafeBufferPointer { all in
            list.offsets.withUnsafeBufferPointer { offsets in
                for key in 0..<(offsets.count - 1) where frequency[key] > 0 {
                    distinct += 1
                    if top < 0 || frequency[key] > frequency[top] || (frequency[key] == frequency[top] && firstRow[key] < firstRow[top]) { top = key }
                    let start = offsets[key], end = offsets[key + 1]
                    if low < 0 || StringDictionary.compareBytes(all, start, end, all, offsets[low], offsets[low + 1]) < 0 { low = key }
                    if high < 0 || StringDictionary.compareBytes(all, start, end, all, offsets[high], offsets[high + 1]) > 0 { high = key }
                }
            }
        }
        min = low < 0 ? nil : Int(firstRow[low])
        max = high < 0 ? nil : Int(firstRow[high])
        mode = top < 0 ? nil : Int(firstRow[top])
    }

    /// Numbers, dates, true/false: order keys sorted once give the
    /// distinct count, the most frequent value and the median.
    mutating func ordered(_ column: Column, _ present: [Int]) throws {
        let keys = try SortKeys.orderKeys(column)
        var lowRow = present[0], highRow = present[0]
        for row in present {
            if keys[row] < keys[lowRow] { lowRow = row }
            if keys[row] > keys[highRow] { highRow = row }
        }
        min = lowRow
        max = highRow
        var sorted = present.map { keys[$0] }
        try RadixSort.sort(&sorted)
        var best = 0, bestKeys: [Int64] = []
        var index = 0
        while index < sorted.count {
            var end = index + 1
            while end < sorted.count, sorted[end] == sorted[index] { end += 1 }
            distinct += 1
            let run = end - index
            if run > best { best = run; bestKeys = [sorted[index]] } else if run == best { bestKeys.append(sorted[index]) }
            index = end
        }
        if best == 1 || bestKeys.count == 1 {
            let only = bestKeys.first
            mode = best == 1 ? present[0] : present.first { keys[$0] == only }
        } else {
            let ties = Set(bestKeys)
            mode = present.first { ties.contains(keys[$0]) }
        }
        guard column.type.isNumeric, let values = column.doubles else { return }
        var total = 0.0
        for row in present { total += values[row] }
        let average = total / Double(present.count)
        mean = average
        // As the stddev aggregate computes it (order-independent, and what
        // the SQL engines are given), not a second pass in row order.
        // The values in ascending order come from the keys sorted above: a
        // number's key is its value, its units or its bits in signed order
        // (their own inverse), so no second sort.
        let ascending: [Double]
        switch column.storage {
        case .integer: ascending = sorted.map(Double.init)
        case .decimal(_, let scale): ascending = sorted.map { ExactDecimal(units: $0, scale: scale).double }
        default: ascending = sorted.map { Double(bitPattern: UInt64(bitPattern: $0 < 0 ? $0 ^ Int64.max : $0)) }
        }
        if present.count > 1 {
            deviation = Aggregates.variance(ascending: ascending).squareRoot()
        }
        // The middle of the sorted values: integers' keys are the values.
        let middle = sorted.count / 2
        if case .integer = column.storage {
            median = sorted.count % 2 == 1 ? Double(sorted[middle]) : (Double(sorted[middle - 1]) + Double(sorted[middle])) / 2
        } else if case .decimal(_, let scale) = column.storage {
            // Decimals' keys are their units: no second sort. The midpoint of
            // two is divided as `/` divides (exact within 18 digits) before it
            // becomes a double, so 5.10 and 19.99 give 12.545, not
            // 12.544999999999998 — and the engines' median does the same.
            let high = ExactDecimal(units: sorted[middle], scale: scale).double
            if sorted.count % 2 == 1 {
                median = high
            } else {
                let total = Int128(sorted[middle - 1]) + Int128(sorted[middle])
                let midpoint = try? DecimalMeans.column([total], [2], scale: scale)
                median = midpoint?[0].asDouble ?? (ExactDecimal(units: sorted[middle - 1], scale: scale).double + high) / 2
            }
        } else {
            median = ascending.count % 2 == 1 ? ascending[middle] : (ascending[middle - 1] + ascending[middle]) / 2
        }
    }
}
