/// Rows ordered by a partition and sort keys packed into one unsigned
/// integer each, sorted by an LSD radix sort: the window stage's frame
/// without a comparison per pair of rows. Each key is taken relative to its
/// smallest value and given only the bits its range needs (one more value
/// for null, which sorts last as in `SortKeys.less`); when everything does
/// not fit 64 bits, `nil` says to use the comparison sort instead.
/// An LSD radix sort is stable, so ties keep the incoming row order.
enum PackedOrder {
    /// The packed key of every row: partition highest, then the keys in
    /// order; equal packed keys are equal keys in the same partition.
    static func keys(groups: [Int32], groupCount: Int, keys: [SortKeys.Key], rowCount: Int) throws -> (packed: [UInt64], bits: Int)? {
        guard keys.allSatisfy({ $0.dictionary == nil && $0.values.count == rowCount }) else { return nil }
        var packed = [UInt64](repeating: 0, count: rowCount)
        var bits = bitsFor(UInt64(max(groupCount - 1, 0)))
        for row in 0..<rowCount { packed[row] = UInt64(UInt32(bitPattern: groups[row])) }
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
            key.values.withUnsafeBufferPointer { values in
                for row in 0..<rowCount {
                    let value = key.nulls?[row] ?? false ? nullValue : UInt64(bitPattern: values[row]) &- UInt64(bitPattern: low)
                    packed[row] = width == 0 ? packed[row] : packed[row] << UInt64(width) | value
                }
            }
            bits += width
        }
        return (packed, bits)
    }

    static func bitsFor(_ largest: UInt64) -> Int { 64 - largest.leadingZeroBitCount }

    /// Row numbers in packed-key order (stable), by eleven bits a pass over
    /// only the bits in use.
    static func sortedRows(_ packed: [UInt64], bits: Int) throws -> [Int] {
        let n = packed.count
        var rows = (0..<n).map { UInt32(truncatingIfNeeded: $0) }
        var keys = packed
        guard bits > 0, n > 1 else { return rows.map(Int.init) }
        var otherRows = [UInt32](repeating: 0, count: n)
        var otherKeys = [UInt64](repeating: 0, count: n)
        let digit = 11, buckets = 1 << digit
        var counts = [Int](repeating: 0, count: buckets)
        var shift = 0
        while shift < bits {
            try Cancellation.check()
            let mask = UInt64(buckets - 1)
            for k in counts.indices { counts[k] = 0 }
            for key in keys { counts[Int((key &>> UInt64(shift)) & mask)] += 1 }
            var total = 0
            for k in counts.indices {
                let c = counts[k]
                counts[k] = total
                total += c
            }
            keys.withUnsafeBufferPointer { from in
                rows.withUnsafeBufferPointer { fromRows in
                    otherKeys.withUnsafeMutableBufferPointer { to in
                        otherRows.withUnsafeMutableBufferPointer { toRows in
                            counts.withUnsafeMutableBufferPointer { next in
                                for i in 0..<n {
                                    let key = from[i]
                                    let b = Int((key &>> UInt64(shift)) & mask)
                                    let at = next[b]
                                    to[at] = key
                                    toRows[at] = fromRows[i]
                                    next[b] = at + 1
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &otherKeys)
            swap(&rows, &otherRows)
            shift += digit
        }
        return rows.map(Int.init)
    }
}
