/// Work over a dictionary's strings as bytes, without making a `String` per
/// entry: a text filter over a column of a million distinct values, or the
/// code-point order of all of them, touches the arena once.
extension StringDictionary {
    /// `body` applied to each string's UTF-8 bytes, in code order.
    public func mapBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> [T] {
        var result: [T] = []
        result.reserveCapacity(count)
        try bytes.withUnsafeBufferPointer { all in
            try offsets.withUnsafeBufferPointer { offsets in
                for code in 0..<(offsets.count - 1) {
                    result.append(try body(UnsafeBufferPointer(rebasing: all[offsets[code]..<offsets[code + 1]])))
                }
            }
        }
        return result
    }

    /// Each code's position in code-point (UTF-8 byte) order. An MSD sort on
    /// eight bytes at a time: the codes are sorted by the big-endian word at
    /// `depth`, and each run of equal words by the next word, so most
    /// comparisons are of two integers rather than of two byte strings.
    /// Throws `Interrupted` on Ctrl-C (checked every few thousand comparisons).
    public func ranks() throws -> [Int32] {
        var order = (0..<count).map { Int32(truncatingIfNeeded: $0) }
        var keyed = [(UInt64, Int32)]()
        var comparisons = 0
        try bytes.withUnsafeBufferPointer { all in
            try offsets.withUnsafeBufferPointer { offsets in
                try order.withUnsafeMutableBufferPointer { order in
                    try Self.sortByBytes(order, 0..<order.count, depth: 0, all, offsets, &keyed, &comparisons)
                }
            }
        }
        var ranks = [Int32](repeating: 0, count: count)
        if isUnique {
            for (rank, code) in order.enumerated() { ranks[Int(code)] = Int32(truncatingIfNeeded: rank) }
            return ranks
        }
        // A plain list can hold a string more than once: equal strings, now
        // side by side, share a rank, so a later sort key breaks their tie.
        var rank: Int32 = 0
        for (position, code) in order.enumerated() {
            if position > 0, compare(Int(order[position - 1]), Int(code)) != 0 { rank = Int32(truncatingIfNeeded: position) }
            ranks[Int(code)] = rank
        }
        return ranks
    }

    /// The eight bytes of string `code` from `depth` as a big-endian word,
    /// zero-padded: a shorter string's word is never greater, so word order
    /// never contradicts byte order (equal words need the next word).
    @inline(__always)
    static func word(_ all: UnsafeBufferPointer<UInt8>, _ offsets: UnsafeBufferPointer<Int>, _ code: Int32, _ depth: Int) -> UInt64 {
        let start = offsets[Int(code)] + depth, end = offsets[Int(code) + 1]
        var word: UInt64 = 0
        var i = start
        while i < start + 8 {
            word = word << 8 | (i < end ? UInt64(all[i]) : 0)
            i += 1
        }
        return word
    }

    static func sortByBytes(_ order: UnsafeMutableBufferPointer<Int32>, _ range: Range<Int>, depth: Int,
                            _ all: UnsafeBufferPointer<UInt8>, _ offsets: UnsafeBufferPointer<Int>, _ keyed: inout [(UInt64, Int32)],
                            _ comparisons: inout Int) throws {
        if range.count < 2 { return }
        keyed.removeAll(keepingCapacity: true)
        for i in range { keyed.append((word(all, offsets, order[i], depth), order[i])) }
        try keyed.sort {
            try Cancellation.check(row: comparisons)
            comparisons &+= 1
            return $0.0 < $1.0
        }
        for (k, entry) in keyed.enumerated() { order[range.lowerBound + k] = entry.1 }
        // Runs of equal words: the strings agree on these eight bytes.
        var runStart = range.lowerBound
        var runWord = keyed[0].0
        var runs: [Range<Int>] = []
        for k in 1...keyed.count {
            if k == keyed.count || keyed[k].0 != runWord {
                if range.lowerBound + k - runStart > 1 { runs.append(runStart..<(range.lowerBound + k)) }
                if k < keyed.count {
                    runStart = range.lowerBound + k
                    runWord = keyed[k].0
                }
            }
        }
        for run in runs {
            // Strings that all end within these bytes differ only by length
            // (zero bytes padded like the end): shorter first.
            let allEnd = run.allSatisfy { offsets[Int(order[$0]) + 1] - offsets[Int(order[$0])] <= depth + 8 }
            if allEnd {
                let sorted = order[run].sorted {
                    offsets[Int($0) + 1] - offsets[Int($0)] < offsets[Int($1) + 1] - offsets[Int($1)]
                }
                for (k, code) in sorted.enumerated() { order[run.lowerBound + k] = code }
            } else {
                try sortByBytes(order, run, depth: depth + 8, all, offsets, &keyed, &comparisons)
            }
        }
    }
}

/// Plain-text tests on UTF-8 bytes.
enum ByteMatch {
    static func contains(_ text: UnsafeBufferPointer<UInt8>, _ pattern: [UInt8]) -> Bool {
        let n = pattern.count
        if n == 0 { return true }
        if n > text.count { return false }
        let first = pattern[0]
        return pattern.withUnsafeBufferPointer { pattern in
            var i = 0
            let last = text.count - n
            while i <= last {
                if text[i] == first {
                    var j = 1
                    while j < n, text[i + j] == pattern[j] { j += 1 }
                    if j == n { return true }
                }
                i += 1
            }
            return false
        }
    }

    static func startsWith(_ text: UnsafeBufferPointer<UInt8>, _ pattern: [UInt8]) -> Bool {
        pattern.count <= text.count && text.prefix(pattern.count).elementsEqual(pattern)
    }

    static func endsWith(_ text: UnsafeBufferPointer<UInt8>, _ pattern: [UInt8]) -> Bool {
        pattern.count <= text.count && text.suffix(pattern.count).elementsEqual(pattern)
    }
}
