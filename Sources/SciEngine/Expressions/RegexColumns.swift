import SciLanguage

/// `extract` over a whole text column with a literal pattern: the pattern runs
/// once per string of the column's dictionary (each distinct string of a
/// dictionary-coded column, each row of a plain list), on the strings' bytes,
/// on every core. What it finds is a piece of its string, so the result is a
/// plain list of those pieces, coded as the column was: no `String` is made
/// and nothing is hashed.
extension Functions {
    static func extractColumn(_ column: Column, _ pattern: TextPattern, group: Int) throws -> Column {
        let compact = column.compacted()
        guard case .string(let codes, let dictionary) = compact.storage else { return compact }
        let entries = dictionary.count
        // Each string's piece, as offsets into its dictionary's bytes; -1: no match.
        var starts = [Int](repeating: -1, count: entries)
        var ends = [Int](repeating: 0, count: entries)
        let parts = Parallel.ranges(entries, minimum: 1 << 14)
        let compiled = pattern.bytes?.keeping(group)
        try dictionary.bytes.withUnsafeBufferPointer { all in
            try dictionary.offsets.withUnsafeBufferPointer { offsets in
                try starts.withUnsafeMutableBufferPointer { starts in
                    try ends.withUnsafeMutableBufferPointer { ends in
                        try Parallel.forEach(parts) { _, range, check in
                            var matcher = compiled.map(ByteRegex.Matcher.init)
                            for k in range {
                                try check(row: k)
                                let base = offsets[k]
                                let text = UnsafeBufferPointer(rebasing: all[base..<offsets[k + 1]])
                                if let found = pattern.firstMatch(bytes: text, group: group, matcher: &matcher) {
                                    starts[k] = base + found.lowerBound
                                    ends[k] = base + found.upperBound
                                }
                            }
                        }
                    }
                }
            }
        }
        let pieces = try Self.plainList(dictionary.bytes, starts, ends, parts)
        var nulls = compact.nulls ?? [Bool](repeating: false, count: codes.count)
        starts.withUnsafeBufferPointer { starts in
            for (row, code) in codes.enumerated() where starts[Int(code)] < 0 { nulls[row] = true }
        }
        return Column(.string(codes: codes, dictionary: pieces), nulls: nulls)
    }

    /// A plain list whose string k is `bytes[starts[k]..<ends[k]]` (empty
    /// where `starts[k]` is -1), copied on every core.
    static func plainList(_ bytes: [UInt8], _ starts: [Int], _ ends: [Int], _ parts: [Range<Int>]) throws -> StringDictionary {
        var offsets = [Int](repeating: 0, count: starts.count + 1)
        for k in starts.indices {
            offsets[k + 1] = offsets[k] + (starts[k] < 0 ? 0 : ends[k] - starts[k])
        }
        let total = offsets[starts.count]
        let copied = try [UInt8](unsafeUninitializedCapacity: total) { output, initialized in
            try bytes.withUnsafeBufferPointer { source in
                try Parallel.forEach(parts) { _, range, _ in
                    guard let to = output.baseAddress, let from = source.baseAddress else { return }
                    for k in range where starts[k] >= 0 && ends[k] > starts[k] {
                        (to + offsets[k]).initialize(from: from + starts[k], count: ends[k] - starts[k])
                    }
                }
            }
            initialized = total
        }
        var list = StringDictionary.plain()
        list.bytes = copied
        list.offsets = offsets
        return list
    }
}
