/// Rows ordered by partition, then by sort keys packed into one unsigned
/// integer each: the window stage's frame without a comparison per pair of
/// rows. Each key is taken relative to its smallest value and given only
/// the bits its range needs (one more value for null, which sorts last as
/// in `SortKeys.less`); when they do not fit 64 bits together, `nil` says
/// to use the comparison sort instead. Rows are first laid out partition
/// by partition (a counting sort), then each partition is radix-sorted on
/// its own core. Both sorts are stable, so ties keep the incoming order.
enum PackedOrder {
    /// The packed key of every row: equal packed keys are equal keys.
    static func keys(_ keys: [SortKeys.Key], rowCount: Int) throws -> (packed: [UInt64], bits: Int)? {
        guard keys.allSatisfy({ $0.dictionary == nil && $0.values.count == rowCount }) else { return nil }
        var packed = [UInt64](repeating: 0, count: rowCount)
        var bits = 0
        for key in keys {
            try Cancellation.check()
            var low = Int64.max, high = Int64.min, anyNull = false
            key.values.withUnsafeBufferPointer { values in
                for row in 0..<rowCount {
                    if let nulls = key.nulls, nulls[row] { anyNull = true; continue }
                    low = min(low, values[row])
                    high = max(high, values[row])
                }
            }
            if low > high { low = 0; high = 0 }
            let span = UInt64(bitPattern: high) &- UInt64(bitPattern: low)
            if anyNull && span == .max { return nil }
            let width = bitsFor(anyNull ? span + 1 : span)
            guard bits + width <= 64 else { return nil }
            let nullValue = span &+ 1
            if width > 0 {
                key.values.withUnsafeBufferPointer { values in
                    for row in 0..<rowCount {
                        let value = key.nulls?[row] ?? false ? nullValue : UInt64(bitPattern: values[row]) &- UInt64(bitPattern: low)
                        packed[row] = packed[row] << UInt64(width) | value
                    }
                }
            }
            bits += width
        }
        return (packed, bits)
    }

    static func bitsFor(_ largest: UInt64) -> Int { 64 - largest.leadingZeroBitCount }

    /// Rows partition by partition (in group number order), each in packed
    /// key order, with where each partition starts and whether each
    /// position's key equals the one before it in its partition.
    static func frame(groups: [Int32], groupCount: Int, packed: [UInt64], bits: Int) throws -> (ordered: [Int], starts: [Int], same: [Bool]) {
        let n = packed.count
        var starts = [Int](repeating: 0, count: groupCount + 1)
        for group in groups { starts[Int(group) + 1] += 1 }
        for g in 0..<groupCount { starts[g + 1] += starts[g] }
        // Partition by partition, in incoming order within each.
        var rows = [UInt32](repeating: 0, count: n)
        var keys = [UInt64](repeating: 0, count: n)
        var fill = starts
        for row in 0..<n {
            try Cancellation.check(row: row)
            let at = fill[Int(groups[row])]
            rows[at] = UInt32(truncatingIfNeeded: row)
            keys[at] = packed[row]
            fill[Int(groups[row])] = at + 1
        }
        var same = [Bool](repeating: true, count: n)
        try rows.withUnsafeMutableBufferPointer { rows in
            try keys.withUnsafeMutableBufferPointer { keys in
                try same.withUnsafeMutableBufferPointer { same in
                    let box = Parallel.Box((rows, keys, same))
                    // Partitions handed out one at a time, largest work first.
                    let sizes: [Int] = (0..<groupCount).map { starts[$0 + 1] - starts[$0] }
                    let order: [Int] = (0..<groupCount).sorted { sizes[$0] > sizes[$1] }
                    try Parallel.forEach(order.map { $0..<$0 + 1 }) { _, group, check in
                        let (rows, keys, same) = box.value
                        let range = starts[group.lowerBound]..<starts[group.lowerBound + 1]
                        try radixSort(UnsafeMutableBufferPointer(rebasing: keys[range]), UnsafeMutableBufferPointer(rebasing: rows[range]), bits: bits, check: check)
                        for index in range.dropFirst() { same[index] = keys[index] == keys[index - 1] }
                    }
                }
            }
        }
        return (rows.map(Int.init), starts, same)
    }

    /// Sorts `keys` (and `rows` alongside), stable, on the low `bits` bits,
    /// at most twelve bits a pass.
    static func radixSort(_ keys: UnsafeMutableBufferPointer<UInt64>, _ rows: UnsafeMutableBufferPointer<UInt32>, bits: Int, check: Parallel.Check) throws {
        let n = keys.count
        guard bits > 0, n > 1 else { return }
        let passes = (bits + 11) / 12
        let digit = (bits + passes - 1) / passes
        let buckets = 1 << digit
        let mask = UInt64(buckets - 1)
        let otherKeys = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: n)
        let otherRows = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: n)
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: buckets)
        defer {
            otherKeys.deallocate()
            otherRows.deallocate()
            counts.deallocate()
        }
        var (fromKeys, fromRows, toKeys, toRows) = (keys, rows, otherKeys, otherRows)
        for pass in 0..<passes {
            try check(row: 0)
            let shift = UInt64(pass * digit)
            counts.initialize(repeating: 0)
            for i in 0..<n { counts[Int((fromKeys[i] &>> shift) & mask)] += 1 }
            var total = 0
            for k in 0..<buckets {
                let c = counts[k]
                counts[k] = total
                total += c
            }
            for i in 0..<n {
                let key = fromKeys[i]
                let b = Int((key &>> shift) & mask)
                let at = counts[b]
                toKeys[at] = key
                toRows[at] = fromRows[i]
                counts[b] = at + 1
            }
            (fromKeys, fromRows, toKeys, toRows) = (toKeys, toRows, fromKeys, fromRows)
        }
        // After an odd number of passes the result is in the scratch space.
        if passes % 2 == 1 {
            _ = keys.update(fromContentsOf: fromKeys)
            _ = rows.update(fromContentsOf: fromRows)
        }
    }
}
