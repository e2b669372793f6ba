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
        // Each string's piece (`Piece`), 0 where nothing matched.
        var pieces = [UInt64](repeating: 0, count: entries)
        let parts = Parallel.ranges(entries, minimum: 1 << 14)
        let compiled = pattern.bytes?.keeping(group)
        try dictionary.bytes.withUnsafeBufferPointer { all in
            try dictionary.offsets.withUnsafeBufferPointer { offsets in
                try pieces.withUnsafeMutableBufferPointer { pieces in
                    try Parallel.forEach(parts) { _, range, check in
                        let matcher = compiled.map(ByteRegex.Matcher.init)
                        for k in range {
                            try check(row: k)
                            let text = UnsafeBufferPointer(rebasing: all[offsets[k]..<offsets[k + 1]])
                            if let found = pattern.firstMatch(bytes: text, group: group, matcher: matcher) {
                                pieces[k] = Piece.make(found)
                            }
                        }
                    }
                }
            }
        }
        let list = try Self.plainList(dictionary, pieces, parts)
        var nulls = compact.nulls ?? [Bool](repeating: false, count: codes.count)
        pieces.withUnsafeBufferPointer { pieces in
            for (row, code) in codes.enumerated() where pieces[Int(code)] == 0 { nulls[row] = true }
        }
        return Column(.string(codes: codes, dictionary: list), nulls: nulls)
    }

    /// A match's byte range within its string in one word (half the memory
    /// of two offsets, for a million strings): the top bit says it matched,
    /// then the start (31 bits) and the length (32 bits).
    enum Piece {
        static func make(_ range: Range<Int>) -> UInt64 {
            1 << 63 | UInt64(truncatingIfNeeded: range.lowerBound & 0x7fff_ffff) << 32 | UInt64(truncatingIfNeeded: range.count & 0xffff_ffff)
        }

        @inline(__always)
        static func start(_ piece: UInt64) -> Int { Int(truncatingIfNeeded: piece >> 32 & 0x7fff_ffff) }

        @inline(__always)
        static func count(_ piece: UInt64) -> Int { Int(truncatingIfNeeded: piece & 0xffff_ffff) }
    }

    /// A plain list whose string k is piece k of the dictionary's string k
    /// (empty where nothing matched), copied on every core.
    static func plainList(_ dictionary: StringDictionary, _ pieces: [UInt64], _ parts: [Range<Int>]) throws -> StringDictionary {
        var offsets = [Int](repeating: 0, count: pieces.count + 1)
        for k in pieces.indices { offsets[k + 1] = offsets[k] + Piece.count(pieces[k]) }
        let total = offsets[pieces.count]
        let copied = try [UInt8](unsafeUninitializedCapacity: total) { output, initialized in
            try dictionary.bytes.withUnsafeBufferPointer { source in
                try Parallel.forEach(parts) { _, range, _ in
                    guard let to = output.baseAddress, let from = source.baseAddress else { return }
                    for k in range where pieces[k] != 0 {
                        // Pieces are short: a loop, not a call to memmove each.
                        let target = to + offsets[k], origin = from + dictionary.offsets[k] + Piece.start(pieces[k])
                        for i in 0..<Piece.count(pieces[k]) { (target + i).initialize(to: origin[i]) }
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
