/// Sorts 64-bit integers by their bytes, least significant first: eight
/// counting passes at most over the array, and none for a byte every value
/// shares (ids, prices and days use three or four), where a comparison sort
/// of a million values makes twenty million comparisons. `describe` sorts
/// each number and date column so.
enum RadixSort {
    /// Throws `Interrupted` on Ctrl-C (looked at between the passes).
    static func sort(_ values: inout [Int64]) throws {
        let n = values.count
        if n < 256 {
            values.sort()
            return
        }
        // The sign bit flipped: signed order as unsigned order.
        var keys = values.map { UInt64(bitPattern: $0) ^ (1 << 63) }
        var counts = [Int](repeating: 0, count: 8 * 256)
        for key in keys {
            for byte in 0..<8 { counts[byte << 8 | Int((key >> UInt64(byte * 8)) & 0xff)] += 1 }
        }
        var other = [UInt64](repeating: 0, count: n)
        for byte in 0..<8 {
            // A byte every value shares leaves the order as it is.
            if (0..<256).contains(where: { counts[byte << 8 | $0] == n }) { continue }
            try Cancellation.check()
            var start = [Int](repeating: 0, count: 256)
            for digit in 1..<256 { start[digit] = start[digit - 1] + counts[byte << 8 | (digit - 1)] }
            let shift = UInt64(byte * 8)
            keys.withUnsafeBufferPointer { source in
                other.withUnsafeMutableBufferPointer { target in
                    start.withUnsafeMutableBufferPointer { start in
                        for key in source {
                            let digit = Int((key >> shift) & 0xff)
                            target[start[digit]] = key
                            start[digit] += 1
                        }
                    }
                }
            }
            swap(&keys, &other)
        }
        for i in 0..<n { values[i] = Int64(bitPattern: keys[i] ^ (1 << 63)) }
    }

    /// `values.sorted()` by the same passes: each double's bits turned into
    /// an integer of the same order (negatives' bits inverted, the sign bit
    /// of the others set). The standard library's sort of a million doubles
    /// is a merge sort, about ten times as long.
    static func sorted(_ values: [Double]) throws -> [Double] {
        if values.count < 256 { return values.sorted() }
        let sign: UInt64 = 1 << 63
        var keys = values.map { value -> Int64 in
            let bits = value.bitPattern
            let ordered = bits & sign != 0 ? ~bits : bits | sign
            return Int64(bitPattern: ordered ^ sign)
        }
        try sort(&keys)
        return keys.map { key in
            let ordered = UInt64(bitPattern: key) ^ sign
            return Double(bitPattern: ordered & sign != 0 ? ordered & ~sign : ~ordered)
        }
    }
}
